import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../app/i18n';
import { Link } from '../app/router';
import { dismissNotice, type Notice, onNotices } from './news';
import './news-notice.css';

/**
 * The news heard while online, in a polite live region that is always in the
 * page, so a screen reader reads each notice once it appears without taking
 * the CHW away from what they are doing (a landmark only while it holds news,
 * so an empty one is not read out). A notice about a person links to
 * their referrals, their texts or their page.
 */
export function NewsNotice() {
  const { t } = useI18n();
  const [notices, setNotices] = useState<Notice[]>([]);
  useEffect(() => onNotices(setNotices), []);
  const line = (n: Notice) => {
    if (n.kind === 'referral') {
      const status = n.outcome ? t(`referrals.outcome_${n.outcome}`) : t(`referrals.status_${n.status}`);
      return (
        <Link href={`/people/${encodeURIComponent(n.clientId)}/referrals`}>
          {t('news.referral', { name: n.name, status })}
        </Link>
      );
    }
    if (n.kind === 'message')
      return (
        <Link href={`/people/${encodeURIComponent(n.clientId)}/messages`}>
          {t('news.message', { name: n.name })}
        </Link>
      );
    if (n.kind === 'intake') return <Link href="/intake">{t('news.intakeCancelled')}</Link>;
    if (n.kind === 'joined')
      return (
        <Link href={`/people/${encodeURIComponent(n.clientId)}`}>{t('news.joined', { name: n.name })}</Link>
      );
    return <span>{t(n.kind === 'left' ? 'news.left' : 'news.alertAcknowledged')}</span>;
  };
  return (
    <section
      class={notices.length ? 'news' : 'news news--empty'}
      aria-label={notices.length ? t('news.label') : undefined}
    >
      <div role="status" aria-live="polite">
        {notices.length > 0 && (
          <ul>
            {notices.map((n) => (
              <li key={n.key} class="news-item">
                {line(n)}
                <button
                  type="button"
                  class="news-dismiss"
                  aria-label={'name' in n ? t('news.dismissNamed', { name: n.name }) : t('news.dismiss')}
                  onClick={() => dismissNotice(n.key)}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
