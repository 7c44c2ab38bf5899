import type { Client, DirectoryResult, Locale, Problem } from '@puente/core';
import { roleCan } from '@puente/core';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { fieldErrors, toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useSession } from '../../app/session';
import { formatMoment } from '../../ui/format';
import { EmptyState, ProblemAlert } from '../../ui/Messages';
import { useOnline } from '../../ui/useOnline';
import { type DirectoryQuery, searchDirectory } from './api';
import { Handout } from './Handout';
import { keptDirectory, searchKept } from './kept';
import { useLocation } from './location';
import { ResultCard } from './ResultCard';
import { SearchFields } from './SearchFields';
import { emptyForm, filtersOn, recall, remember, type SearchForm, toQuery } from './search-state';

const pageSize = 10;
const offlineProblem = (title: string): Problem => ({
  type: 'about:blank',
  title,
  status: 0,
  code: 'network',
});
const examples = [
  'directory.example1',
  'directory.example2',
  'directory.example3',
  'directory.example4',
] as const;

interface Props {
  /** More buttons on each result, e.g. "Refer" when searching from a person's page. */
  resultActions?: (result: DirectoryResult) => ComponentChildren;
  /** The person the search is for, when opened from their page: sharing can then make a private page for them. */
  person?: Client;
  /** A kind of help to start from (e.g. after a screen suggests behavioural-health services). */
  need?: string | undefined;
}

/**
 * Search the resource directory and act on the results. The search and its results stay
 * in memory, so going to another screen and back shows them again.
 */
