import { createHmac, timingSafeEqual } from 'node:crypto';
import { failureCode, type ProviderReply, postToProvider } from './post.js';
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
      let reply: ProviderReply;
      try {
        reply = await postToProvider(
          `${settings.baseUrl}/messages`,
          {
            authorization: `Bearer ${settings.token}`,
            'content-type': 'application/json',
            'idempotency-key': text.id,
          },
          JSON.stringify({
            id: text.id,
            to: text.to,
            from: text.from,
            text: text.body,
            callbackUrl: `${publicUrl}${gatewayHook}`,
          }),
        );
      } catch (error) {
        return { ok: false, retry: true, reason: failureCode(error) };
      }
      const { id } = reply.body;
      if (reply.ok && typeof id === 'string' && id !== '') return { ok: true, providerId: id };
      return { ok: false, retry: retryableStatus(reply.status), reason: `http-${reply.status}` };
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
