import type {
  CrisisLine,
  CrisisProtocolInfo,
  CrisisSettings,
  OnCallEntry,
  Problem,
  User,
} from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { Field, SelectField } from '../../ui/Field';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { listUsers } from '../users/api';
import { errorsByPath, getCrisisSettings, getProtocolInfo, saveCrisisSettings } from './admin-api';
import { CrisisChecklist } from './CrisisChecklist';

/** A line as typed: every field a string, so nothing typed is lost when the server refuses. */
interface LineDraft {
  label: string;
  phone: string;
  sms: string;
  smsBody: string;
  chat: string;
  hours: string;
  language: string;
  otherLanguages: string;
}
interface RotaDraft {
  userId: string;
  phone: string;
  allHours: boolean;
  days: number[];
  from: string;
  to: string;
}
interface Draft {
  lines: LineDraft[];
  emergencyNumber: string;
  rota: RotaDraft[];
  escalationMinutes: string;
  rescreenDays: string;
  rescreenFromTotal: string;
}

const emptyLine: LineDraft = {
  label: '',
  phone: '',
  sms: '',
  smsBody: '',
  chat: '',
  hours: '',
  language: 'en',
  otherLanguages: '',
};

const toDraft = (s: CrisisSettings): Draft => ({
  lines: s.crisisLines.map((l) => ({
    label: l.label,
    phone: l.phone ?? '',
    sms: l.sms ?? '',
    smsBody: l.smsBody ?? '',
    chat: l.chat ?? '',
    hours: l.hours ?? '',
    language: l.language,
    otherLanguages: (l.otherLanguages ?? []).join(', '),
  })),
  emergencyNumber: s.emergencyNumber ?? '',
  rota: s.onCall.map((e) => ({
    userId: e.userId,
    phone: e.phone ?? '',
    allHours: !e.hours,
    days: e.hours?.days ?? [1, 2, 3, 4, 5],
    from: e.hours?.from ?? '09:00',
    to: e.hours?.to ?? '17:00',
  })),
  escalationMinutes: s.escalationMinutes ? String(s.escalationMinutes) : '',
  rescreenDays: String(s.rescreenDays),
  rescreenFromTotal: String(s.rescreenFromTotal),
});

/** Empty inputs are left out; numbers stay as typed when they are not numbers, so the server names the field. */
const opt = (v: string) => (v.trim() ? v.trim() : undefined);
const num = (v: string) => (v.trim() === '' ? undefined : Number.isNaN(Number(v)) ? v : Number(v));

function toSettings(d: Draft): CrisisSettings {
  const lines = d.lines.map(
    (l) =>
      Object.fromEntries(
        Object.entries({
          label: l.label,
          phone: opt(l.phone),
          sms: opt(l.sms),
          smsBody: opt(l.smsBody),
          chat: opt(l.chat),
          hours: opt(l.hours),
          language: l.language.trim(),
          otherLanguages: l.otherLanguages.trim()
            ? l.otherLanguages
                .split(',')
                .map((x) => x.trim())
                .filter(Boolean)
            : undefined,
        }).filter(([, v]) => v !== undefined),
      ) as CrisisLine,
  );
  const onCall: OnCallEntry[] = d.rota.map((r) => ({
    userId: r.userId,
    ...(opt(r.phone) ? { phone: r.phone.trim() } : {}),
    ...(r.allHours ? {} : { hours: { days: r.days, from: r.from, to: r.to } }),
  }));
  const settings = {
    crisisLines: lines,
    onCall,
    emergencyNumber: opt(d.emergencyNumber),
    escalationMinutes: num(d.escalationMinutes),
    rescreenDays: num(d.rescreenDays),
    rescreenFromTotal: num(d.rescreenFromTotal),
  };
  return Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)) as CrisisSettings;
}

