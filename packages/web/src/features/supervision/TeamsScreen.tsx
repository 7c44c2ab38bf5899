import { type Problem, roleCan, type Team, type User } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useSession } from '../../app/session';
import { EmptyState, ProblemAlert, StatusMessage } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { listUsers } from '../users/api';
import { NewTeamForm } from './NewTeamForm';
import { ProgramActivitySection } from './ProgramActivitySection';
import { TargetsForm } from './TargetsForm';
import { listTeams } from './teams-api';

/** Admin: each supervisor and the CHWs they support. */
export function TeamsScreen() {
  const { t } = useI18n();
  const { me } = useSession();
  const [teams, setTeams] = useState<Team[]>();
  const [users, setUsers] = useState<User[]>([]);
  const [formOpen, setFormOpen] = useState(false);
  const [status, setStatus] = useState<string>();
  const [problem, setProblem] = useState<Problem>();
  // Bumped when targets are saved, so the figures beside them follow.
  const [targetsSaved, setTargetsSaved] = useState(0);

  useEffect(() => {
    Promise.all([listTeams(), listUsers()])
      .then(([ts, us]) => {
        setUsers(us);
        setTeams(ts);
      })
      .catch((error) => setProblem(toProblem(error)));
  }, []);

  const nameOf = (id: string) => users.find((u) => u.id === id)?.displayName ?? id;

  const created = (team: Team) => {
    setTeams((list) => [...(list ?? []), team]);
    setFormOpen(false);
    setStatus(t('teams.created', { name: team.name }));
    document.getElementById('add-team')?.focus();
  };

  return (
    <>
      <PageHeading text={t('teams.title')} />
      <p>
        <button
          id="add-team"
          type="button"
          class={formOpen ? '' : 'primary'}
          aria-expanded={formOpen}
          aria-controls="new-team"
          disabled={!teams}
          onClick={() => setFormOpen(!formOpen)}
        >
          {formOpen ? t('teams.closeForm') : t('teams.add')}
        </button>
      </p>
      {formOpen && <NewTeamForm users={users} onCreated={created} />}
      <StatusMessage message={status} />
      <ProblemAlert problem={problem} />
      {teams && teams.length === 0 && (
        <EmptyState title={t('teams.emptyTitle')}>
          <p>{t('teams.emptyBody')}</p>
        </EmptyState>
      )}
      {teams && teams.length > 0 && (
        <ul class="rows">
          {teams.map((team) => (
            <li key={team.id} class="row">
              <div class="row-main">
                <h2 class="row-title">{team.name}</h2>
                <dl class="details">
                  <dt>{t('teams.supervisor')}</dt>
                  <dd>{nameOf(team.supervisorId)}</dd>
                  <dt>{t('teams.members')}</dt>
                  <dd>
                    {team.memberIds.length === 0
                      ? t('teams.noMembers')
                      : team.memberIds.map(nameOf).join(', ')}
                  </dd>
                </dl>
              </div>
            </li>
          ))}
        </ul>
      )}
      {!teams && !problem && <p role="status">{t('app.loading')}</p>}
      {roleCan(me.role, 'program.write') && (
        // Made again when a team is added, so the new team gets its own targets too.
        <TargetsForm key={teams?.length ?? 0} onChanged={() => setTargetsSaved((n) => n + 1)} />
      )}
      {roleCan(me.role, 'activity.program') && <ProgramActivitySection reload={targetsSaved} />}
    </>
  );
}
