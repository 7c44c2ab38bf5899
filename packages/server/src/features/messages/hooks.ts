import { createRoute } from '@hono/zod-openapi';
import { PuenteError } from '@puente/core';
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../http/env.js';
import { bodyLimitByLength } from '../../http/node-fast-path.js';
import { commonProblems, createRouter, jsonResponse, problems } from '../../http/openapi.js';
import { transactionalPublic } from '../../http/scope.js';
import { createLimiter, limitKeys } from '../auth/limits.js';
import { tooMany } from '../auth/sign-in-guard.js';
import { GATEWAY_SKEW_SECONDS, gatewayHook, validGatewaySignature } from './gateway.js';
import { receiveText } from './inbound.js';
import { tellHolders } from './news.js';
import { recordStatus } from './status.js';
import { twilioHooks, twilioStatus, validTwilioSignature } from './twilio.js';

/**
 * The provider's callbacks: delivery news and inbound texts. Outside /api (a
 * provider has no session and posts forms, not same-origin JSON), each is
 * accepted only with the provider's signature, checked before anything is
 * read or stored: unsigned or wrongly signed, 403 and nothing kept. Each is
 * idempotent by the provider's message id, so a provider's retry is harmless.
 */
export const messageHookRoutes = createRouter();
const tags = ['Text messages'];
const limit = bodyLimitByLength({
  maxSize: 64 * 1024,
  onError: () => {
    throw new PuenteError(413, 'errors.tooLarge', { limit: '64 KB' });
  },
});
const forbidden = () => new PuenteError(403, 'errors.textSignatureInvalid');

/**
 * A signature is a secret, so guessing it is limited like a password: each
 * address may send a few wrongly signed callbacks per quarter hour, then gets
 * 429 before any signature is computed. A right one gives its attempt back, so
 * a provider's own traffic, however heavy, never counts against it.
 */
const guesses = createLimiter({ limit: 20, windowSeconds: 15 * 60 });
const guarded =
  (
    kind: 'twilio' | 'gateway',
    check: (c: Parameters<MiddlewareHandler<AppEnv>>[0]) => Promise<boolean>,
  ): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (c.get('config').texts?.kind !== kind) throw new PuenteError(404, 'errors.notFound');
    const db = c.get('db');
    const key = limitKeys.address('text-hook', c.get('ip'));
    const slot = await guesses.reserve(db, key);
    if (!slot.allowed) throw tooMany(slot.retryAfterSeconds);
    if (!(await check(c))) throw forbidden();
    await guesses.refund(db, key);
    await next();
  };
const twiml = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
const TwiML = { content: { 'text/xml': { schema: z.string() } }, description: 'Empty TwiML: no reply here' };

/** Twilio's X-Twilio-Signature over PUBLIC_URL + path + query and the sorted form fields. */
const twilioSigned = guarded('twilio', async (c) => {
  const settings = c.get('config').texts;
  if (settings?.kind !== 'twilio') return false;
  if (!/^application\/x-www-form-urlencoded\b/i.test(c.req.header('content-type') ?? '')) return false;
  const form = new URLSearchParams(await c.req.text());
  const params = Object.fromEntries(form.entries());
  const url = `${c.get('config').publicUrl}${c.req.path}${new URL(c.req.url).search}`;
  if (!validTwilioSignature(settings.authToken, url, params, c.req.header('x-twilio-signature')))
    return false;
  // The account's own callbacks only: a signature from another account's token cannot match anyway.
  return params.AccountSid === settings.accountSid;
});

const formOf = async (c: { req: { text(): Promise<string> } }) =>
  Object.fromEntries(new URLSearchParams(await c.req.text()).entries());

