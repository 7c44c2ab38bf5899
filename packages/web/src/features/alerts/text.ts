import type { MessageKey, MessageParams, RiskAlert } from '@puente/core';

type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Why the alert was raised first, in the reader's words. */
export const reasonText = (t: Translate, reason: RiskAlert['reason']) =>
  t(`alerts.reason_${reason.replace(/-/g, '_')}` as MessageKey);

/** The alert's title: its strongest finding so far ("C-SSRS: high risk" beats "PHQ-9 question 9"). */
export const alertTitle = (t: Translate, alert: Pick<RiskAlert, 'finding'>) =>
  t(`alerts.finding_${alert.finding.replace(/-/g, '_')}` as MessageKey);

export const severityText = (t: Translate, severity: RiskAlert['severity']) =>
  t(`alerts.severity_${severity}` as MessageKey);

/** One step of the timeline, in the reader's words. */
export const eventText = (t: Translate, kind: NonNullable<RiskAlert['events']>[number]['kind']) =>
  t(`alerts.event_${kind}` as MessageKey);

/** A number as a `tel:`/`sms:` address wants it. */
export const dialable = (number: string) => number.replace(/[^\d+]/g, '');
