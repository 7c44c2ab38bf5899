import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../app/i18n';
import { Link } from '../app/router';
import { useConflictCount } from '../features/sync-conflicts/useConflictCount';
import { formatMoment } from '../ui/format';
import type { SyncStatus as Status } from './engine';
import { unlocked } from './session';

/**
 * What has and has not reached the server, in plain words, with a button to
 * sync now. Shown only while the app works from the phone's copy.
 */
export function SyncStatus() {
  const { t, locale } = useI18n();
  const open = unlocked();
  const [status, setStatus] = useState<Status>();
  useEffect(() => open?.engine.subscribe(setStatus), [open]);
  const conflicts = useConflictCount(Boolean(open), status?.lastSyncAt);
  if (!open || !status) return null;

  const when = status.lastSyncAt
    ? // The one date style of the app, not a numeric day/month a reader can take the wrong way round.
      formatMoment(locale, status.lastSyncAt)
    : undefined;
  const lines: string[] = [];
  if (status.state === 'syncing') lines.push(t('sync.syncing'));
  if (status.state === 'offline') lines.push(t('sync.offline'));
  if (status.state === 'waiting') lines.push(t('sync.waiting', { seconds: status.retryInSeconds ?? 0 }));
  if (status.state === 'ended') lines.push(t('sync.sessionEnded'));
  if (status.state === 'failed') lines.push(t('sync.failed', { reason: status.problem?.title ?? '' }));
  if (status.pending === 1) lines.push(t('sync.pendingOne'));
  else if (status.pending > 1) lines.push(t('sync.pending', { count: status.pending }));
  else if (status.state === 'idle') lines.push(t('sync.synced'));
  const [firstRefusal] = status.rejected;
  if (status.rejected.length === 1 && firstRefusal)
    lines.push(t('sync.rejectedOne', { reason: firstRefusal.problem?.title ?? '' }));
  else if (status.rejected.length > 1) lines.push(t('sync.rejected', { count: status.rejected.length }));

  const discard = async () => {
    await open.store.discard(status.rejected.map((r) => r.id));
    open.engine.notify();
  };
  return (
    <section class="sync-status" aria-label={t('sync.statusLabel')} data-state={status.state}>
      <div role="status" class="sync-status-text">
        {lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
        {conflicts > 0 && (
          <p>
            <Link href="/changes">
              {conflicts === 1 ? t('conflicts.countOne') : t('conflicts.count', { count: conflicts })}
            </Link>
          </p>
        )}
        <p class="hint">{when ? t('sync.lastSync', { when }) : t('sync.neverSynced')}</p>
      </div>
      <p class="actions">
        <button
          type="button"
          disabled={status.state === 'syncing'}
          onClick={() => void open.engine.syncNow()}
        >
          {t('sync.syncNow')}
        </button>
        {status.rejected.length > 0 && (
          <button type="button" onClick={() => void discard()}>
            {t('sync.discard')}
          </button>
        )}
      </p>
    </section>
  );
}
