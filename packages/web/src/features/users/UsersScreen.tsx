import type { SetupChecklist as Checklist, Locale, Problem, User } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n, useMessages } from '../../app/i18n';
import { t as translate } from '../../app/messages';
import { useSession } from '../../app/session';
import { EmptyState, ProblemAlert, StatusMessage } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { BackupNotice } from '../backup/BackupNotice';
import { CrisisChecklist } from '../crisis/CrisisChecklist';
import { SetupChecklist } from '../setup/SetupChecklist';
import { listUsers, resendPasswordLink, updateUser } from './api';
import { InviteForm } from './InviteForm';
import { UserRow } from './UserRow';

/** Name, email, role code and role name in both languages, so "promotor" and "chw" both find Rosa. */
function matches(user: User, query: string): boolean {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return true;
  const role = `roles.${user.role}` as const;
  return [user.displayName, user.email, user.role, translate('en', role), translate('es', role)].some((s) =>
    s.toLocaleLowerCase().includes(q),
  );
}

/** Admin: who can sign in, how to invite them, and how to stop or restore their access. */
export function UsersScreen() {
  const { t } = useI18n();
  // The search finds a role by its name in either language, so both languages' words are needed here.
  useMessages('en');
  useMessages('es');
  const { me } = useSession();
  const [users, setUsers] = useState<User[]>();
  const [query, setQuery] = useState('');
  const [formOpen, setFormOpen] = useState(false);
  const [status, setStatus] = useState<string>();
  const [problem, setProblem] = useState<Problem>();
  const [busyId, setBusyId] = useState<string>();
  const [changes, setChanges] = useState(0);
  const [programLanguage, setProgramLanguage] = useState<Locale>();

  useEffect(() => {
    listUsers()
      .then(setUsers)
      .catch((error) => setProblem(toProblem(error)));
  }, []);

  const replace = (user: User) => setUsers((list) => list?.map((u) => (u.id === user.id ? user : u)));

  const change = async (user: User, body: { disabled?: boolean; unlock?: true }) => {
    setBusyId(user.id);
    setStatus(undefined);
    setProblem(undefined);
    try {
      const updated = await updateUser(user.id, body);
      replace(updated);
      const done = body.unlock
        ? 'users.unlockedDone'
        : updated.disabled
          ? 'users.disabledDone'
          : 'users.enabledDone';
      setStatus(t(done, { name: updated.displayName }));
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusyId(undefined);
    }
  };

  const resend = async (user: User) => {
    setBusyId(user.id);
    setStatus(undefined);
    setProblem(undefined);
    try {
      await resendPasswordLink(user.id);
      setStatus(t('users.resent', { name: user.displayName }));
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusyId(undefined);
    }
  };

  const created = (user: User) => {
    setUsers((list) => [user, ...(list ?? [])]);
    setFormOpen(false);
    setChanges((n) => n + 1);
    setStatus(t('users.created', { name: user.displayName }));
    document.getElementById('add-user')?.focus();
  };

  // From the checklist: the invitation form, opened here, its first field ready to type in.
  const invite = () => {
    setFormOpen(true);
    requestAnimationFrame(() => document.getElementById('displayName')?.focus());
  };

  // Invitations start in the program's language once its admin chose one (Spanish until then).
  const learnLanguage = (list: Checklist) => {
    const step = list.steps.find((s) => s.id === 'language');
    if (step?.state === 'done') setProgramLanguage(step.language);
  };

  const shown = users?.filter((u) => matches(u, query)) ?? [];
  return (
    <>
      <PageHeading text={t('users.title')} />
      {/* The admin's home: what setting the program up still needs, then what screening still needs. */}
      <SetupChecklist onInvite={invite} onLoaded={learnLanguage} version={changes} />
      <CrisisChecklist />
      {/* Says nothing while backups are set up and recent. */}
      <BackupNotice />
      <p>
        <button
          id="add-user"
          type="button"
          class={formOpen ? '' : 'primary'}
          aria-expanded={formOpen}
          aria-controls="new-user"
          onClick={() => setFormOpen(!formOpen)}
        >
          {formOpen ? t('users.closeForm') : t('users.add')}
        </button>
      </p>
      {formOpen && <InviteForm onCreated={created} language={programLanguage} />}
      <StatusMessage message={status} />
      <ProblemAlert problem={problem} />
      {users && users.length === 0 && (
        <EmptyState title={t('users.emptyTitle')}>
          <p>{t('users.emptyBody')}</p>
        </EmptyState>
      )}
      {users && users.length > 0 && (
        <section aria-labelledby="page-heading">
          <div class="field">
            <label for="user-search">{t('users.search')}</label>
            <input
              id="user-search"
              type="search"
              value={query}
              onInput={(e) => setQuery(e.currentTarget.value)}
              aria-describedby="user-count"
            />
          </div>
          <p id="user-count" class="hint" aria-live="polite">
            {shown.length === 0
              ? t('users.noMatch', { query })
              : t('users.count', { shown: shown.length, total: users.length })}
          </p>
          <ul class="rows">
            {shown.map((u) => (
              <UserRow
                key={u.id}
                user={u}
                isMe={u.id === me.id}
                busy={busyId === u.id}
                onChange={change}
                onResend={resend}
              />
            ))}
          </ul>
        </section>
      )}
      {!users && !problem && <p role="status">{t('app.loading')}</p>}
    </>
  );
}
