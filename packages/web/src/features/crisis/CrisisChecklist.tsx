import type { CrisisProtocolInfo } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { getProtocolInfo } from './admin-api';

/** The admin's first-run checklist: what the program must set before its promotoras screen. */
export function CrisisChecklist({ info: given, link = true }: { info?: CrisisProtocolInfo; link?: boolean }) {
  const { t } = useI18n();
  const [fetched, setFetched] = useState<CrisisProtocolInfo>();
  useEffect(() => {
    if (!given) void getProtocolInfo().then(setFetched, () => undefined);
  }, [given]);
  const info = given ?? fetched;
  if (!info) return null;
  const missing = new Set(info.missing ?? []);
  const items = [
    { label: t('crisis.checkLines'), done: !missing.has('lines') },
    { label: t('crisis.checkEmergency'), done: !missing.has('emergencyNumber') },
    { label: t('crisis.checkOnCall'), done: info.alertGoesTo?.target === 'onCall' },
  ];
  return (
    <section class={missing.size > 0 ? 'card card--warn' : 'card'} aria-labelledby="crisis-checklist">
      <h2 id="crisis-checklist">{t('crisis.checklistTitle')}</h2>
      <ul>
        {items.map((i) => (
          <li key={i.label}>
            {i.label}: <strong>{i.done ? t('crisis.checkDone') : t('crisis.checkMissing')}</strong>
          </li>
        ))}
      </ul>
      {missing.size === 0 ? <p>{t('crisis.checklistReady')}</p> : <p>{t('crisis.closedBody')}</p>}
      {link && (
        <p>
          <Link href="/admin/crisis" class={missing.size > 0 ? 'button primary' : 'button'}>
            {t('crisis.checklistGo')}
          </Link>
        </p>
      )}
    </section>
  );
}
