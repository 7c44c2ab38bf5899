import type { MessageKey, MessageParams, Problem, TextBacklog, TextSettings } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { Field, SelectField } from '../../ui/Field';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { getTextBacklog, getTextSettings, saveTextSettings, type TextSettingsBody } from './api';

type Translate = (key: MessageKey, params?: MessageParams) => string;
type Slot = TextSettings['reminders'][number];
/** A reminder as the form edits it: both kinds' fields kept, so switching kind loses no typing. */
interface SlotDraft {
  kind: 'day' | 'hours';
  daysBefore: string;
  at: string;
  hoursBefore: string;
}
const MAX_SLOTS = 4;

const draftOf = (slot: Slot): SlotDraft =>
  'hoursBefore' in slot
    ? { kind: 'hours', daysBefore: '1', at: '18:00', hoursBefore: String(slot.hoursBefore) }
    : { kind: 'day', daysBefore: String(slot.daysBefore), at: slot.at, hoursBefore: '2' };
const slotOf = (d: SlotDraft): Slot =>
  d.kind === 'hours'
    ? { hoursBefore: Number(d.hoursBefore) }
    : { daysBefore: Number(d.daysBefore), at: d.at };

/** "3 h 05 min", "2 d 4 h": how long the oldest late text has waited. */
function age(t: Translate, seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return t('smsAdmin.ageMinutes', { minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('smsAdmin.ageHours', { hours, minutes: minutes % 60 });
  return t('smsAdmin.ageDays', { days: Math.floor(hours / 24), hours: hours % 24 });
}

/**
 * Admin: the program's number, when reminders go (the day before at a set
 * time, or hours before), the quiet hours, and how the texts waiting for the
 * provider stand, so a provider that is down shows as a growing wait.
 */
export function TextSettingsSection() {
  const { t } = useI18n();
  const [settings, setSettings] = useState<TextSettings>();
  const [backlog, setBacklog] = useState<TextBacklog>();
  const [loadProblem, setLoadProblem] = useState<Problem>();
  const [sender, setSender] = useState('');
  const [slots, setSlots] = useState<SlotDraft[]>([]);
  const [quietStart, setQuietStart] = useState('21:00');
  const [quietEnd, setQuietEnd] = useState('08:00');
  const [status, setStatus] = useState<string>();
  const { busy, problem, errors, run } = useAction();

  const show = (s: TextSettings) => {
    setSettings(s);
    setSender(s.sender ?? '');
    setSlots(s.reminders.map(draftOf));
    setQuietStart(s.quietStart);
    setQuietEnd(s.quietEnd);
  };
  useEffect(() => {
    getTextSettings().then(show, (error) => setLoadProblem(toProblem(error)));
    getTextBacklog().then(setBacklog, (error) => setLoadProblem(toProblem(error)));
  }, []);

  const change = (i: number, part: Partial<SlotDraft>) =>
    setSlots((all) => all.map((s, j) => (j === i ? { ...s, ...part } : s)));
  const remove = (i: number) => {
    setSlots((all) => all.filter((_, j) => j !== i));
    requestAnimationFrame(() => document.getElementById('add-slot')?.focus());
  };
  const add = () => {
    setSlots((all) => [...all, { kind: 'hours', daysBefore: '1', at: '18:00', hoursBefore: '2' }]);
    requestAnimationFrame(() => document.getElementById(`slot-${slots.length}-kind`)?.focus());
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    setStatus(undefined);
    const body: TextSettingsBody = {
      sender: sender.trim() === '' ? null : sender.trim(),
      reminders: slots.map(slotOf),
      quietStart,
      quietEnd,
    };
    if (await run(async () => show(await saveTextSettings(body)))) setStatus(t('smsAdmin.settingsSaved'));
  };

  return (
    <>
      <ProblemAlert problem={loadProblem} />
      {settings && !settings.enabled && <p class="notice">{t('smsAdmin.off')}</p>}
      {backlog?.enabled && (
        <section aria-labelledby="text-backlog-title">
          <h2 id="text-backlog-title">{t('smsAdmin.backlogTitle')}</h2>
          {backlog.oldestDueSeconds === 0 ? (
            <p>{t('smsAdmin.backlogNone')}</p>
          ) : (
            <p class="notice">{t('smsAdmin.backlogOldest', { age: age(t, backlog.oldestDueSeconds) })}</p>
          )}
          <p class="hint">
            {t('smsAdmin.backlogWaiting', { count: backlog.waiting })}{' '}
            {t('smsAdmin.backlogFailed', { count: backlog.failedThisWeek })}
          </p>
        </section>
      )}
      {settings && (
        <form onSubmit={submit} noValidate aria-labelledby="text-settings-title">
          <h2 id="text-settings-title">{t('smsAdmin.settingsTitle')}</h2>
          <StatusMessage message={status} />
          <ProblemAlert problem={problem} />
          <Field
            id="text-sender"
            type="tel"
            label={t('smsAdmin.sender')}
            hint={t('smsAdmin.senderHint')}
            value={sender}
            onValue={setSender}
            error={errors.sender}
            maxLength={20}
            autocomplete="off"
          />
          <fieldset aria-describedby="text-slots-hint">
            <legend>{t('smsAdmin.reminders')}</legend>
            <p id="text-slots-hint" class="hint">
              {t('smsAdmin.remindersHint')}
            </p>
            {errors.reminders && <p class="field-error">{errors.reminders}</p>}
            {slots.length === 0 && <p>{t('smsAdmin.noSlots')}</p>}
            {slots.map((s, i) => (
              <fieldset key={i} class="card reminder-slot">
                <legend>{t('smsAdmin.slot', { n: i + 1 })}</legend>
                <SelectField
                  id={`slot-${i}-kind`}
                  label={t('smsAdmin.slotKind')}
                  value={s.kind}
                  onValue={(kind) => change(i, { kind: kind === 'day' ? 'day' : 'hours' })}
                  options={(['day', 'hours'] as const).map((k) => ({
                    value: k,
                    label: t(`smsAdmin.slotKind_${k}`),
                  }))}
                />
                {s.kind === 'day' ? (
                  <>
                    <Field
                      id={`slot-${i}-days`}
                      type="number"
                      label={t('smsAdmin.daysBefore')}
                      value={s.daysBefore}
                      onValue={(daysBefore) => change(i, { daysBefore })}
                      min={1}
                      max={7}
                      inputMode="numeric"
                    />
                    <Field
                      id={`slot-${i}-at`}
                      type="time"
                      label={t('smsAdmin.at')}
                      value={s.at}
                      onValue={(at) => change(i, { at })}
                    />
                  </>
                ) : (
                  <Field
                    id={`slot-${i}-hours`}
                    type="number"
                    label={t('smsAdmin.hoursBefore')}
                    value={s.hoursBefore}
                    onValue={(hoursBefore) => change(i, { hoursBefore })}
                    min={1}
                    max={72}
                    inputMode="numeric"
                  />
                )}
                <button type="button" onClick={() => remove(i)}>
                  {t('smsAdmin.removeSlot', { n: i + 1 })}
                </button>
              </fieldset>
            ))}
            {slots.length < MAX_SLOTS && (
              <p>
                <button type="button" id="add-slot" onClick={add}>
                  {t('smsAdmin.addSlot')}
                </button>
              </p>
            )}
          </fieldset>
          <Field
            id="quiet-start"
            type="time"
            label={t('smsAdmin.quietStart')}
            value={quietStart}
            onValue={setQuietStart}
            error={errors.quietStart}
          />
          <Field
            id="quiet-end"
            type="time"
            label={t('smsAdmin.quietEnd')}
            hint={t('smsAdmin.quietHint')}
            value={quietEnd}
            onValue={setQuietEnd}
            error={errors.quietEnd}
          />
          <p class="actions">
            <button type="submit" class="primary" disabled={busy}>
              {busy ? t('plan.saving') : t('smsAdmin.saveSettings')}
            </button>
          </p>
        </form>
      )}
    </>
  );
}
