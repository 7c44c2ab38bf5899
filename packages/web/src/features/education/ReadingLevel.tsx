import { MAX_GRADE, TARGET_GRADE } from '@puente/core';
import { useI18n } from '../../app/i18n';

interface Figure {
  formula: 'flesch-kincaid' | 'fernandez-huerta';
  score: number;
  grade: number;
}

/** "Reading level: grade 6 (Flesch–Kincaid 5.8)", with a warning past grade 8. */
export function ReadingLevel({ figure, advice }: { figure: Figure; advice?: boolean }) {
  const { t } = useI18n();
  const formula = t(
    figure.formula === 'flesch-kincaid' ? 'education.fleschKincaid' : 'education.fernandezHuerta',
  );
  const grade = Math.max(0, Math.round(figure.grade));
  const over = figure.grade > MAX_GRADE;
  return (
    <p class={over ? 'reading-level reading-level--over' : 'reading-level'}>
      {t('education.gradeLabel', { grade, formula, score: figure.score })}
      {advice && over && <span class="reading-advice"> {t('education.overTarget')}</span>}
      {advice && !over && Math.abs(figure.grade - TARGET_GRADE) <= 1 && (
        <span class="reading-advice"> {t('education.nearTarget')}</span>
      )}
    </p>
  );
}
