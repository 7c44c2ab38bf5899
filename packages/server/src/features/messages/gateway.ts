import { createHmac, timingSafeEqual } from 'node:crypto';
import type { OutboundText, SendOutcome, TextProvider } from './provider.js';
import { retryableStatus } from './provider.js';
import type { TextProviderSettings } from './settings.js';

type GatewaySettings = Extract<TextProviderSettings, { kind: 'gateway' }>;

export const gatewayHook = '/hooks/messages/gateway';

/** How far a signed callback's timestamp may be from now: older ones are replays. */
export const GATEWAY_SKEW_SECONDS = 300;

/**
 * A generic HTTP gateway (RapidPro/TextIt's external channel, an Android
 * gateway phone, a local aggregator): each message is POSTed as JSON to
 * `<url>/messages` with a bearer token and an Idempotency-Key (Puente's id),
 * so a retry after a lost reply is the same message to the gateway.
 * It answers with its own id: `{ "id": "…" }`.
 */
export function gatewayProvider(settings: GatewaySettings, publicUrl: string): TextProvider {
  return {
    name: 'gateway',
    async send(text: OutboundText): Promise<SendOutcome> {
      let response: Response;
      try {
        response = await fetch(`${settings.baseUrl}/messages`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${settings.token}`,
            'content-type': 'application/json',
            'idempotency-key': text.id,
          },
          body: JSON.stringify({
            id: text.id,
            to: text.to,
            from: text.from,
            text: text.body,
            callbackUrl: `${publicUrl}${gatewayHook}`,
          }),
          signal: AbortSignal.timeout(15_000),
        });
      } catch (error) {
        return { ok: false, retry: true, reason: (error as Error).name };
      }
      const reply = (await response.json().catch(() => ({}))) as { id?: unknown };
      if (response.ok && typeof reply.id === 'string' && reply.id !== '')
        return { ok: true, providerId: reply.id };
      return { ok: false, retry: retryableStatus(response.status), reason: `http-${response.status}` };
    },
  };
}

/** The signature a gateway sends in X-Puente-Signature: `sha256=` and the hex HMAC-SHA256 of `<timestamp>.<body>`. */
export function gatewaySignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

export function validGatewaySignature(
  secret: string,
  timestamp: string | undefined,
  body: string,
  header: string | undefined,
  now: Date,
): boolean {
  if (!header || !timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > GATEWAY_SKEW_SECONDS) return false;
  const expected = Buffer.from(gatewaySignature(secret, timestamp, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
