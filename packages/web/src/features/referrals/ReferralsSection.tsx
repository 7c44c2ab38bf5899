import { defaultReferralSettings, type Problem, type Referral } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { data } from '../../offline/data';
import { useSyncedAt } from '../../offline/useSyncedAt';
import { ProblemAlert } from '../../ui/Messages';
import type { SectionProps } from '../person/section';
import { attemptsBeforeUnreachable, clientReferrals } from './api';
import { ReferralCard } from './ReferralCard';

/** A person's referrals: open ones first, each followed until the loop closes. */
export function ReferralsSection({ client, onChanged }: SectionProps) {
  const { t } = useI18n();
  const [referrals, setReferrals] = useState<Referral[]>();
  const [attemptsRequired, setAttemptsRequired] = useState(defaultReferralSettings.attemptsBeforeUnreachable);
  const [problem, setProblem] = useState<Problem>();
  const load = () =>
    Promise.all([clientReferrals(client.id), attemptsBeforeUnreachable()])
      .then(([list, attempts]) => {
        setReferrals(list);
        setAttemptsRequired(attempts);
        setProblem(undefined);
      })
      .catch((error) => setProblem(toProblem(error)));
  const syncedAt = useSyncedAt();
  // Read again after each sync: a partner's answer, or the program's new rule, reaches the phone's copy with it.
  useEffect(() => {
    void load();
  }, [client.id, syncedAt]);
  const changed = async (message: string) => {
    await load();
    await onChanged(message);
  };
  const unsent = data().unsent(client.id);
  const sorted = [...(referrals ?? [])].sort(
    (a, b) => Number(a.closedAt !== null) - Number(b.closedAt !== null),
  );
  return (
    <section aria-labelledby="referrals-title">
      <h2 id="referrals-title">{t('referrals.tab')}</h2>
      <ProblemAlert problem={problem} />
      <p>
        <Link href={`/people/${encodeURIComponent(client.id)}/find-help`} class="button primary">
          {t('referrals.findService', { name: client.displayName })}
        </Link>
      </p>
      {referrals && referrals.length === 0 && (
        <p class="hint">{t('referrals.noReferrals', { name: client.displayName })}</p>
      )}
      {sorted.length > 0 && (
        <ul class="rows">
          {sorted.map((r) => (
            <ReferralCard
              key={r.id}
              referral={r}
              attemptsRequired={attemptsRequired}
              onChanged={changed}
              waiting={unsent.get(r.id)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
