import {
  defaultFollowUpIntervals,
  defaultSmallCount,
  followUpLimits,
  isLocale,
  type Locale,
  limits,
  locales,
  minimumSmallCount,
  type ProgramSettings,
} from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { navigate } from '../../app/router';
import { Field, SelectField } from '../../ui/Field';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { useAction } from '../../ui/useAction';
import { PolicyCard } from '../two-factor/PolicyCard';
import { getProgramSettings, saveProgramSettings } from './api';
import { LogoCard } from './LogoCard';

function SettingsForm({ settings }: { settings: ProgramSettings }) {
  const { t } = useI18n();
  const [name, setName] = useState(settings.programName ?? '');
  const [language, setLanguage] = useState<Locale>(settings.programLanguage ?? 'en');
  const [followUp, setFollowUp] = useState(String(settings.followUpDaysAfterVisit));
  const [noContact, setNoContact] = useState(String(settings.noContactDays));
  const [timeZone, setTimeZone] = useState(settings.timeZone);
  const [threshold, setThreshold] = useState(String(settings.smallCountThreshold ?? defaultSmallCount));
  const [highHours, setHighHours] = useState(
    String(settings.highRiskFollowUpHours ?? defaultFollowUpIntervals.highRiskHours),
  );
  const [moderateHours, setModerateHours] = useState(
    String(settings.moderateRiskFollowUpHours ?? defaultFollowUpIntervals.moderateRiskHours),
  );
  const [status, setStatus] = useState<string>();
  const { busy, problem, errors, run } = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    setStatus(undefined);
    const body = {
      programName: name.trim(),
      programLanguage: language,
      followUpDaysAfterVisit: Number(followUp),
      noContactDays: Number(noContact),
      timeZone: timeZone.trim(),
      smallCountThreshold: Number(threshold),
      highRiskFollowUpHours: Number(highHours),
      moderateRiskFollowUpHours: Number(moderateHours),
    };
    if (await run(async () => void (await saveProgramSettings(body)))) setStatus(t('team.settingsSaved'));
  };
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="page-heading">
      <StatusMessage message={status} />
      <ProblemAlert problem={problem} />
      <Field
        id="programName"
        label={t('team.programName')}
        hint={t('team.programNameHint')}
        autocomplete="organization"
        maxLength={limits.nameMax}
        value={name}
        onValue={setName}
        error={errors.programName}
      />
      <SelectField
        id="programLanguage"
        label={t('team.programLanguage')}
        hint={t('team.programLanguageHint')}
        value={language}
        onValue={(v) => isLocale(v) && setLanguage(v)}
        options={locales.map((l) => ({ value: l, label: t(l === 'en' ? 'app.english' : 'app.spanish') }))}
        error={errors.programLanguage}
      />
      <Field
        id="followUpDays"
        type="number"
        inputMode="numeric"
        min={0}
        max={90}
        label={t('team.followUpDays')}
        value={followUp}
        onValue={setFollowUp}
        error={errors.followUpDaysAfterVisit}
      />
      <Field
        id="noContactDays"
        type="number"
        inputMode="numeric"
        min={7}
        max={365}
        label={t('team.noContactDays')}
        value={noContact}
        onValue={setNoContact}
        error={errors.noContactDays}
      />
      <Field
        id="timeZone"
        label={t('team.timeZone')}
        autocomplete="off"
        value={timeZone}
        onValue={setTimeZone}
        error={errors.timeZone}
      />
      <Field
        id="smallCountThreshold"
        type="number"
        inputMode="numeric"
        min={minimumSmallCount}
        max={100}
        label={t('team.smallCountThreshold')}
        hint={t('team.smallCountHelp')}
        value={threshold}
        onValue={setThreshold}
        error={errors.smallCountThreshold}
      />
      <Field
        id="highRiskFollowUpHours"
        type="number"
        inputMode="numeric"
        min={followUpLimits.highRiskHours.min}
        max={followUpLimits.highRiskHours.max}
        label={t('followUp.highRiskHours')}
        hint={t('followUp.highRiskHoursHelp')}
        value={highHours}
        onValue={setHighHours}
        error={errors.highRiskFollowUpHours}
      />
      <Field
        id="moderateRiskFollowUpHours"
        type="number"
        inputMode="numeric"
        min={followUpLimits.moderateRiskHours.min}
        max={followUpLimits.moderateRiskHours.max}
        label={t('followUp.moderateRiskHours')}
        value={moderateHours}
        onValue={setModerateHours}
        error={errors.moderateRiskFollowUpHours}
      />
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t('team.saving') : t('team.saveSettings')}
      </button>
    </form>
  );
}

/** Goes to a record by its id; the person's page offers to break the glass when it is out of scope. */
function OpenRecordForm() {
  const { t } = useI18n();
  const [id, setId] = useState('');
  const submit = (event: Event) => {
    event.preventDefault();
    if (id.trim()) navigate(`/people/${encodeURIComponent(id.trim())}`);
  };
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="open-record-title">
      <h2 id="open-record-title">{t('team.openRecordTitle')}</h2>
      <Field
        id="record-id"
        label={t('team.recordId')}
        autocomplete="off"
        maxLength={40}
        value={id}
        onValue={setId}
      />
      <button type="submit">{t('team.openRecord')}</button>
    </form>
  );
}

/** Admin: the program's name, logo and language, casework rules and report threshold, and a way into any record for a stated reason. */
export function ProgramScreen() {
  const { t } = useI18n();
  const [settings, setSettings] = useState<ProgramSettings>();
  const { problem, setProblem } = useAction();
  useEffect(() => {
    getProgramSettings()
      .then(setSettings)
      .catch((error) => setProblem(toProblem(error)));
  }, []);
  return (
    <>
      <PageHeading text={t('team.programTitle')} />
      <ProblemAlert problem={problem} />
      {!settings && !problem && <p role="status">{t('app.loading')}</p>}
      {settings && <SettingsForm settings={settings} />}
      <LogoCard />
      <PolicyCard />
      <OpenRecordForm />
    </>
  );
}
