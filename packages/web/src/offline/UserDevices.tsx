import type { User } from '@puente/core';
import { useState } from 'preact/hooks';
import { api, toProblem } from '../app/api';
import { dateFormat } from '../app/formats';
import { useI18n } from '../app/i18n';
import { ProblemAlert, StatusMessage } from '../ui/Messages';

interface Device {
  id: string;
  createdAt: string;
  lastPullAt: string | null;
  disabledAt: string | null;
}

/**
 * For an admin, under a person who keeps a caseload on a phone: the phones
 * that hold a copy, and disabling a lost one (its copy is erased at its next
 * contact). Loaded only when opened.
 */
export function UserDevices({ user }: { user: User }) {
  const { t, locale } = useI18n();
  const [devices, setDevices] = useState<Device[]>();
  const [confirming, setConfirming] = useState<string>();
  const [done, setDone] = useState<string>();
  const [problem, setProblem] = useState<ReturnType<typeof toProblem>>();
  const when = (iso: string) =>
    dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

  const load = async () => {
    try {
      const query = new URLSearchParams({ user: user.id });
      setDevices((await api<{ devices: Device[] }>('GET', `/api/sync/devices?${query}`)).devices);
    } catch (error) {
      setProblem(toProblem(error));
    }
  };

  const disable = async (id: string) => {
    setProblem(undefined);
    try {
      await api<undefined>('POST', `/api/sync/devices/${encodeURIComponent(id)}/disable`, {});
      setConfirming(undefined);
      setDone(t('sync.deviceDisabledDone', { name: user.displayName }));
      await load();
    } catch (error) {
      setProblem(toProblem(error));
    }
  };

  return (
    <details
      class="user-devices"
      onToggle={(event) => {
        if ((event.currentTarget as HTMLDetailsElement).open && !devices) void load();
      }}
    >
      <summary>{t('sync.devicesOf', { name: user.displayName })}</summary>
      <ProblemAlert problem={problem} />
      <StatusMessage message={done} />
      {devices?.length === 0 && <p>{t('sync.devicesNone')}</p>}
      <ul class="plain-list">
        {devices?.map((d) => (
          <li key={d.id}>
            <p>
              {t('sync.deviceLine', {
                created: when(d.createdAt),
                last: d.lastPullAt ? when(d.lastPullAt) : t('sync.neverSynced'),
              })}
            </p>
            {d.disabledAt ? (
              <p class="hint">{t('sync.deviceDisabled')}</p>
            ) : confirming === d.id ? (
              <div class="actions">
                <button type="button" class="danger" onClick={() => void disable(d.id)}>
                  {t('sync.deviceDisableConfirm')}
                </button>
                <button type="button" onClick={() => setConfirming(undefined)}>
                  {t('sync.deviceKeep')}
                </button>
              </div>
            ) : (
              <button type="button" onClick={() => setConfirming(d.id)}>
                {t('sync.deviceDisable')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
