import type { TwoFactorPolicy } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { getPolicy, savePolicy } from './api';

type Choice = Exclude<TwoFactorPolicy, 'none'>;
const choices: { value: Choice; label: 'twoFactor.policyStaff' | 'twoFactor.policyEveryone' }[] = [
  { value: 'staff', label: 'twoFactor.policyStaff' },
  { value: 'everyone', label: 'twoFactor.policyEveryone' },
];

/** Admin, on the Program screen: who must use two-step sign-in (staff at the least, or everyone). */
export function PolicyCard() {
  const { t } = useI18n();
  const [policy, setPolicy] = useState<TwoFactorPolicy>();
  const [chosen, setChosen] = useState<Choice>();
  const [saved, setSaved] = useState(false);
  const { busy, problem, run, setProblem } = useAction();
  useEffect(() => {
    getPolicy().then(
      (r) => {
        setPolicy(r.policy);
        if (r.policy !== 'none') setChosen(r.policy);
      },
      (error) => setProblem(toProblem(error)),
    );
  }, [setProblem]);
  const submit = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    if (!chosen) return;
    if (await run(async () => setPolicy((await savePolicy(chosen)).policy))) setSaved(true);
  };
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="two-factor-policy-title">
      <h2 id="two-factor-policy-title">{t('twoFactor.policyTitle')}</h2>
      <StatusMessage message={saved ? t('twoFactor.policySaved') : undefined} />
      <ProblemAlert problem={problem} />
      {policy === 'none' && <p class="hint">{t('twoFactor.policyNone')}</p>}
      {policy && (
        <>
          <fieldset class="checks">
            <legend>{t('twoFactor.policyLegend')}</legend>
            {choices.map((c) => (
              <label class="check" key={c.value}>
                <input
                  type="radio"
                  name="two-factor-policy"
                  value={c.value}
                  checked={chosen === c.value}
                  onChange={() => setChosen(c.value)}
                />
                {t(c.label)}
              </label>
            ))}
          </fieldset>
          <button type="submit" class="primary" disabled={busy || !chosen}>
            {t('twoFactor.policySave')}
          </button>
        </>
      )}
    </form>
  );
}
