import {
  MAX_SEGMENTS,
  type MessageKey,
  type Problem,
  segmentCount,
  type TextThread,
  uuidv7,
} from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { TextArea } from '../../ui/Field';
import { formatMoment } from '../../ui/format';
import { EmptyState, ProblemAlert, StatusMessage } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { useOnline } from '../../ui/useOnline';
import type { SectionProps } from '../person/section';
import { getThread, sendText } from './api';
import { SegmentCounter } from './SegmentCounter';
import './messages.css';

const statusBadge: Record<string, string> = {
  delivered: 'badge',
  received: 'badge',
  sent: 'badge badge--muted',
  queued: 'badge badge--muted',
  undelivered: 'badge badge--danger',
  failed: 'badge badge--danger',
  refused: 'badge badge--warn',
};

/**
 * The person's texts with the program, oldest first, with whether each
 * arrived; a box to send one from the program's number, with its length in
 * texts. When no text may go (no consent, STOP, not safe to contact), the
 * section says why instead of offering to send.
 */
export function MessagesSection({ client }: SectionProps) {
  const { t, locale } = useI18n();
  const online = useOnline();
  const [thread, setThread] = useState<TextThread>();
  const [problem, setProblem] = useState<Problem>();
  const [status, setStatus] = useState<string>();
  const [text, setText] = useState('');
  // One id per message being written: sent twice (a lost answer), it is the same text.
  const [draftId, setDraftId] = useState(uuidv7);
  const { busy, problem: sendProblem, errors, run } = useAction();

  const load = () =>
    getThread(client.id).then(
      (th) => {
        setThread(th);
        setProblem(undefined);
      },
      (error) => setProblem(toProblem(error)),
    );
  useEffect(() => {
    if (online) void load();
  }, [online, client.id]);

  const submit = async (event: Event) => {
    event.preventDefault();
    setStatus(undefined);
    const ok = await run(async () => {
      await sendText(client.id, draftId, text);
    });
    if (ok) {
      setText('');
      setDraftId(uuidv7());
      setStatus(t('sms.sent'));
      await load();
    }
  };

  const tooLong = segmentCount(text).segments > MAX_SEGMENTS;
  return (
    <section aria-labelledby="texts-title">
      <h2 id="texts-title">{t('sms.title')}</h2>
      <p class="hint">{t('sms.intro')}</p>
      {!online && <p class="notice">{t('sms.offline')}</p>}
      <StatusMessage message={status} />
      <ProblemAlert problem={problem} />
      {online && !thread && !problem && <p role="status">{t('app.loading')}</p>}
      {thread && !thread.canText && thread.reason && (
        <p class="notice">{t(`sms.why_${thread.reason}` as MessageKey)}</p>
      )}
      {thread?.messages.length === 0 && (
        <EmptyState title={t('sms.none')}>
          <p>{t('sms.noneHint')}</p>
        </EmptyState>
      )}
      {thread && thread.messages.length > 0 && (
        <ol class="text-thread">
          {thread.messages.map((m) => (
            <li key={m.id} class={`text-bubble text-bubble--${m.direction}`}>
              <p class="row-meta">
                {t(m.direction === 'in' ? 'sms.from_in' : 'sms.from_out')} · {t(`sms.kind_${m.kind}`)}
                {m.sentBy && ` ${t('sms.sentBy', { name: m.sentBy })}`} · {formatMoment(locale, m.at)}
              </p>
              {m.body && <p class="text-body">{m.body}</p>}
              <p>
                <span class={statusBadge[m.status] ?? 'badge'}>{t(`sms.status_${m.status}`)}</span>
              </p>
            </li>
          ))}
        </ol>
      )}
      {thread?.canText && (
        <form onSubmit={submit} noValidate>
          <ProblemAlert problem={sendProblem} />
          <TextArea
            id="text-message"
            label={t('sms.message')}
            value={text}
            onValue={setText}
            error={errors.text}
            maxLength={1600}
          />
          <SegmentCounter id="text-message-count" text={text} />
          <button type="submit" disabled={busy || !online || text.trim() === '' || tooLong}>
            {busy ? t('sms.sending') : t('sms.send')}
          </button>
        </form>
      )}
    </section>
  );
}
