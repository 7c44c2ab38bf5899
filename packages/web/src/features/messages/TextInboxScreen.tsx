import type { InboxText, Problem } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { formatMoment } from '../../ui/format';
import { EmptyState, ProblemAlert } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { useOnline } from '../../ui/useOnline';
import { getTextInbox } from './api';
import './messages.css';

/**
 * Supervisor: texts to the program's number from numbers nobody in the
 * program has (a new phone, a wrong number, someone who heard of the
 * program), newest first, each with a way to call back. Reading them is
 * audited on the server; they need signal, as every text does.
 */
export function TextInboxScreen() {
  const { t, locale } = useI18n();
  const online = useOnline();
  const [texts, setTexts] = useState<InboxText[]>();
  const [problem, setProblem] = useState<Problem>();
  useEffect(() => {
    if (!online) return;
    getTextInbox().then(
      (list) => {
        setTexts(list);
        setProblem(undefined);
      },
      (error) => setProblem(toProblem(error)),
    );
  }, [online]);

  return (
    <>
      <PageHeading text={t('smsAdmin.inboxTitle')} />
      <p class="lead">{t('smsAdmin.inboxIntro')}</p>
      {!online && <p class="notice">{t('sms.offline')}</p>}
      <ProblemAlert problem={problem} />
      {online && !texts && !problem && <p role="status">{t('app.loading')}</p>}
      {texts?.length === 0 && (
        <EmptyState title={t('smsAdmin.inboxNone')}>
          <p>{t('smsAdmin.inboxNoneHint')}</p>
        </EmptyState>
      )}
      {texts && texts.length > 0 && (
        <ul class="rows">
          {texts.map((m) => (
            <li key={m.id} class="row">
              <div class="row-main">
                <p class="row-title">{t('smsAdmin.inboxFrom', { number: m.from })}</p>
                <p class="row-meta">{formatMoment(locale, m.at)}</p>
                <p class="text-body">{m.body}</p>
              </div>
              <div class="row-actions">
                <a class="button" href={`tel:${m.from}`}>
                  {t('smsAdmin.inboxCall', { number: m.from })}
                </a>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
