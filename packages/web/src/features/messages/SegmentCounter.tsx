import { MAX_SEGMENTS, segmentCount } from '@puente/core';
import { useI18n } from '../../app/i18n';

/**
 * How many texts a message takes as carriers count them (core's counter, the
 * one the server refuses by), and which characters make it UCS-2, so a
 * promotora can swap "á" for "a" to fit one text.
 */
export function SegmentCounter({ id, text }: { id: string; text: string }) {
  const { t } = useI18n();
  const c = segmentCount(text);
  const over = c.segments > MAX_SEGMENTS;
  return (
    <div id={id} class="segment-counter" aria-live="polite">
      <p class={over ? 'field-error' : 'hint'}>
        {t('sms.counter', {
          chars: [...text].length,
          segments: c.segments,
          max: MAX_SEGMENTS,
          encoding: c.encoding,
        })}
        {over && ` ${t('sms.tooLong', { max: MAX_SEGMENTS })}`}
      </p>
      {c.unicodeCharacters.length > 0 && (
        <p class="hint">{t('sms.counterUnicode', { list: c.unicodeCharacters.join(' ') })}</p>
      )}
    </div>
  );
}
