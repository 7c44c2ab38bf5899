// Provider fakes for the tests (not used by the server): HTTP servers started by a test that speak
// Twilio's real request format and a generic gateway's, and signed callbacks computed the documented
// way, written here apart from the server's own signing code so that a mistake in one shows in the other.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '../../app.js';

/** What the next request meets: the provider down (nothing kept), or the message kept and the reply lost. */
export type Fault = 'unavailable' | 'lost-reply';

export interface FakeMessage {
  sid: string;
  to: string;
  from: string;
  body: string;
  statusCallback: string | undefined;
}

export interface FakeProvider {
  url: string;
  /** Every message the provider accepted (and would deliver), in order. */
  messages: FakeMessage[];
  /** Every request that reached it, accepted or not. */
  requests: number;
  failNext(fault: Fault): void;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let text = '';
    req.on('data', (chunk) => {
      text += chunk;
    });
    req.on('end', () => resolve(text));
  });

async function serve(handle: (req: IncomingMessage, body: string) => { status: number; json: unknown }) {
  const server: Server = createServer(async (req, res) => {
    const { status, json } = handle(req, await readBody(req));
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Twilio's Messages API as it answers: POST /2010-04-01/Accounts/{AccountSid}/Messages.json,
 * form-encoded To, From, Body and StatusCallback, HTTP basic auth with the account SID and auth token;
 * 201 with the message resource (sid SM…), or Twilio's JSON error (21211 for a bad To).
 */
export async function fakeTwilio(accountSid: string, authToken: string): Promise<FakeProvider> {
  let fault: Fault | undefined;
  const state = { messages: [] as FakeMessage[], requests: 0 };
  const basic = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const server = await serve((req, body) => {
    state.requests++;
    if (req.method !== 'POST' || req.url !== `/2010-04-01/Accounts/${accountSid}/Messages.json`)
      return {
        status: 404,
        json: { code: 20404, message: 'The requested resource was not found', status: 404 },
      };
    if (req.headers.authorization !== basic)
      return { status: 401, json: { code: 20003, message: 'Authenticate', status: 401 } };
    if (req.headers['content-type'] !== 'application/x-www-form-urlencoded')
      return { status: 400, json: { code: 20001, message: 'Bad content type', status: 400 } };
    const form = new URLSearchParams(body);
    const to = form.get('To') ?? '';
    if (!/^\+[1-9]\d{7,14}$/.test(to))
      return {
        status: 400,
        json: { code: 21211, message: "The 'To' number is not a valid phone number.", status: 400 },
      };
    const now = fault;
    fault = undefined;
    if (now === 'unavailable')
      return { status: 503, json: { code: 20503, message: 'Service unavailable', status: 503 } };
    const sid = `SM${randomBytes(16).toString('hex')}`;
    const message = {
      sid,
      to,
      from: form.get('From') ?? '',
      body: form.get('Body') ?? '',
      statusCallback: form.get('StatusCallback') ?? undefined,
    };
    state.messages.push(message);
    if (now === 'lost-reply')
      return { status: 500, json: { code: 20500, message: 'Internal Server Error', status: 500 } };
    return {
      status: 201,
      json: {
        sid,
        account_sid: accountSid,
        to,
        from: message.from,
        body: message.body,
        status: 'queued',
        num_segments: '1',
      },
    };
  });
  return {
    url: server.url,
    get messages() {
      return state.messages;
    },
    get requests() {
      return state.requests;
    },
    failNext: (f) => {
      fault = f;
    },
    close: server.close,
  };
}

/**
 * A generic gateway: POST /messages with a bearer token and JSON `{ id, to, from, text }`; an
 * Idempotency-Key it has seen gets the same answer again and sends nothing more.
 */
export async function fakeGateway(token: string): Promise<FakeProvider & { keys: Map<string, string> }> {
  let fault: Fault | undefined;
  const state = { messages: [] as FakeMessage[], requests: 0 };
  const keys = new Map<string, string>();
  const server = await serve((req, body) => {
    state.requests++;
    if (req.method !== 'POST' || req.url !== '/messages')
      return { status: 404, json: { error: 'not found' } };
    if (req.headers.authorization !== `Bearer ${token}`) return { status: 401, json: { error: 'token' } };
    const now = fault;
    fault = undefined;
    if (now === 'unavailable') return { status: 503, json: { error: 'down' } };
    const key = String(req.headers['idempotency-key'] ?? '');
    const seen = keys.get(key);
    if (seen) return { status: 200, json: { id: seen } };
    const m = JSON.parse(body) as { to: string; from: string; text: string };
    const sid = `gw-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
    if (key) keys.set(key, sid);
    state.messages.push({ sid, to: m.to, from: m.from, body: m.text, statusCallback: undefined });
    if (now === 'lost-reply') return { status: 502, json: { error: 'gateway timeout' } };
    return { status: 202, json: { id: sid } };
  });
  return {
    url: server.url,
    keys,
    get messages() {
      return state.messages;
    },
    get requests() {
      return state.requests;
    },
    failNext: (f) => {
      fault = f;
    },
    close: server.close,
  };
}

/**
 * Posts a callback as Twilio does: form-encoded, with X-Twilio-Signature =
 * base64(HMAC-SHA1(auth token, full URL + each POST parameter's name and value, sorted by name)).
 */
export function twilioCallback(
  app: App,
  publicUrl: string,
  pathAndQuery: string,
  params: Record<string, string>,
  authToken: string,
  signature?: string,
) {
  let data = `${publicUrl}${pathAndQuery}`;
  for (const name of Object.keys(params).sort()) data += name + params[name];
  const signed = createHmac('sha1', authToken).update(Buffer.from(data, 'utf-8')).digest('base64');
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (signature !== '') headers['x-twilio-signature'] = signature ?? signed;
  return app.request(pathAndQuery, { method: 'POST', headers, body: new URLSearchParams(params).toString() });
}

/** Posts a gateway callback signed with HMAC-SHA256 over "<timestamp>.<body>". */
export function gatewayCallback(
  app: App,
  body: unknown,
  secret: string,
  at = new Date(),
  signature?: string,
) {
  const text = JSON.stringify(body);
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const signed = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${text}`).digest('hex')}`;
  return app.request('/hooks/messages/gateway', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-puente-timestamp': timestamp,
      'x-puente-signature': signature ?? signed,
    },
    body: text,
  });
}
