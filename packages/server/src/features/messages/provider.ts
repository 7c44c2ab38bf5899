/** One message as handed to a provider; `id` is Puente's, the idempotency key of every attempt. */
export interface OutboundText {
  id: string;
  to: string;
  from: string;
  body: string;
}

/**
 * How a hand-over went: accepted with the provider's id, or refused — for
 * good (a number that cannot receive texts) or for now (the provider down,
 * too many requests), which the outbox retries with backoff.
 */
export type SendOutcome = { ok: true; providerId: string } | { ok: false; retry: boolean; reason: string };

/** A provider's delivery news about one message, by the provider's id. */
export interface StatusNews {
  providerId: string;
  status: 'sent' | 'delivered' | 'undelivered' | 'failed';
  /** The provider's error code, if any (a code only: never its words). */
  reason: string | null;
  /** Puente's id, when the callback carries it back (Twilio's status URL does). */
  messageId?: string;
}

/** A text that came in: who from, to which of the program's numbers, and what it said. */
export interface InboundNews {
  providerId: string;
  from: string;
  to: string;
  body: string;
}

/** What Puente needs of a provider: send one message. Callbacks are read by its hook routes. */
export interface TextProvider {
  name: 'twilio' | 'gateway';
  send(text: OutboundText): Promise<SendOutcome>;
}

/** Whether a failed HTTP status is worth another try: the provider is busy or down, not refusing the message. */
export const retryableStatus = (status: number) => status === 408 || status === 429 || status >= 500;
