import type { MessageKey, MessageParams, PrivateLink, Problem } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { formatMoment, languageName } from '../../ui/format';
import { EmptyState, ProblemAlert, StatusMessage } from '../../ui/Messages';
import { useOnline } from '../../ui/useOnline';
import { listLinks, revokeLink } from './links-api';
import type { SectionProps } from './section';

type Translate = (key: MessageKey, params?: MessageParams) => string;

/** What a link shows, in the reader's words: "Topic: Grief", "Safety plan version 2", "Page of 3 services". */
function shows(t: Translate, link: PrivateLink): string {
  if (link.kind === 'topic') return t('links.topic', { title: link.topicTitle ?? '' });
  if (link.kind === 'safety-plan') return t('links.plan', { version: link.planVersion ?? '' });
  const count = link.serviceCount ?? 0;
  return count === 1 ? t('links.services_one') : t('links.services_other', { count });
}

const badge = { active: 'badge', expired: 'badge badge--muted', revoked: 'badge badge--danger' } as const;

interface RowProps {
  link: PrivateLink;
  online: boolean;
  onRevoke: (link: PrivateLink) => Promise<boolean>;
}

function LinkRow({ link, online, onRevoke }: RowProps) {
  const { t, locale } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const what = shows(t, link);
  const when = (iso: string) => formatMoment(locale, iso);
  const revoke = async () => {
    setBusy(true);
    const done = await onRevoke(link);
    setBusy(false);
    setConfirming(false);
    // The button is gone once revoked: keep keyboard and screen reader users on this link.
    if (done) document.getElementById(`link-${link.id}`)?.focus();
  };
  return (
    <li class="row">
      <div class="row-main">
        <p class="row-title" id={`link-${link.id}`} tabIndex={-1}>
          {what} <span class={badge[link.state]}>{t(`links.state_${link.state}`)}</span>
        </p>
        <p class="row-meta">
          {t('links.sent', {
            when: when(link.createdAt),
            by: link.createdBy,
            language: languageName(t, link.language),
          })}
          {link.channel && ` · ${t(`links.channel_${link.channel}`)}`}
        </p>
        <p class="row-meta">
          {link.state === 'revoked' && link.revokedAt
            ? t('links.revokedBy', { when: when(link.revokedAt), by: link.revokedBy ?? '' })
            : t(link.state === 'expired' ? 'links.expiredOn' : 'links.opensUntil', {
                when: when(link.expiresAt),
              })}
        </p>
        {confirming && (
          <div class="confirm">
            <p>{t('links.revokeConfirm')}</p>
            <p class="actions">
              <button type="button" class="danger" disabled={busy || !online} onClick={() => void revoke()}>
                {t('links.revokeYes')}
              </button>
              <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
                {t('links.revokeNo')}
              </button>
            </p>
          </div>
        )}
      </div>
      {link.state === 'active' && !confirming && (
        <div class="row-actions">
          <button
            type="button"
            aria-label={t('links.revokeNamed', { what })}
            disabled={!online}
            onClick={() => setConfirming(true)}
          >
            {t('links.revoke')}
          </button>
        </div>
      )}
    </li>
  );
}

/**
 * The private links given to the person, newest first, with whether each
 * still opens; revoke one after confirming. Only the server keeps them, so
 * without signal the section says so instead.
 */
export function LinksSection({ client }: SectionProps) {
  const { t } = useI18n();
  const online = useOnline();
  const [links, setLinks] = useState<PrivateLink[]>();
  const [problem, setProblem] = useState<Problem>();
  const [status, setStatus] = useState<string>();

  const load = () =>
    listLinks(client.id).then(
      (list) => {
        setLinks(list);
        setProblem(undefined);
      },
      (error) => setProblem(toProblem(error)),
    );
  useEffect(() => {
    if (online) void load();
  }, [online, client.id]);

  const revoke = async (link: PrivateLink): Promise<boolean> => {
    setStatus(undefined);
    setProblem(undefined);
    try {
      const now = await revokeLink(client.id, link);
      setLinks((list) => list?.map((l) => (l.id === now.id ? now : l)));
      setStatus(t('links.revoked'));
      return true;
    } catch (error) {
      const refusal = toProblem(error);
      // Revoked or expired meanwhile (a withdrawal, another phone): show the list as it is now, and why.
      if (refusal.status === 409) await load();
      setProblem(refusal);
      return false;
    }
  };

  return (
    <section aria-labelledby="links-title">
      <h2 id="links-title">{t('links.title')}</h2>
      <p class="hint">{t('links.intro')}</p>
      {!online && <p class="notice">{t('links.offline')}</p>}
      <StatusMessage message={status} />
      <ProblemAlert problem={problem} />
      {online && !links && !problem && <p role="status">{t('app.loading')}</p>}
      {links?.length === 0 && (
        <EmptyState title={t('links.none')}>
          <p>{t('links.noneHint')}</p>
        </EmptyState>
      )}
      {links && links.length > 0 && (
        <ul class="rows">
          {links.map((link) => (
            <LinkRow key={link.id} link={link} online={online} onRevoke={revoke} />
          ))}
        </ul>
      )}
    </section>
  );
}
