import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { type BackupStatus, getBackupStatus } from './api';
import { backupWarnings } from './view';

/** On the admin's home page: a warning card when backups are not set up, failed or are old; nothing when all is well. */
export function BackupNotice() {
  const { t, locale } = useI18n();
  const [status, setStatus] = useState<BackupStatus>();
  useEffect(() => void getBackupStatus().then(setStatus, () => undefined), []);
  const warnings = status ? backupWarnings(status, t, locale) : [];
  if (warnings.length === 0) return null;
  return (
    <section class="card card--warn" aria-labelledby="backup-notice">
      <h2 id="backup-notice">{t('backups.warnTitle')}</h2>
      <ul>
        {warnings.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
      <p>
        <Link href="/admin/backups" class="button primary">
          {t('backups.warnGo')}
        </Link>
      </p>
    </section>
  );
}
