import { limits, type Problem, type Team, type User } from '@puente/core';
import { useState } from 'preact/hooks';
import { fieldErrors, toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { Field, SelectField } from '../../ui/Field';
import { ProblemAlert } from '../../ui/Messages';
import { createTeam } from './teams-api';

interface Props {
  users: User[];
  onCreated: (team: Team) => void;
}

/** A name, one supervisor and the CHWs they support. */
export function NewTeamForm({ users, onCreated }: Props) {
  const { t } = useI18n();
  const active = users.filter((u) => !u.disabled);
  const supervisors = active.filter((u) => u.role === 'supervisor');
  const chws = active.filter((u) => u.role === 'chw');
  const [name, setName] = useState('');
  const [supervisorId, setSupervisorId] = useState(supervisors[0]?.id ?? '');
  const [memberIds, setMemberIds] = useState<string[]>([]);
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);

  const toggle = (id: string, on: boolean) =>
    setMemberIds((ids) => (on ? [...ids, id] : ids.filter((i) => i !== id)));

  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem(undefined);
    setBusy(true);
    try {
      onCreated(await createTeam({ name, supervisorId, memberIds }));
    } catch (error) {
      setProblem(toProblem(error));
      setBusy(false);
    }
  };

  return (
    <form id="new-team" class="card" onSubmit={submit} noValidate aria-labelledby="new-team-title">
      <h2 id="new-team-title">{t('teams.formTitle')}</h2>
      <ProblemAlert problem={problem} />
      <Field
        id="team-name"
        label={t('teams.name')}
        autocomplete="off"
        required
        maxLength={limits.nameMax}
        value={name}
        onValue={setName}
        error={errors.name}
      />
      {supervisors.length > 0 ? (
        <SelectField
          id="supervisor"
          label={t('teams.pickSupervisor')}
          value={supervisorId}
          onValue={setSupervisorId}
          options={supervisors.map((s) => ({ value: s.id, label: s.displayName }))}
          error={errors.supervisorId}
          required
        />
      ) : (
        <p class="field-error">{t('teams.noSupervisors')}</p>
      )}
      <fieldset class="checks" aria-describedby={errors.memberIds ? 'members-error' : undefined}>
        <legend>{t('teams.pickMembers')}</legend>
        {chws.length === 0 && <p class="hint">{t('teams.noChws')}</p>}
        {chws.map((c) => (
          <label key={c.id} class="check">
            <input
              type="checkbox"
              name="memberIds"
              value={c.id}
              checked={memberIds.includes(c.id)}
              onChange={(e) => toggle(c.id, e.currentTarget.checked)}
            />
            <span>{c.displayName}</span>
          </label>
        ))}
        {errors.memberIds && (
          <p id="members-error" class="field-error">
            {errors.memberIds}
          </p>
        )}
      </fieldset>
      <button type="submit" class="primary" disabled={busy || supervisors.length === 0}>
        {busy ? t('teams.creating') : t('teams.create')}
      </button>
    </form>
  );
}
