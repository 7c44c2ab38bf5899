import { type ConflictSide, type SyncConflict, sameValue } from '@puente/core';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { formatMoment } from '../../ui/format';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { fieldName, quoted } from './text';

/** Button labels quote at most this many characters of a value; the sentence above quotes it whole. */
const LABEL_CHARS = 32;

interface Props {
  conflict: SyncConflict;
  /** Settles it on the server; rejects with the refusal. */
  onChoose: (conflict: SyncConflict, choose: 'kept' | 'lost') => Promise<void>;
}

/**
 * One change to check, in plain words: "On 12 May you changed the phone number
 * to X, but Daniel had changed it to Y. Kept: Y." with a button for each value.
 */
export function ConflictCard({ conflict: c, onChoose }: Props) {
  const { t, locale } = useI18n();
  const { busy, problem, run } = useAction();
  const who = (side: ConflictSide) => (side.byYou ? t('conflicts.you') : (side.by ?? t('conflicts.someone')));
  const value = (v: unknown, max?: number) => quoted(t, locale, c.field, v, max);
  const heading = `conflict-${c.id}`;
  const story = `conflict-${c.id}-story`;
  // Someone changed the detail again since: putting the lost value back would overwrite that unseen.
  const outdated = !sameValue(c.current ?? null, c.kept ?? null);
  const choose = (choice: 'kept' | 'lost') => run(() => onChoose(c, choice));

  return (
    <li class="card" aria-labelledby={heading}>
      <h2 id={heading} tabIndex={-1}>
        <Link href={`/people/${encodeURIComponent(c.clientId)}`}>{c.clientName}</Link>
      </h2>
      <div id={story}>
        <p>
          {t('conflicts.story', {
            date: formatMoment(locale, c.incoming.at ?? c.at),
            who: who(c.incoming),
            field: fieldName(t, c.field),
            value: value(c.incoming.value),
            other: who(c.server),
            otherValue: value(c.server.value),
          })}
        </p>
        <p>{t('conflicts.kept', { value: value(c.kept) })}</p>
        {outdated && <p class="warning">{t('conflicts.changedSince', { value: value(c.current) })}</p>}
      </div>
      <ProblemAlert problem={problem} />
      <p class="actions">
        {outdated ? (
          <button type="button" aria-describedby={story} disabled={busy} onClick={() => void choose('kept')}>
            {t('conflicts.leave')}
          </button>
        ) : (
          <>
            <button
              type="button"
              class="primary"
              aria-describedby={story}
              disabled={busy}
              onClick={() => void choose('kept')}
            >
              {t('conflicts.keep', { value: value(c.kept, LABEL_CHARS) })}
            </button>
            <button
              type="button"
              aria-describedby={story}
              disabled={busy}
              onClick={() => void choose('lost')}
            >
              {t('conflicts.use', { value: value(c.lost, LABEL_CHARS) })}
            </button>
          </>
        )}
      </p>
    </li>
  );
}