/** The program's crisis response: lines, emergency number, on-call rota and escalation time (admin). */
export function AdminCrisisScreen() {
  const { t, locale } = useI18n();
  const [draft, setDraft] = useState<Draft>();
  const [supervisors, setSupervisors] = useState<User[]>([]);
  const [info, setInfo] = useState<CrisisProtocolInfo>();
  const [problem, setProblem] = useState<Problem>();
  const [status, setStatus] = useState<string>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    getCrisisSettings().then(
      (s) => setDraft(toDraft(s)),
      (e) => setProblem(toProblem(e)),
    );
    listUsers().then(
      (users) => setSupervisors(users.filter((u) => u.role === 'supervisor' && !u.disabled)),
      () => undefined,
    );
    void getProtocolInfo().then(setInfo, () => undefined);
  }, []);

  if (!draft)
    return (
      <>
        <PageHeading text={t('crisis.navAdmin')} />
        <ProblemAlert problem={problem} />
        {!problem && <p role="status">{t('app.loading')}</p>}
      </>
    );

  const errors = errorsByPath(problem);
  // The server's messages come already in the caller's language.
  const err = (path: string) => errors[path];
  const set = (change: Partial<Draft>) => setDraft({ ...draft, ...change });
  const setLine = (i: number, change: Partial<LineDraft>) =>
    set({ lines: draft.lines.map((l, j) => (j === i ? { ...l, ...change } : l)) });
  const setRota = (i: number, change: Partial<RotaDraft>) =>
    set({ rota: draft.rota.map((r, j) => (j === i ? { ...r, ...change } : r)) });
  const nameOf = (id: string) => supervisors.find((s) => s.id === id)?.displayName ?? '';
  const weekday = (d: number) =>
    new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2026, 0, 4 + d)),
    );

  const save = async (event: Event) => {
    event.preventDefault();
    setSaving(true);
    setProblem(undefined);
    setStatus(undefined);
    try {
      const saved = await saveCrisisSettings(toSettings(draft));
      setDraft(toDraft(saved));
      setInfo(await getProtocolInfo().catch(() => undefined));
      setStatus(t('crisis.saved'));
    } catch (error) {
      // The draft stays as typed: only the message and the fields' errors change.
      setProblem(toProblem(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeading text={t('crisis.navAdmin')} />
      <p>{t('crisis.adminIntro')}</p>
      {info && <CrisisChecklist info={info} link={false} />}
      <StatusMessage message={status} />
      <ProblemAlert problem={problem} />
      <form onSubmit={(e) => void save(e)} noValidate>
        <Field
          id="emergency"
          label={t('crisis.emergencyLabel')}
          hint={t('crisis.emergencyHint')}
          value={draft.emergencyNumber}
          onValue={(v) => set({ emergencyNumber: v })}
          inputMode="tel"
          error={err('emergencyNumber')}
        />
        <fieldset>
          <legend>{t('crisis.linesLegend')}</legend>
          {draft.lines.map((l, i) => {
            const n = i + 1;
            const f = (key: keyof LineDraft, label: string, hint?: string) => (
              <Field
                id={`line-${i}-${key}`}
                label={label}
                {...(hint ? { hint } : {})}
                value={l[key]}
                onValue={(v) => setLine(i, { [key]: v })}
                error={err(`crisisLines.${i}.${key}`)}
              />
            );
            return (
              <fieldset key={i}>
                <legend>{t('crisis.lineLegend', { n })}</legend>
                {f('label', t('crisis.lineLabel'))}
                {f('phone', t('crisis.linePhone'), t('crisis.lineNeedsWay'))}
                {f('sms', t('crisis.lineSms'))}
                {f('smsBody', t('crisis.lineSmsBody'))}
                {f('chat', t('crisis.lineChat'))}
                {f('hours', t('crisis.lineHours'))}
                {f('language', t('crisis.lineLanguage'))}
                {f('otherLanguages', t('crisis.lineOtherLanguages'))}
                <button type="button" onClick={() => set({ lines: draft.lines.filter((_, j) => j !== i) })}>
                  {t('crisis.removeLine', { n })}
                </button>
              </fieldset>
            );
          })}
          <button
            type="button"
            onClick={() => set({ lines: [...draft.lines, { ...emptyLine, language: locale }] })}
          >
            {t('crisis.addLine')}
          </button>
        </fieldset>
        <fieldset>
          <legend>{t('crisis.rotaLegend')}</legend>
          {draft.rota.length === 0 && <p class="hint">{t('crisis.rotaEmpty')}</p>}
          {err('onCall') && <p class="field-error">{err('onCall')}</p>}
          <ol>
            {draft.rota.map((r, i) => (
              <li key={r.userId || i}>
                <SelectField
                  id={`rota-${i}-user`}
                  label={t('crisis.rotaPerson')}
                  value={r.userId}
                  onValue={(v) => setRota(i, { userId: v })}
                  options={supervisors.map((s) => ({ value: s.id, label: s.displayName }))}
                  error={err(`onCall.${i}.userId`)}
                />
                <Field
                  id={`rota-${i}-phone`}
                  label={t('crisis.rotaPhone')}
                  value={r.phone}
                  onValue={(v) => setRota(i, { phone: v })}
                  inputMode="tel"
                  error={err(`onCall.${i}.phone`)}
                />
                <label class="check">
                  <input
                    type="checkbox"
                    checked={r.allHours}
                    onChange={(e) => setRota(i, { allHours: e.currentTarget.checked })}
                  />{' '}
                  {t('crisis.rotaAllHours')}
                </label>
                {!r.allHours && (
                  <fieldset>
                    <legend>{t('crisis.rotaDays')}</legend>
                    {[0, 1, 2, 3, 4, 5, 6].map((d) => (
                      <label key={d} class="check">
                        <input
                          type="checkbox"
                          checked={r.days.includes(d)}
                          onChange={(e) =>
                            setRota(i, {
                              days: e.currentTarget.checked
                                ? [...r.days, d].sort()
                                : r.days.filter((x) => x !== d),
                            })
                          }
                        />{' '}
                        {weekday(d)}
                      </label>
                    ))}
                    {err(`onCall.${i}.hours.days`) && (
                      <p class="field-error">{err(`onCall.${i}.hours.days`)}</p>
                    )}
                    <Field
                      id={`rota-${i}-from`}
                      label={t('crisis.rotaFrom')}
                      value={r.from}
                      onValue={(v) => setRota(i, { from: v })}
                      error={err(`onCall.${i}.hours.from`)}
                    />
                    <Field
                      id={`rota-${i}-to`}
                      label={t('crisis.rotaTo')}
                      value={r.to}
                      onValue={(v) => setRota(i, { to: v })}
                      error={err(`onCall.${i}.hours.to`)}
                    />
                  </fieldset>
                )}
                {i > 0 && (
                  <button
                    type="button"
                    onClick={() => {
                      const rota = [...draft.rota];
                      [rota[i - 1], rota[i]] = [r, rota[i - 1] as RotaDraft];
                      set({ rota });
                    }}
                  >
                    {t('crisis.moveUp', { name: nameOf(r.userId) })}
                  </button>
                )}{' '}
                <button type="button" onClick={() => set({ rota: draft.rota.filter((_, j) => j !== i) })}>
                  {t('crisis.removeRota', { name: nameOf(r.userId) })}
                </button>
              </li>
            ))}
          </ol>
          {supervisors.length > 0 && (
            <button
              type="button"
              onClick={() =>
                set({
                  rota: [
                    ...draft.rota,
                    {
                      userId: supervisors[0]?.id ?? '',
                      phone: '',
                      allHours: true,
                      days: [1, 2, 3, 4, 5],
                      from: '09:00',
                      to: '17:00',
                    },
                  ],
                })
              }
            >
              {t('crisis.addRota')}
            </button>
          )}
        </fieldset>
        <Field
          id="escalation"
          label={t('crisis.escalationLabel')}
          value={draft.escalationMinutes}
          onValue={(v) => set({ escalationMinutes: v })}
          inputMode="numeric"
          error={err('escalationMinutes')}
        />
        <Field
          id="rescreen-days"
          label={t('crisis.rescreenDays')}
          value={draft.rescreenDays}
          onValue={(v) => set({ rescreenDays: v })}
          inputMode="numeric"
          error={err('rescreenDays')}
        />
        <Field
          id="rescreen-from"
          label={t('crisis.rescreenFrom')}
          value={draft.rescreenFromTotal}
          onValue={(v) => set({ rescreenFromTotal: v })}
          inputMode="numeric"
          error={err('rescreenFromTotal')}
        />
        <button type="submit" class="primary" disabled={saving}>
          {saving ? t('crisis.saving') : t('crisis.save')}
        </button>
      </form>
    </>
  );
}
