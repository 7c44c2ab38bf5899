import { roleCan } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { useSession } from '../../app/session';
import { useSyncedAt } from '../../offline/useSyncedAt';
import { useOnline } from '../../ui/useOnline';
import { getMyActivity, hasTargets, type MyActivity, measures } from '../supervision/activity-api';
import { Measure } from '../supervision/Measure';

/**
 * On Today, a small card of the CHW's own week against the program's targets,
 * never anyone else's. Counted on the server, so it shows while online and is
 * read again after each sync, which brings the visits made offline there.
 */
export function TodayActivity() {
  const { t } = useI18n();
  const { me } = useSession();
  const allowed = roleCan(me.role, 'caseload.hold');
  const syncedAt = useSyncedAt();
  const online = useOnline();
  const [mine, setMine] = useState<MyActivity>();
  useEffect(() => {
    if (!allowed || !online) return;
    let current = true;
    getMyActivity().then(
      (m) => current && setMine(m),
      // Beside the day's work, not part of it: without it Today shows as before.
      () => current && setMine(undefined),
    );
    return () => {
      current = false;
    };
  }, [allowed, online, syncedAt]);
  if (!online || !mine) return null;
  return (
    <section aria-labelledby="today-activity" class="card">
      <h2 id="today-activity">{t('activity.myTitle')}</h2>
      {measures.map((m) => (
        <Measure key={m} measure={m} count={mine.week[m]} target={mine.targets[m]} />
      ))}
      {!hasTargets(mine.targets) && <p class="hint">{t('activity.myNoTargets')}</p>}
    </section>
  );
}
