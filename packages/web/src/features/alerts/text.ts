import type { MessageKey, MessageParams, RiskAlert } from '@puente/core';

type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Why the alert was raised, in the reader's words. */
export const reasonText = (t: Translate, reason: RiskAlert['reason']) =>
  t(`alerts.reason_${reason.replace(/-/g, '_')}` as MessageKey);

/** One step of the timeline, in the reader's words. */
export const eventText = (t: Translate, kind: NonNullable<RiskAlert['events']>[number]['kind']) =>
  t(`alerts.event_${kind}` as MessageKey);
