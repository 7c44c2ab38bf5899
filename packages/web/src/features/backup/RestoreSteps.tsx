import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { StatusMessage } from '../../ui/Messages';

/**
 * Restoring replaces the whole database, so it is a command on the server
 * with Puente stopped, never a button: the steps, and the exact command for
 * the newest backup with a button that copies it.
 */
export function RestoreSteps({ command }: { command: string | null }) {
  const { t } = useI18n();
  const [news, setNews] = useState<string>();

  const copy = async () => {
    setNews(undefined);
    try {
      if (!navigator.clipboard || !command) throw new Error('no clipboard');
      await navigator.clipboard.writeText(command);
      setNews(t('backups.copied'));
    } catch {
      setNews(t('backups.copyFailed'));
      document.getElementById('restore-command')?.focus();
    }
  };

  return (
    <section class="card" aria-labelledby="backup-restore">
      <h2 id="backup-restore">{t('backups.restoreTitle')}</h2>
      {!command ? (
        <p>{t('backups.restoreNone')}</p>
      ) : (
        <>
          <p>{t('backups.restoreBody')}</p>
          <ol>
            <li>{t('backups.restoreStop')}</li>
            <li>
              {t('backups.restoreRun')}
              <div class="field">
                <label for="restore-command">{t('backups.restoreCommand')}</label>
                <input
                  id="restore-command"
                  class="mono"
                  readOnly
                  value={command}
                  autocomplete="off"
                  spellcheck={false}
                  onFocus={(e) => e.currentTarget.select()}
                />
              </div>
              <StatusMessage message={news} />
              <p>
                <button type="button" onClick={() => void copy()}>
                  {t('backups.copy')}
                </button>
              </p>
            </li>
            <li>{t('backups.restoreStart')}</li>
          </ol>
          <p class="hint">{t('backups.restoreNote')}</p>
        </>
      )}
    </section>
  );
}
