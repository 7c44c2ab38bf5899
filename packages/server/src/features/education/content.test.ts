import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_GRADE } from '@puente/core';
import { describe, expect, it } from 'vitest';
import { readTopicFiles, topicReadability } from './content.js';

const subjects = [
  'depression-anxiety',
  'stress-coping',
  'myths-facts',
  'talking-with-family',
  'crisis-lines',
  'counseling-affordable-care',
  'insurance-coverage',
  'caring-for-caregivers',
  'grief',
  'alcohol-drugs',
];

describe('the topics shipped with Puente', async () => {
  const { topics, problems } = await readTopicFiles();

  it('all parse, with nothing reported', () => {
    expect(problems).toEqual([]);
    expect(topics.map((t) => t.id).sort()).toEqual(subjects.flatMap((s) => [`${s}-en`, `${s}-es`]).sort());
  });

  it.each(topics.map((t) => [t.id, t] as const))(
    '%s links its other language, which links back',
    (_id, t) => {
      const other = topics.find((o) => o.id === t.otherLanguage);
      expect(other?.otherLanguage).toBe(t.id);
      expect(other?.language).not.toBe(t.language);
    },
  );

  it.each(topics.map((t) => [t.id, t] as const))(
    '%s reads at grade 8 or below, as its front matter says',
    (_id, t) => {
      const r = topicReadability(t.body, t.language);
      expect(r.grade).toBeLessThanOrEqual(MAX_GRADE);
      expect(Math.abs(r.grade - t.readingLevel)).toBeLessThanOrEqual(0.5);
      expect(r.words).toBeGreaterThanOrEqual(150);
      expect(r.words).toBeLessThanOrEqual(300);
    },
  );
});

describe('a broken topic file', () => {
  it('is left out with a message naming the file and what to fix; the good ones still load', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'puente-topics-'));
    try {
      await mkdir(join(dir, 'en'));
      await mkdir(join(dir, 'es'));
      const front = (id: string, lang: string, other: string) =>
        `---\nid: ${id}\ntitle: T\ntopic: ${id.slice(0, -3)}\nlanguage: ${lang}\nreadingLevel: 5\nreviewedBy: R\nreviewedOn: 2026-11-01\notherLanguage: ${other}\n---\n\nText.`;
      await writeFile(join(dir, 'en', 'good.md'), front('good-en', 'en', 'good-es'));
      await writeFile(join(dir, 'es', 'good.md'), front('good-es', 'es', 'good-en'));
      await writeFile(join(dir, 'en', 'alone.md'), front('alone-en', 'en', 'alone-es'));
      await writeFile(join(dir, 'en', 'broken.md'), '---\ntitle Missing colon\n---\nText');
      await writeFile(
        join(dir, 'en', 'bad-date.md'),
        front('bad-en', 'en', 'bad-es').replace('2026-11-01', '2026-13-40'),
      );
      const { topics, problems } = await readTopicFiles(dir);
      expect(topics.map((t) => t.id).sort()).toEqual(['good-en', 'good-es']);
      expect(problems).toEqual(
        expect.arrayContaining([
          { file: 'en/alone.md', message: 'Its other language (alone-es) is missing.' },
          { file: 'en/broken.md', message: expect.stringMatching(/line 2 is not "key: value"/) },
          { file: 'en/bad-date.md', message: expect.stringMatching(/reviewedOn/) },
        ]),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
