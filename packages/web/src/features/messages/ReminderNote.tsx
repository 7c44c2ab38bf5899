import { type AppointmentTextReminders, type MessageKey, roleCan } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { useSession } from '../../app/session';
import { formatMoment } from '../../ui/format';
import { useOnline } from '../../ui/useOnline';
import { getAppointmentReminders } from './api';

/**
 * Text reminders of the person's appointments and follow-up visits, read from
 * the server while online (refusals and STOPs are not on the phone's copy);
 * undefined offline, for someone who does not text people, or while the
 * program sends none. `changed` reads them again (after a save).
 */
export function useTextReminders(clientId: string, changed: unknown) {
  const { me } = useSession();
  const online = useOnline();
  const [reminders, setReminders] = useState<AppointmentTextReminders>();
  const allowed = roleCan(me.role, 'texts.work');
  useEffect(() => {
    if (!allowed || !online) return;
    let current = true;
    getAppointmentReminders(clientId).then(
      (r) => current && setReminders(r),
      // Only a note beside the appointments and visits: without it they show as before.
      () => current && setReminders(undefined),
    );
    return () => {
      current = false;
    };
  }, [clientId, online, allowed, changed]);
  return online && reminders?.enabled ? reminders : undefined;
}

/** Why no reminder goes, in the CHW's words: the server's reasons the catalog explains. */
const whyKeys: Record<string, MessageKey> = {
  noServiceConsent: 'sms.why_noServiceConsent',
  noTextConsent: 'sms.why_noTextConsent',
  textOptedOut: 'sms.why_textOptedOut',
  textNotSafe: 'sms.why_textNotSafe',
  textNoPhone: 'sms.why_textNoPhone',
  textBadNumber: 'sms.why_textBadNumber',
  textTooLong: 'sms.why_textTooLong',
  referralDoNotContact: 'sms.why_referralDoNotContact',
};
const whyKey = (reason: string | null): MessageKey | undefined => (reason ? whyKeys[reason] : undefined);

/** What a reminder is about: a care-plan or referral appointment, or a follow-up visit. */
export interface Reminded {
  kind: 'appointment' | 'task';
  id: string;
  /** When it is: no reminder is promised for what is past. */
  at: string;
  /** Still to happen (a scheduled appointment, an open follow-up). */
  ahead: boolean;
}

/**
 * The line under an appointment or a follow-up visit about its text reminder:
 * the latest one's status, or that none was sent and why; before any is due,
 * whether one will go, and if not why (no text consent, STOP, the referral
 * says not to contact the person), so the CHW knows to call instead.
 */
export function ReminderNote({ subject: s, texts }: { subject: Reminded; texts: AppointmentTextReminders }) {
  const { t, locale } = useI18n();
  const latest = texts.reminders.find((r) =>
    s.kind === 'task' ? r.taskId === s.id : r.appointmentId === s.id,
  );
  const why = (reason: string | null) => {
    const key = whyKey(reason);
    return key ? ` ${t(key)}` : '';
  };
  if (latest?.status === 'refused')
    return (
      <p class="row-meta reminder-note">
        {t('sms.reminderRefused')}
        {why(latest.reason)}
      </p>
    );
  if (latest)
    return (
      <p class="row-meta reminder-note">
        {t('sms.reminderLine', {
          status: t(`sms.status_${latest.status}`),
          when: formatMoment(locale, latest.at),
        })}
      </p>
    );
  if (!s.ahead || Date.parse(s.at) <= Date.now()) return null;
  const quiet = s.kind === 'appointment' && texts.doNotContact.includes(s.id);
  return (
    <p class="row-meta reminder-note">
      {!texts.canText
        ? `${t('sms.reminderWillNot')}${why(texts.reason)}`
        : quiet
          ? t('sms.why_referralDoNotContact')
          : t('sms.reminderWill')}
    </p>
  );
}
