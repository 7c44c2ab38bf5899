import { describe, expect, it } from 'vitest';
import { englishSyllables, readability, spanishSyllables } from './readability.js';

describe('syllables, counted by hand', () => {
  it.each([
    ['reading', 2],
    ['little', 2],
    ['hopes', 1],
    ['wanted', 2],
    ['played', 1],
    ['agreed', 2],
    ['family', 3],
    ['serious', 3],
    ['caregiver', 3],
    ['sometimes', 2],
    ['lonely', 2],
    ['medication', 4],
  ])('English %s has %i', (word, n) => expect(englishSyllables(word)).toBe(n));

  it.each([
    ['familia', 3],
    ['que', 1],
    ['guerra', 2],
    ['pingüino', 3],
    ['país', 2],
    ['día', 2],
    ['hoy', 1],
    ['poeta', 3],
    ['baúl', 2],
    ['línea', 3],
    ['ciudad', 2],
    ['psicoterapéuticas', 7],
    ['requiere', 3],
  ])('Spanish %s has %i', (word, n) => expect(spanishSyllables(word)).toBe(n));
});

describe('Flesch–Kincaid grade (English), against hand counts', () => {
  it.each([
    // 6 words, 6 syllables, 1 sentence: 0.39·6 + 11.8·1 − 15.59
    ['The cat sat on the mat.', -1.45],
    // 12 words, 17 syllables, 2 sentences: 0.39·6 + 11.8·17/12 − 15.59
    ['Depression is a common health problem. It can get better with help.', 3.47],
  ])('%s → grade %d', (text, grade) => {
    const r = readability(text, 'en');
    expect(r.formula).toBe('flesch-kincaid');
    expect(r.grade).toBeCloseTo(grade, 0);
    expect(Math.abs(r.grade - grade)).toBeLessThanOrEqual(0.1);
  });

  it('puts jargon far past grade 8', () => {
    const r = readability(
      'Comprehensive psychological evaluations facilitate individualized treatment recommendations.',
      'en',
    );
    expect(r.grade).toBeGreaterThan(16);
  });

  it('scores nothing to read as grade 0 rather than failing', () => {
    expect(readability('', 'en').grade).toBe(0);
  });
});

describe('Fernández-Huerta (Spanish), against hand counts', () => {
  it.each([
    // 7 words, 12 syllables, 1 sentence: 206.84 − 60·12/7 − 1.02·7 = 96.84 → 4th grade
    ['La depresión es un problema de salud.', 96.8, 4],
    // 12 words, 22 syllables, 2 sentences: 206.84 − 60·22/12 − 1.02·6 = 90.72 → 4th grade
    ['Hable con alguien de confianza. Pedir ayuda es una señal de fuerza.', 90.7, 4],
    // 10 words, 45 syllables: 206.84 − 270 − 10.2 = −73.36 → university
    [
      'La implementación de intervenciones psicoterapéuticas individualizadas requiere evaluaciones multidimensionales exhaustivas.',
      -73.4,
      16,
    ],
  ])('%s → ease %d, grade %d', (text, ease, grade) => {
    const r = readability(text, 'es');
    expect(r.formula).toBe('fernandez-huerta');
    expect(Math.abs(r.score - ease)).toBeLessThanOrEqual(0.1);
    expect(r.grade).toBe(grade);
  });
});
