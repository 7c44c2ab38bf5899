import type { PartnerAccount } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { Field } from '../../ui/Field';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { findServices, linkPartnerServices, type ServiceChoice, servicesOf } from './api';

interface Group {
  organizationId: string | null;
  name: string;
  services: ServiceChoice[];
}

/** The services to show, chosen ones first so a search never hides them, grouped by organization and sorted by name. */
function groupsOf(chosen: ReadonlyMap<string, ServiceChoice>, found: readonly ServiceChoice[], none: string) {
  const all = new Map(chosen);
  for (const s of found) if (!all.has(s.id)) all.set(s.id, s);
  const groups = new Map<string, Group>();
  for (const s of all.values()) {
    const key = s.organizationId ?? '';
    const group = groups.get(key) ?? {
      organizationId: s.organizationId,
      name: s.organizationName ?? none,
      services: [],
    };
    group.services.push(s);
    groups.set(key, group);
  }
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  return [...groups.values()].sort(byName).map((g) => ({ ...g, services: g.services.sort(byName) }));
}

/**
 * Admin: which directory services a partner account answers referrals for.
 * Search the directory, check services under their organization (or all of an
 * organization at once), and save: the account answers for exactly those.
 */
export function PartnerServicesForm({
  account: a,
  onSaved,
}: {
  account: PartnerAccount;
  onSaved: (account: PartnerAccount) => void;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<ServiceChoice[]>([]);
  const [chosen, setChosen] = useState<ReadonlyMap<string, ServiceChoice>>(
    () => new Map(a.services.map((s) => [s.id, s])),
  );
  const { busy, problem, run } = useAction();
  useEffect(() => {
    const timer = setTimeout(() => {
      findServices(search.trim())
        .then(setFound)
        .catch(() => setFound([]));
    }, 250);
    return () => clearTimeout(timer);
  }, [search]);
  const choose = (services: readonly ServiceChoice[], on: boolean) =>
    setChosen((before) => {
      const next = new Map(before);
      for (const s of services) {
        if (on) next.set(s.id, s);
        else next.delete(s.id);
      }
      return next;
    });
  const submit = async (event: Event) => {
    event.preventDefault();
    await run(async () => onSaved(await linkPartnerServices(a.userId, [...chosen.keys()])));
  };
  const groups = groupsOf(chosen, found, t('referrals.noOrganization'));
  const id = (name: string) => `partner-${a.userId}-${name}`;
  return (
    <form onSubmit={submit} noValidate>
      <ProblemAlert problem={problem} />
      <Field id={id('search')} label={t('referrals.serviceSearch')} value={search} onValue={setSearch} />
      <fieldset class="checks">
        <legend>{t('referrals.servicesOf', { name: a.displayName })}</legend>
        {groups.length === 0 && <p class="hint">{t('referrals.noServicesFound')}</p>}
        {groups.map((g) => (
          <fieldset key={g.organizationId ?? ''} class="group">
            <legend>{g.name}</legend>
            {g.organizationId !== null && (
              <button
                type="button"
                disabled={busy}
                onClick={() => {
                  const org = g.organizationId ?? '';
                  void run(async () => choose(await servicesOf(org), true));
                }}
              >
                {t('referrals.chooseAllOf', { org: g.name })}
              </button>
            )}
            {g.services.map((s) => (
              <label key={s.id} class="check">
                <input
                  type="checkbox"
                  name={id('services')}
                  value={s.id}
                  checked={chosen.has(s.id)}
                  onChange={(e) => choose([s], e.currentTarget.checked)}
                />
                <span>{s.name}</span>
              </label>
            ))}
          </fieldset>
        ))}
      </fieldset>
      <button type="submit" class="primary" disabled={busy}>
        {t('referrals.saveServices')}
      </button>
    </form>
  );
}