messageHookRoutes.openapi(
  createRoute({
    method: 'post',
    path: twilioHooks.status,
    tags,
    summary:
      'Twilio’s delivery status callback (form-encoded, X-Twilio-Signature); `m` is Puente’s message id',
    middleware: [limit, twilioSigned] as const,
    request: { query: z.object({ m: z.string().optional() }) },
    responses: { 200: TwiML, 404: problems[404], ...commonProblems },
  }),
  async (c) => {
    const form = await formOf(c);
    const status = twilioStatus(form.MessageStatus);
    const { m } = c.req.valid('query');
    if (!form.MessageSid) throw new PuenteError(400, 'errors.textWebhookMalformed');
    if (status) {
      await transactionalPublic(c, (tx) =>
        recordStatus(
          tx,
          'twilio',
          {
            providerId: form.MessageSid ?? '',
            status,
            reason: form.ErrorCode ? `twilio-${form.ErrorCode}` : null,
            ...(m && z.uuid().safeParse(m).success ? { messageId: m } : {}),
          },
          new Date(),
        ),
      );
    }
    return c.body(twiml, 200, { 'content-type': 'text/xml' });
  },
);

messageHookRoutes.openapi(
  createRoute({
    method: 'post',
    path: twilioHooks.inbound,
    tags,
    summary:
      'Twilio’s incoming message webhook (form-encoded, X-Twilio-Signature): keywords, reminder answers, the thread',
    middleware: [limit, twilioSigned] as const,
    responses: { 200: TwiML, 404: problems[404], ...commonProblems },
  }),
  async (c) => {
    const form = await formOf(c);
    if (!form.MessageSid || !form.From || !form.To) throw new PuenteError(400, 'errors.textWebhookMalformed');
    const news = { providerId: form.MessageSid, from: form.From, to: form.To, body: form.Body ?? '' };
    const received = await transactionalPublic(c, (tx) =>
      receiveText(tx, c.get('config'), 'twilio', news, new Date()),
    );
    if (received) await tellHolders(c, received);
    return c.body(twiml, 200, { 'content-type': 'text/xml' });
  },
);

/** The gateway's X-Puente-Signature over X-Puente-Timestamp and the raw body, read before anything parses it. */
const gatewaySigned = guarded('gateway', async (c) => {
  const settings = c.get('config').texts;
  if (settings?.kind !== 'gateway') return false;
  return validGatewaySignature(
    settings.secret,
    c.req.header('x-puente-timestamp'),
    await c.req.text(),
    c.req.header('x-puente-signature'),
    new Date(),
  );
});

const GatewayCallback = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('status'),
      id: z.string().min(1).max(200),
      status: z.enum(['sent', 'delivered', 'undelivered', 'failed']),
      error: z.string().max(100).optional(),
    }),
    z.object({
      type: z.literal('inbound'),
      id: z.string().min(1).max(200),
      from: z.string().min(3).max(30),
      to: z.string().min(3).max(30),
      text: z.string().max(5000),
    }),
  ])
  .meta({ id: 'GatewayCallback' });

messageHookRoutes.openapi(
  createRoute({
    method: 'post',
    path: gatewayHook,
    tags,
    summary: `An SMS gateway’s callback (JSON): delivery status or an incoming message, signed with HMAC-SHA256 of "<X-Puente-Timestamp>.<body>" in X-Puente-Signature (sha256=<hex>), at most ${GATEWAY_SKEW_SECONDS} s old`,
    middleware: [limit, gatewaySigned] as const,
    responses: {
      200: jsonResponse(z.object({ ok: z.boolean() }), 'Taken (or already taken)'),
      404: problems[404],
      ...commonProblems,
    },
  }),
  async (c) => {
    let raw: unknown;
    try {
      raw = JSON.parse(await c.req.text());
    } catch {
      throw new PuenteError(400, 'errors.textWebhookMalformed');
    }
    const parsed = GatewayCallback.safeParse(raw);
    if (!parsed.success) throw new PuenteError(400, 'errors.textWebhookMalformed');
    const event = parsed.data;
    const config = c.get('config');
    if (event.type === 'status') {
      await transactionalPublic(c, (tx) =>
        recordStatus(
          tx,
          'gateway',
          { providerId: event.id, status: event.status, reason: event.error ?? null },
          new Date(),
        ),
      );
      return c.json({ ok: true }, 200);
    }
    const news = { providerId: event.id, from: event.from, to: event.to, body: event.text };
    const received = await transactionalPublic(c, (tx) =>
      receiveText(tx, config, 'gateway', news, new Date()),
    );
    if (received) await tellHolders(c, received);
    return c.json({ ok: true }, 200);
  },
);
