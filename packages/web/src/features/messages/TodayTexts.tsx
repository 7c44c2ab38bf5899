import { roleCan, type UnreadTexts } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { useSession } from '../../app/session';
import { useSyncedAt } from '../../offline/useSyncedAt';
import { formatMoment } from '../../ui/format';
import { useOnline } from '../../ui/useOnline';
import { getUnreadTexts } from './api';

/**
 * On Today: the CHW's people who texted since the CHW last opened their
 * thread, each a link to the thread. Texts live on the server only, so the
 * list shows while online and the program texts; it is read again after each
 * sync, which a text's news starts, so a reply appears without a reload.
 */
export function TodayTexts() {
  const { t, locale } = useI18n();
  const { me } = useSession();
  const online = useOnline();
  const syncedAt = useSyncedAt();
  const allowed = roleCan(me.role, 'texts.work');
  const [unread, setUnread] = useState<UnreadTexts>();
  useEffect(() => {
    if (!allowed || !online) return;
    let current = true;
    getUnreadTexts().then(
      (u) => current && setUnread(u),
      // Beside the day's work, not part of it: without it Today shows as before.
      () => current && setUnread(undefined),
    );
    return () => {
      current = false;
    };
  }, [allowed, online, syncedAt]);
  if (!online || !unread?.enabled) return null;
  const people = unread.people;
  return (
    <section aria-labelledby="today-texts" class="day-section">
      <h2 id="today-texts">
        {t('today.texts')} <span class="count">{people.length}</span>
      </h2>
      {people.length === 0 ? (
        <p class="hint">{t('today.noTexts')}</p>
      ) : (
        <ul class="rows">
          {people.map((p) => (
            <li key={p.clientId} class="row">
              <div class="row-main">
                <p class="row-title">
                  <Link href={`/people/${encodeURIComponent(p.clientId)}/messages`}>{p.clientName}</Link>
                </p>
                <p class="row-meta">
                  {t('today.textsLine', { count: p.count, when: formatMoment(locale, p.lastAt) })}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
