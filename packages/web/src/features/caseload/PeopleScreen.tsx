import {
  activeFilters,
  type CaseloadView,
  type ClientSummary,
  caseloadViewParams,
  type Problem,
  parseCaseloadView,
} from '@puente/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import type { CaseloadChoices } from '../../offline/data';
import { useSyncedAt } from '../../offline/useSyncedAt';
import { EmptyState, ProblemAlert } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { listClients } from './api';
import { CaseloadFilters } from './CaseloadFilters';
import { ClientRow } from './ClientRow';
import { rememberCaseload } from './caseload-href';

const pageSize = 25;
const debounceMs = 300;

function queryInUrl(): string {
  return new URLSearchParams(location.search).get('q') ?? '';
}

const viewInUrl = (): CaseloadView => parseCaseloadView(new URLSearchParams(location.search));

/** Keeps the search, sort and filters in the address, so back, forward and reload keep them (offline too). */
function keepInUrl(q: string, view: CaseloadView): void {
  const params = caseloadViewParams(view, q).toString();
  const href = params ? `/people?${params}` : '/people';
  history.replaceState(null, '', href);
  rememberCaseload(href);
}

/**
 * The caseload: search by name or phone digits, sort and filters (all kept in
 * the address), page by page. The phone's copy sorts and filters without
 * signal; a list read from the server (no copy on this device) is searched only.
 */
export function PeopleScreen() {
  const { t } = useI18n();
  const [query, setQuery] = useState(queryInUrl);
  const [searched, setSearched] = useState(query.trim());
  const [view, setView] = useState(viewInUrl);
  const [choices, setChoices] = useState<CaseloadChoices>();
  const [clients, setClients] = useState<ClientSummary[]>();
  const [total, setTotal] = useState(0);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const latest = useRef(0);
  // The view now, for a search that settles after the view changed.
  const viewNow = useRef(view);
  viewNow.current = view;

  // Wait for a pause in typing, then remember the search in the address so back and reload keep it.
  useEffect(() => {
    const timer = setTimeout(() => {
      const q = query.trim();
      setSearched(q);
      keepInUrl(q, viewNow.current);
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [query]);

  const changeView = (next: CaseloadView) => {
    setView(next);
    keepInUrl(searched, next);
  };

  const load = async (q: string, offset: number, limit = pageSize) => {
    const request = ++latest.current;
    setBusy(true);
    setProblem(undefined);
    try {
      const page = await listClients({ q, limit, offset, view });
      // A slow answer to an older search must not replace a newer one.
      if (request !== latest.current) return;
      setTotal(page.total);
      setChoices(page.choices);
      setClients((list) => (offset === 0 ? page.clients : [...(list ?? []), ...page.clients]));
    } catch (error) {
      if (request === latest.current) setProblem(toProblem(error));
    } finally {
      if (request === latest.current) setBusy(false);
    }
  };

  useEffect(() => {
    void load(searched, 0);
  }, [searched, view]);
  // What a sync brought (someone handed over to this CHW, or away) shows at once, keeping the rows shown.
  const syncedAt = useSyncedAt();
  useEffect(() => {
    if (clients) void load(searched, 0, Math.max(clients.length, pageSize));
  }, [syncedAt]);

  const shown = clients?.length ?? 0;
  // Only the phone's copy filters (it sends the choices): a list from the server is never shown as filtered.
  const filtering = choices !== undefined && activeFilters(view.filter) > 0;
  const clearFilters = () => changeView({ ...view, filter: {} });
  return (
    <>
      <PageHeading text={t('people.title')} />
      <p>
        <Link href="/people/new" class="button primary wide">
          {t('people.register')}
        </Link>
      </p>
      <div class="field">
        <label for="people-search">{t('people.search')}</label>
        <p id="people-search-hint" class="hint">
          {t('people.searchHint')}
        </p>
        <input
          id="people-search"
          type="search"
          autocomplete="off"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
          aria-describedby="people-search-hint people-count"
        />
      </div>
      {choices && <CaseloadFilters view={view} choices={choices} onView={changeView} />}
      {clients && filtering && (
        <p class="match-line" role="status">
          {total === 1 ? t('people.matchOne') : t('people.matchMany', { count: total })}
          {' · '}
          <button type="button" class="link-button" onClick={clearFilters}>
            {t('people.clearFilters')}
          </button>
        </p>
      )}
      <p id="people-count" class="hint" aria-live="polite">
        {clients && total > 0 ? t('people.count', { shown, total }) : ''}
      </p>
      <ProblemAlert problem={problem} />
      {!clients && !problem && <p role="status">{t('app.loading')}</p>}
      {clients && total === 0 && !searched && !filtering && (
        <EmptyState title={t('people.emptyTitle')}>
          <p>{t('people.emptyBody')}</p>
        </EmptyState>
      )}
      {clients && total === 0 && searched && !filtering && (
        <EmptyState title={t('people.noMatchTitle', { query: searched })}>
          <p>{t('people.noMatchBody')}</p>
        </EmptyState>
      )}
      {clients && total === 0 && filtering && (
        <EmptyState title={t('people.noFilterMatchTitle')}>
          <p>{t('people.noFilterMatchBody')}</p>
          <p>
            <button type="button" onClick={clearFilters}>
              {t('people.clearFilters')}
            </button>
          </p>
        </EmptyState>
      )}
      {clients && clients.length > 0 && (
        <ul class="rows">
          {clients.map((c) => (
            <ClientRow key={c.id} client={c} />
          ))}
        </ul>
      )}
      {clients && shown < total && (
        <p>
          <button type="button" disabled={busy} onClick={() => load(searched, shown)}>
            {busy ? t('people.loadingMore') : t('people.showMore')}
          </button>
        </p>
      )}
    </>
  );
}
