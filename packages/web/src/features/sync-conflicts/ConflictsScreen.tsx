import type { Problem, SyncConflict } from '@puente/core';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { unlocked } from '../../offline/session';
import { EmptyState, ProblemAlert, StatusMessage } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { useOnline } from '../../ui/useOnline';
import { listConflicts, resolveConflict } from './api';
import { ConflictCard } from './ConflictCard';
import { fieldName, quoted } from './text';

/**
 * Changes to check: details of a person that two people changed while apart.
 * Settling one needs the network, so it is said plainly when there is none.
 */
export function ConflictsScreen() {
  const { t, locale } = useI18n();
  const online = useOnline();
  const [conflicts, setConflicts] = useState<SyncConflict[]>();
  const [problem, setProblem] = useState<Problem>();
  const [done, setDone] = useState<string>();
  const [focus, setFocus] = useState<string>();

  const load = useCallback(
    () =>
      listConflicts().then(
        (list) => {
          setProblem(undefined);
          setConflicts(list);
        },
        (e) => setProblem(toProblem(e)),
      ),
    [],
  );
  useEffect(() => {
    if (online) void load();
  }, [online, load]);

  // The settled card is gone: keyboard and screen reader users go on to the next one, or to the top.
  useEffect(() => {
    if (!focus) return;
    document.getElementById(focus)?.focus();
    setFocus(undefined);
  }, [focus]);

  const choose = async (c: SyncConflict, choice: 'kept' | 'lost') => {
    setDone(undefined);
    try {
      await resolveConflict(c.id, choice);
    } catch (error) {
      // Changed again since, or settled on another phone: show the list as it is now, and why.
      const refusal = toProblem(error);
      if (refusal.status === 409 || refusal.status === 404) await load();
      // A card that left the list cannot show the reason itself.
      if (refusal.status === 404) setProblem(refusal);
      throw error;
    }
    const list = conflicts ?? [];
    const next = list[list.indexOf(c) + 1] ?? list[list.indexOf(c) - 1];
    setConflicts(list.filter((x) => x.id !== c.id));
    const stays = choice === 'lost' ? c.lost : c.current;
    setDone(
      t('conflicts.done', {
        name: c.clientName,
        field: fieldName(t, c.field),
        value: quoted(t, locale, c.field, stays),
      }),
    );
    setFocus(next ? `conflict-${next.id}` : 'page-heading');
    // The phone's copy takes the value that stays at its next pull: ask for it now.
    if (choice === 'lost') void unlocked()?.engine.syncNow();
  };

  return (
    <>
      <PageHeading text={t('conflicts.title')} />
      <p>{t('conflicts.intro')}</p>
      <StatusMessage message={done} />
      <ProblemAlert problem={problem} />
      {!online && <p class="notice">{t('conflicts.offline')}</p>}
      {online && !conflicts && !problem && <p role="status">{t('app.loading')}</p>}
      {conflicts?.length === 0 && (
        <EmptyState title={t('conflicts.noneTitle')}>
          <p>{t('conflicts.none')}</p>
        </EmptyState>
      )}
      {conflicts && conflicts.length > 0 && (
        <ul class="rows">
          {conflicts.map((c) => (
            <ConflictCard key={c.id} conflict={c} onChoose={choose} />
          ))}
        </ul>
      )}
    </>
  );
}
