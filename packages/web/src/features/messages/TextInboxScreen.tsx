import type { InboxText, Problem } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { formatMoment } from '../../ui/format';
import { EmptyState, ProblemAlert, StatusMessage } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { useOnline } from '../../ui/useOnline';
import { Disclosure } from '../person/Disclosure';
import { getTextInbox } from './api';
import { PlaceText } from './PlaceText';
import './messages.css';

/**
 * Supervisor: texts to the program's number from numbers nobody in the
 * program has (a new phone, a wrong number, someone who heard of the
 * program), newest first, each with a way to call back, to put it in the
 * thread of the person it is from, or to mark it handled. Reading and
 * placing them is audited on the server; they need signal, as every text does.
 */
export function TextInboxScreen() {
  const { t, locale } = useI18n();
  const online = useOnline();
  const [texts, setTexts] = useState<InboxText[]>();
  const [problem, setProblem] = useState<Problem>();
  const [placing, setPlacing] = useState<string>();
  const [news, setNews] = useState<string>();
  // A text placed leaves the inbox with the number's others that went with it (into the same thread).
  const placed = (text: InboxText, name: string | undefined) => {
    setPlacing(undefined);
    setTexts((all) => all?.filter((m) => (name ? m.from !== text.from : m.id !== text.id)));
    setNews(name ? t('smsAdmin.inboxAttached', { name }) : t('smsAdmin.inboxMarkedHandled'));
  };
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
      <StatusMessage message={news} />
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
              <div class="row-more">
                <Disclosure
                  id={`place-${m.id}`}
                  label={t('smsAdmin.inboxPlace')}
                  name={t('smsAdmin.inboxPlaceNamed', { number: m.from })}
                  open={placing === m.id}
                  onToggle={(open) => setPlacing(open ? m.id : undefined)}
                >
                  <PlaceText text={m} onPlaced={placed} />
                </Disclosure>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
