import type { Problem, Referral, ReferralDetail, ReferralEvent } from '@puente/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { formatDay, formatMoment } from '../../ui/format';
import { ProblemAlert } from '../../ui/Messages';
import { Disclosure } from '../person/Disclosure';
import { AttemptForm } from './AttemptForm';
import { moveReferral, referralHistory } from './api';
import { ReferralFlags } from './Flags';
import { MoveForm } from './MoveForm';
import { newest } from './newest';

interface Props {
  referral: Referral;
  attemptsRequired: number;
  onChanged: (message: string) => Promise<void>;
  /**
   * Not all on the server yet: `made` on this phone (nothing to follow up until it arrives),
   * or `changed` here (a move or an attempt waits to be sent; follow-up goes on).
   */
  waiting?: 'made' | 'changed' | undefined;
}

function EventLine({ event: e }: { event: ReferralEvent }) {
  const { t, locale } = useI18n();
  const when = formatMoment(locale, e.at);
  const name = e.byName;
  const what =
    e.kind === 'created'
      ? t('referrals.eventCreated', { name })
      : e.kind === 'contact-attempt' && e.contactResult
        ? t('referrals.eventAttempt', { result: t(`referrals.contactResult_${e.contactResult}`), name })
        : t('referrals.eventStatus', { status: e.status ? t(`referrals.status_${e.status}`) : '', name });
  return (
    <li>
      <span class="row-meta">{when}</span> {what}
      {e.reason ? ` — ${e.reason}` : ''}
    </li>
  );
}

/** What the history shows: the server's referral with its lines, a note that they need signal, or why they could not be read. */
export type History = { detail: ReferralDetail } | { needsSignal: true } | { problem: Problem };

/** One referral on the person's page: where it stands, its history, and what the CHW can do next. */
export function ReferralCard({ referral: copy, attemptsRequired, onChanged, waiting }: Props) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState<'move' | 'attempt' | undefined>();
  const details = useRef<HTMLDetailsElement>(null);
  const [history, setHistory] = useState<History>();
  const r = newest(copy, history && 'detail' in history ? history.detail : undefined);
  const open_ = r.closedAt === null;
  const readHistory = async () => {
    try {
      const detail = await referralHistory(r.id);
      setHistory(detail ? { detail } : { needsSignal: true });
    } catch (error) {
      setHistory({ problem: toProblem(error) });
    }
  };
  const toggleHistory = () => {
    if (details.current?.open && !(history && 'detail' in history)) void readHistory();
  };
  // A sync brought a newer copy (news, or the periodic pull): a history on show is read again to match it.
  useEffect(() => {
    if (details.current?.open && history && 'detail' in history && copy.updatedAt > history.detail.updatedAt)
      void readHistory();
  }, [copy.updatedAt]);
  // The note promises the history once there is signal: keep the promise if it is still open.
  useEffect(() => {
    if (!(history && 'needsSignal' in history)) return;
    window.addEventListener('online', toggleHistory);
    return () => window.removeEventListener('online', toggleHistory);
  }, [history]);
  const done = (message: string) => async () => {
    setOpen(undefined);
    setHistory(undefined);
    await onChanged(message);
    // The change is part of the history: read it again if it is showing.
    if (details.current?.open) await readHistory();
  };
  return (
    <li class="card referral">
      <h3 class="row-title">{t('referrals.cardTitle', { service: r.serviceName })}</h3>
      <p class="row-meta">
        {t('referrals.cardMeta', {
          partner: r.partnerName,
          date: formatDay(locale, r.createdAt.slice(0, 10)),
          name: r.requestedByName,
        })}
      </p>
      <p class="row-meta">{t(`vocab.needArea_${r.need}`)}</p>
      <ReferralFlags referral={r} />
      {r.doNotContact && <p class="warning">{t('referrals.doNotContactFlag')}</p>}
      {waiting === 'made' && <p class="hint">{t('referrals.waitingToSend')}</p>}
      {waiting === 'changed' && <p class="hint">{t('referrals.changeWaiting')}</p>}
      {open_ && waiting !== 'made' && (
        <p class="hint">
          {t(r.partnerHasAccounts ? 'referrals.partnerAnswers' : 'referrals.youRecord', {
            partner: r.partnerName,
          })}
        </p>
      )}
      {open_ && r.failedContactAttempts > 0 && (
        <p class="row-meta">
          {t('referrals.failedAttempts', { count: r.failedContactAttempts, required: attemptsRequired })}
          {r.mayCloseUnreachable ? ` ${t('referrals.mayCloseUnreachable')}` : ''}
        </p>
      )}
      {waiting !== 'made' && (
        <details ref={details} onToggle={toggleHistory}>
          <summary>{t('referrals.history')}</summary>
          {history && 'detail' in history && (
            <ol class="history">
              {history.detail.events.map((e) => (
                <EventLine key={e.id} event={e} />
              ))}
            </ol>
          )}
          {history && 'needsSignal' in history && <p class="hint">{t('referrals.historyNeedsSignal')}</p>}
          {history && 'problem' in history && <ProblemAlert problem={history.problem} />}
        </details>
      )}
      {r.nextStatuses.length > 0 && (
        <Disclosure
          id={`move-${r.id}`}
          label={t('referrals.update')}
          name={t('referrals.updateNamed', { service: r.serviceName })}
          open={open === 'move'}
          onToggle={(o) => setOpen(o ? 'move' : undefined)}
        >
          <MoveForm
            id={`move-${r.id}`}
            moves={r.nextStatuses}
            onSave={(body) => moveReferral(r.id, body)}
            onSaved={done(t('referrals.updated'))}
          />
        </Disclosure>
      )}
      {open_ && waiting !== 'made' && (
        <Disclosure
          id={`attempt-${r.id}`}
          label={t('referrals.logAttempt')}
          name={t('referrals.logAttemptNamed', { service: r.serviceName })}
          open={open === 'attempt'}
          onToggle={(o) => setOpen(o ? 'attempt' : undefined)}
        >
          <AttemptForm referralId={r.id} onSaved={done(t('referrals.attemptLogged'))} />
        </Disclosure>
      )}
    </li>
  );
}