export function DirectorySearch({ resultActions, person, need }: Props) {
  const { t, locale } = useI18n();
  const { me } = useSession();
  // A need asked for starts a fresh search for it; otherwise the last search comes back.
  const [start] = useState(() => (need ? { form: { ...emptyForm, need } } : recall(me.id)));
  const [form, setForm] = useState(start.form);
  const where = useLocation(start.position);
  const [found, setFound] = useState(start.found);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const [missing, setMissing] = useState<'position' | 'postcode'>();
  const [handout, setHandout] = useState<{ result: DirectoryResult; lang: Locale }>();
  const returnTo = useRef<string | undefined>(undefined);
  const latest = useRef(0);
  const scrollToCount = useRef(false);
  const online = useOnline();

  useEffect(
    () => remember(me.id, { form, position: where.position, found }),
    [me.id, form, where.position, found],
  );

  // Back from the handout: keyboard and screen reader users land on the card they left.
  useEffect(() => {
    if (handout || !returnTo.current) return;
    document.getElementById(returnTo.current)?.focus();
    returnTo.current = undefined;
  }, [handout]);

  // On a phone the results start below the form: bring a new search's count into view once drawn.
  useEffect(() => {
    if (!scrollToCount.current) return;
    scrollToCount.current = false;
    document.getElementById('directory-count')?.scrollIntoView({ block: 'start' });
  }, [found]);

  const load = async (query: DirectoryQuery, append: DirectoryResult[] = []) => {
    setProblem(undefined);
    const request = ++latest.current;
    if (!navigator.onLine) {
      // Without signal the phone's copy answers; said out loud when there is none, so Search never seems to do nothing.
      const page = await searchKept(query, locale).catch((error: unknown) => toProblem(error));
      if (request !== latest.current) return;
      if (!page) return setProblem(offlineProblem(t('directory.offline')));
      if ('status' in page) return setProblem(page);
      setFound({ query, results: [...append, ...page.results], total: page.total, totalAtLeast: false });
      scrollToCount.current = append.length === 0;
      return;
    }
    setBusy(true);
    try {
      const page = await searchDirectory(query);
      // A slow answer to an older search must not replace a newer one.
      if (request !== latest.current) return;
      setFound({
        query,
        results: [...append, ...page.results],
        total: page.total,
        totalAtLeast: page.totalAtLeast,
      });
      scrollToCount.current = append.length === 0;
    } catch (error) {
      if (request === latest.current) setProblem(toProblem(error));
    } finally {
      if (request === latest.current) setBusy(false);
    }
  };

  const search = (next: SearchForm) => {
    setForm(next);
    setMissing(undefined);
    const made = toQuery(next, where.position, pageSize);
    if ('missing' in made) return setMissing(made.missing);
    void load(made.query);
  };
  const more = () => {
    if (found) void load({ ...found.query, offset: found.results.length }, found.results);
  };
  const replace = (changed: DirectoryResult) =>
    found && setFound({ ...found, results: found.results.map((r) => (r.id === changed.id ? changed : r)) });

  if (handout) {
    return (
      <Handout
        result={handout.result}
        lang={handout.lang}
        onBack={() => {
          returnTo.current = `result-${handout.result.id}`;
          setHandout(undefined);
        }}
      />
    );
  }

  const kept = online ? undefined : keptDirectory();
  const offline = (!online && !kept) || problem?.code === 'network';
  const shownProblem = problem?.code === 'network' ? offlineProblem(t('directory.offline')) : problem;
  const errors = { ...fieldErrors(problem) };
  if (missing === 'position') errors.position = t('directory.locationNeeded');
  if (missing === 'postcode') errors.postcode = t('directory.postcodeNeeded');
  const shown = found?.results.length ?? 0;
  const count = busy
    ? t('directory.searching')
    : !found
      ? ''
      : found.total === 0
        ? t('directory.noneTitle')
        : found.total === 1
          ? t('directory.countOne')
          : t(found.totalAtLeast ? 'directory.countAtLeast' : 'directory.count', {
              total: found.total,
              shown,
            });
  const canReport = roleCan(me.role, 'directory.flag');

  return (
    <>
      {!online && !problem && !kept && <p class="warning">{t('directory.offline')}</p>}
      {kept && (
        <p class="notice">
          {t('directory.offlineCopy', { count: kept.places, when: formatMoment(locale, kept.checkedAt) })}
        </p>
      )}
      <SearchFields
        form={form}
        onForm={setForm}
        location={where.status}
        onLocate={where.locate}
        errors={errors}
        busy={busy}
        onSubmit={() => search(form)}
        onStartOver={() => {
          setForm(emptyForm);
          setFound(undefined);
          setProblem(undefined);
          setMissing(undefined);
        }}
      />
      <ProblemAlert problem={shownProblem} />
      <p id="directory-count" class="hint" aria-live="polite">
        {count}
      </p>
      {!found && !busy && !offline && (
        <EmptyState title={t('directory.startTitle')}>
          <p>{t('directory.startBody')}</p>
          <p class="actions">
            {examples.map((key) => (
              <button key={key} type="button" onClick={() => search({ ...form, q: t(key) })}>
                {t(key)}
              </button>
            ))}
          </p>
        </EmptyState>
      )}
      {found && found.total === 0 && !busy && (
        <EmptyState title={t('directory.noneTitle')}>
          <p>{t('directory.noneBody')}</p>
          {(filtersOn(form) > 0 || form.need) && (
            <p>
              <button type="button" onClick={() => search({ ...emptyForm, q: form.q })}>
                {t('directory.widen')}
              </button>
            </p>
          )}
        </EmptyState>
      )}
      {found && found.results.length > 0 && (
        <section aria-labelledby="directory-results">
          <h2 id="directory-results">{t('directory.resultsTitle')}</h2>
          <ul class="rows">
            {found.results.map((r) => (
              <ResultCard
                key={r.id}
                result={r}
                canReport={canReport}
                canVerify={roleCan(me.role, 'directory.manage')}
                onChange={replace}
                onHandout={(result, lang) => setHandout({ result, lang })}
                actions={resultActions}
                person={person}
                others={found.results}
              />
            ))}
          </ul>
          {shown < found.total && (
            <p>
              <button type="button" class="wide" disabled={busy} onClick={more}>
                {busy ? t('directory.loadingMore') : t('directory.showMore')}
              </button>
            </p>
          )}
        </section>
      )}
    </>
  );
}
