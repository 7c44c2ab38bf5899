import { type QuestionnaireItem, type ResponseAnswer, textIn } from '@puente/core';
import { useI18n } from '../../app/i18n';
import { type Answers, isEnabled, isQuestion } from './enable';
import './screenings.css';

interface Props {
  item: QuestionnaireItem;
  answers: Answers;
  /** Language of the questions (the person's, or the CHW's). */
  lang: string;
  onAnswer: (linkId: string, answers: ResponseAnswer[]) => void;
  /** Questions still unanswered after "see the result". */
  missing: ReadonlySet<string>;
}

const sameCode = (a: ResponseAnswer, code: string | undefined, system: string | undefined) =>
  a.valueCoding?.code === code && (a.valueCoding?.system ?? '') === (system ?? '');

/** One item of any Questionnaire: coded answers as big radio buttons (checkboxes when several apply). */
export function QuestionItem({ item, answers, lang, onAnswer, missing }: Props) {
  const { t } = useI18n();
  if (!isEnabled(item, answers) || item.readOnly) return null;
  const text = textIn(item.text, item._text, lang);
  const given = answers.get(item.linkId) ?? [];
  const id = `q-${item.linkId}`;

  if (item.type === 'display')
    return (
      <p class="question-note" lang={lang}>
        {text}
      </p>
    );
  if (item.type === 'group') {
    return (
      <section class="question-group" aria-labelledby={`${id}-title`}>
        <h3 id={`${id}-title`} lang={lang}>
          {text}
        </h3>
        {(item.item ?? []).map((child) => (
          <QuestionItem
            key={child.linkId}
            item={child}
            answers={answers}
            lang={lang}
            onAnswer={onAnswer}
            missing={missing}
          />
        ))}
      </section>
    );
  }
  if (!isQuestion(item)) return null;
  const unanswered = missing.has(item.linkId);
  const error = unanswered ? (
    <p id={`${id}-error`} class="field-error">
      {t('screening.required')}
    </p>
  ) : null;

  if (item.type === 'choice' || item.type === 'boolean') {
    const options =
      item.type === 'boolean'
        ? [
            { key: 'true', label: t('screening.yes'), answer: { valueBoolean: true } as ResponseAnswer },
            { key: 'false', label: t('screening.no'), answer: { valueBoolean: false } as ResponseAnswer },
          ]
        : (item.answerOption ?? []).map((o) => ({
            key: `${o.valueCoding.system ?? ''}|${o.valueCoding.code ?? ''}`,
            label: textIn(o.valueCoding.display, o.valueCoding._display, lang),
            answer: {
              valueCoding: {
                system: o.valueCoding.system,
                code: o.valueCoding.code,
                display: o.valueCoding.display,
              },
            },
          }));
    const isThis = (g: ResponseAnswer, a: ResponseAnswer) =>
      a.valueCoding
        ? sameCode(g, a.valueCoding.code, a.valueCoding.system)
        : g.valueBoolean === a.valueBoolean;
    const picked = (a: ResponseAnswer) => given.some((g) => isThis(g, a));
    const many = item.type === 'choice' && item.repeats;
    const toggle = (a: ResponseAnswer) => {
      if (!many) onAnswer(item.linkId, [a]);
      else onAnswer(item.linkId, picked(a) ? given.filter((g) => !isThis(g, a)) : [...given, a]);
    };
    return (
      <fieldset
        id={id}
        class={unanswered ? 'question question--missing' : 'question'}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <legend lang={lang}>{text}</legend>
        {error}
        <div class="answers">
          {options.map((o) => (
            <label key={o.key} class="answer" lang={lang}>
              <input
                type={many ? 'checkbox' : 'radio'}
                name={id}
                checked={picked(o.answer)}
                onChange={() => toggle(o.answer)}
              />
              <span>{o.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
    );
  }

  const value = given[0];
  const set = (raw: string) => {
    if (raw.trim() === '') return onAnswer(item.linkId, []);
    if (item.type === 'integer') return onAnswer(item.linkId, [{ valueInteger: Math.trunc(Number(raw)) }]);
    if (item.type === 'decimal') return onAnswer(item.linkId, [{ valueDecimal: Number(raw) }]);
    if (item.type === 'date') return onAnswer(item.linkId, [{ valueDate: raw }]);
    return onAnswer(item.linkId, [{ valueString: raw }]);
  };
  const shown = String(
    value?.valueInteger ?? value?.valueDecimal ?? value?.valueDate ?? value?.valueString ?? '',
  );
  const common = {
    id,
    value: shown,
    'aria-invalid': unanswered || undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
    onInput: (e: { currentTarget: { value: string } }) => set(e.currentTarget.value),
  };
  return (
    <div class={unanswered ? 'field field--invalid' : 'field'}>
      <label for={id} lang={lang}>
        {text}
      </label>
      {error}
      {item.type === 'text' && <textarea rows={3} {...common} />}
      {item.type === 'date' && <input type="date" {...common} />}
      {item.type !== 'text' && item.type !== 'date' && (
        <input
          type="text"
          inputMode={item.type === 'integer' ? 'numeric' : item.type === 'decimal' ? 'decimal' : 'text'}
          {...common}
        />
      )}
    </div>
  );
}
