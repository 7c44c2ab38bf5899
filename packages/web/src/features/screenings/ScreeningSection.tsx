import { type Outcomes, type Questionnaire, readScoringRule, type Screening } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { useSession } from '../../app/session';
import { data } from '../../offline/data';
import { useSyncedAt } from '../../offline/useSyncedAt';
import { formatMoment } from '../../ui/format';
import { AlertStatus } from '../crisis/AlertProgress';
import { ScreeningClosed, screeningClosed, useCrisisInfo } from '../crisis/Readiness';
import type { SectionProps } from '../person/section';
import { formKey, getOutcomes, listScreenings, loadInstruments, screensWaiting } from './api';
import { engineText, needLabel, titleOf } from './labels';
import { OutcomesChart } from './OutcomesChart';
import './screenings.css';

/** A person's screens: start one, the ones done so far, and PHQ-9/GAD-7 totals over time. */
export function ScreeningSection({ client }: SectionProps) {
  const { t, locale } = useI18n();
  const { me } = useSession();
  const [forms, setForms] = useState<readonly Questionnaire[]>();
  const [past, setPast] = useState<Screening[]>();
  const [outcomes, setOutcomes] = useState<Outcomes>();
  const [offline, setOffline] = useState(false);
  const syncedAt = useSyncedAt();
  const crisis = useCrisisInfo();

  useEffect(() => {
    void loadInstruments(me).then(setForms);
  }, [me]);
  // Read again after each sync: the server's score replaces the phone's, screens from other devices arrive.
  useEffect(() => {
    Promise.all([listScreenings(client.id), getOutcomes(client.id)]).then(
      ([s, o]) => {
        setPast(s);
        setOutcomes(o);
      },
      () => setOffline(true),
    );
  }, [client.id, syncedAt]);

  const byUrl = new Map((forms ?? []).map((f) => [f.url, f]));
  // Screens made on this phone and not yet on the server: listed from its copy, with their own score.
  const unsent = data().unsent(client.id);
  const waiting = screensWaiting(client.id) + (past ?? []).filter((s) => unsent.has(s.id)).length;
  return (
    <section aria-labelledby="screening-title">
      <h2 id="screening-title">{t('screening.title')}</h2>
      <p class="hint">{t('screening.intro')}</p>
      {navigator.onLine && <AlertStatus clientId={client.id} />}
      <h3>{t('screening.choose')}</h3>
      {screeningClosed(crisis) ? (
        <ScreeningClosed info={crisis} />
      ) : !forms ? (
        <p role="status">{t('screening.loadingForms')}</p>
      ) : (
        <ul class="form-picker">
          {forms.map((f) => (
            <li key={f.url}>
              <Link href={`/people/${client.id}/screen/${formKey(f)}`} class="button">
                {titleOf(f, locale)}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('screening.past')}</h3>
      {waiting > 0 && <p class="hint">{t('screening.savedLater')}</p>}
      {offline && <p class="hint">{t('app.networkError')}</p>}
      {past?.length === 0 && <p class="hint">{t('screening.none')}</p>}
      {past && past.length > 0 && (
        <ul class="rows">
          {past.map((s) => {
            const form = byUrl.get(s.instrument);
            return (
              <li key={s.id} class="row">
                <p class="row-title">{form ? titleOf(form, locale) : s.instrument}</p>
                <p class="row-meta">
                  {[
                    s.total !== null ? t('screening.score', { total: s.total }) : undefined,
                    s.band ? engineText(t, bandKey(form, s.band)) : undefined,
                    s.positiveDomains.length > 0
                      ? t('screening.needsFound', {
                          needs: s.positiveDomains.map((d) => needLabel(t, d)).join(', '),
                        })
                      : undefined,
                    s.complete ? undefined : t('screening.incompleteShort'),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
                <p class="row-meta">
                  {formatMoment(locale, s.authoredAt)} · {t('screening.by', { name: s.authorName })}
                </p>
                {unsent.has(s.id) && <p class="hint">{t('screening.waitingToSend')}</p>}
              </li>
            );
          })}
        </ul>
      )}
      <h3 id="outcomes-title">{t('screening.outcomes')}</h3>
      <p class="hint">{t('screening.outcomesHint')}</p>
      {outcomes && <OutcomesChart outcomes={outcomes} forms={forms ?? []} />}
    </section>
  );
}

/** The server stores a band's code (`moderate`, `high`); its label key comes from the questionnaire's rule. */
function bandKey(form: Questionnaire | undefined, code: string): string {
  const rule = form ? readScoringRule(form).rule : undefined;
  if (rule?.method === 'sum') return rule.bands.find((b) => b.code === code)?.label ?? code;
  if (rule?.method === 'risk-tiers')
    return rule.tiers.find((x) => x.level === code)?.label ?? (code === 'none' ? rule.noneLabel : code);
  return code;
}
