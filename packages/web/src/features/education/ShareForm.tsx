import { type ClientSummary, shareChannels, type TopicShare } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { Field, SelectField } from '../../ui/Field';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { listClients } from '../caseload/api';
import { shareDays } from '../sharing/links';
import { shareTopic } from './api';

const channelLabel = {
  whatsapp: 'education.channelWhatsapp',
  sms: 'education.channelSms',
  print: 'education.channelPrint',
  link: 'education.channelLink',
} as const;

interface Props {
  /** The topic, when sharing from the library; else a choice of topics. */
  topicId?: string;
  topics?: { id: string; title: string }[];
  /** The person, when sharing from their page; else a search of the caseload. */
  client?: { id: string; name: string };
}

/** Shares a topic: a private link in the person's language, WhatsApp/SMS links and a handout to print. */
export function ShareForm({ topicId, topics, client }: Props) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [matches, setMatches] = useState<ClientSummary[]>([]);
  const [person, setPerson] = useState(client);
  const [topic, setTopic] = useState(topicId ?? topics?.[0]?.id ?? '');
  const [channel, setChannel] = useState<(typeof shareChannels)[number]>('whatsapp');
  const days = shareDays();
  const [expiresOn, setExpiresOn] = useState(days.suggested);
  const [result, setResult] = useState<TopicShare>();
  const { busy, problem, errors, run } = useAction();

  useEffect(() => {
    if (client || q.trim().length < 2) return setMatches([]);
    listClients({ q: q.trim(), limit: 5, offset: 0 })
      .then((page) => setMatches(page.clients))
      .catch(() => setMatches([]));
  }, [q, client]);

  const submit = (event: Event) => {
    event.preventDefault();
    if (!person) return;
    void run(async () => {
      setResult(await shareTopic(person.id, { topicId: topic, channel, expiresOn }));
    });
  };

  return (
    <form class="card no-print" onSubmit={submit} noValidate>
      {!client && (
        <>
          <Field
            id="share-person"
            label={t('education.sharePerson')}
            hint={t('education.sharePersonHint')}
            value={q}
            onValue={setQ}
          />
          <ul class="plain-list">
            {matches.map((m) => (
              <li key={m.id}>
                <button
                  type="button"
                  aria-pressed={person?.id === m.id}
                  onClick={() => setPerson({ id: m.id, name: m.displayName })}
                >
                  {t('education.choosePerson', { name: m.displayName })}
                </button>
              </li>
            ))}
          </ul>
          {person && <p>{person.name}</p>}
        </>
      )}
      {topics && (
        <SelectField
          id="share-topic"
          label={t('education.shareTopic')}
          value={topic}
          onValue={setTopic}
          options={topics.map((x) => ({ value: x.id, label: x.title }))}
        />
      )}
      <SelectField
        id="share-channel"
        label={t('education.shareChannel')}
        value={channel}
        onValue={(v) => setChannel(v as typeof channel)}
        options={shareChannels.map((c) => ({ value: c, label: t(channelLabel[c]) }))}
      />
      <Field
        id="share-expires"
        type="date"
        label={t('education.expiresOn')}
        min={days.first}
        max={days.last}
        value={expiresOn}
        onValue={setExpiresOn}
        error={errors.expiresOn}
      />
      <button type="submit" class="primary" disabled={busy || !person}>
        {busy ? t('education.sharing') : t('education.shareSubmit')}
      </button>
      <ProblemAlert problem={problem} />
      <StatusMessage
        message={
          result &&
          t('education.shared', { language: result.language === 'es' ? t('app.spanish') : t('app.english') })
        }
      />
      {result && (
        <div class="share-result">
          {channel === 'whatsapp' && (
            <a class="button primary" href={result.whatsappUrl} target="_blank" rel="noopener noreferrer">
              {t('education.openWhatsapp')}
            </a>
          )}
          {channel === 'sms' && (
            <a class="button primary" href={result.smsUrl}>
              {t('education.openSms')}
            </a>
          )}
          {channel === 'print' && (
            <a class="button primary" href={result.url} target="_blank" rel="noopener noreferrer">
              {t('education.print')}
            </a>
          )}
          <p>
            {t('education.copyLink')}: <span class="share-link">{result.url}</span>
          </p>
        </div>
      )}
    </form>
  );
}
