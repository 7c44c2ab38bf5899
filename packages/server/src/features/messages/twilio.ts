import { createHmac, timingSafeEqual } from 'node:crypto';
import { failureCode, type ProviderReply, postToProvider } from './post.js';
import type { OutboundText, SendOutcome, TextProvider } from './provider.js';
import { retryableStatus } from './provider.js';
import type { TextProviderSettings } from './settings.js';

type TwilioSettings = Extract<TextProviderSettings, { kind: 'twilio' }>;

/** Where Twilio posts delivery news and inbound texts, under PUBLIC_URL. */
export const twilioHooks = {
  status: '/hooks/messages/twilio/status',
  inbound: '/hooks/messages/twilio/inbound',
};

/**
 * Twilio's REST API: one form-encoded POST to the account's Messages.json,
 * with basic authentication, asking for delivery news at the status hook
 * (which carries Puente's id back, so news that arrives before a retry stops it).
 */
export function twilioProvider(settings: TwilioSettings, publicUrl: string): TextProvider {
  const endpoint = `${settings.baseUrl}/2010-04-01/Accounts/${settings.accountSid}/Messages.json`;
  const auth = `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}`;
  return {
    name: 'twilio',
    async send(text: OutboundText): Promise<SendOutcome> {
      const form = new URLSearchParams({
        To: text.to,
        From: text.from,
        Body: text.body,
        StatusCallback: `${publicUrl}${twilioHooks.status}?m=${text.id}`,
      });
      let reply: ProviderReply;
      try {
        reply = await postToProvider(
          endpoint,
          { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
          form.toString(),
        );
      } catch (error) {
        return { ok: false, retry: true, reason: failureCode(error) };
      }
      const { sid, code } = reply.body;
      if (reply.ok && typeof sid === 'string') return { ok: true, providerId: sid };
      const reason = typeof code === 'number' ? `twilio-${code}` : `http-${reply.status}`;
      return { ok: false, retry: retryableStatus(reply.status), reason };
    },
  };
}

/**
 * Twilio's documented request signature: HMAC-SHA1, keyed with the auth
 * token, of the full URL Twilio called followed by every POST parameter's
 * name and value, sorted by name; base64. Compared in constant time.
 * @see https://www.twilio.com/docs/usage/security#validating-requests
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, name) => acc + name + params[name], url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

export function validTwilioSignature(
  authToken: string,
  url: string,
  params: Record<string, string>,
  header: string | undefined,
): boolean {
  if (!header) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Twilio's delivery statuses as Puente keeps them; `queued`, `sending` and `accepted` say nothing new. */
export function twilioStatus(
  value: string | undefined,
): 'sent' | 'delivered' | 'undelivered' | 'failed' | null {
  if (value === 'sent' || value === 'delivered' || value === 'undelivered' || value === 'failed')
    return value;
  return null;
}
