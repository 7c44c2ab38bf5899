import type { CrisisProtocolInfo } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { useSession } from '../../app/session';
import { crisisInfo } from './reference';

/**
 * The program's crisis settings as the phone knows them (fresh with signal,
 * else the copy kept at sign-in); `undefined` while unknown.
 */
export function useCrisisInfo(): CrisisProtocolInfo | undefined {
  const { me } = useSession();
  const [info, setInfo] = useState<CrisisProtocolInfo>();
  useEffect(() => {
    void crisisInfo(me).then((r) => setInfo(r.info));
  }, [me]);
  return info;
}

/**
 * Screening stays closed until the program has set crisis lines and the
 * emergency number: a screen can end in a crisis. Says so plainly, and whom to tell.
 */
export function ScreeningClosed({ info }: { info: CrisisProtocolInfo }) {
  const { t } = useI18n();
  const missing = info.missing ?? [];
  const admins = info.admins ?? [];
  return (
    <div class="card card--warn" role="status">
      <h3>{t('crisis.closedTitle')}</h3>
      <p>{t('crisis.closedBody')}</p>
      <p>{t('crisis.closedMissing', { items: missing.map((m) => t(`crisis.missing_${m}`)).join(', ') })}</p>
      <p>
        {admins.length > 0
          ? t('crisis.closedTell', { names: admins.join(', ') })
          : t('crisis.closedTellAdmin')}
      </p>
    </div>
  );
}

/** Whether screening is closed by what the program has not set; unknown (never fetched) leaves it open. */
export const screeningClosed = (info: CrisisProtocolInfo | undefined): info is CrisisProtocolInfo =>
  Boolean(info?.missing && info.missing.length > 0);
