import { readFileSync } from 'node:fs';
import parsePrometheusTextFormat, { type MetricFamily } from 'parse-prometheus-text-format';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { createLogger } from '../../log.js';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { call } from '../../test/http.js';
import { initialPullsOf } from '../sync/initial-pulls.js';
import { programRegistry, registry } from './registry.js';

const TOKEN = 'metrics-token-0123456789abcdef0123456789';
const h = useApp({ metricsToken: TOKEN });
let w: CaseloadWorld;
let personId: string;

const scrape = (headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) =>
  h.app.request('/metrics', { headers });

/** The families of one scrape, by name, as the parser groups them (types, help, unlabelled samples). */
async function families(): Promise<Map<string, MetricFamily>> {
  return new Map(parsePrometheusTextFormat(await scraped()).map((f) => [f.name, f]));
}

async function scraped(): Promise<string> {
  const reply = await scrape();
  expect(reply.status).toBe(200);
  expect(reply.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return reply.text();
}

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * Every sample line with its labels. The parser folds only unlabelled
 * histograms into one entry, so histograms are read here as untyped samples
 * (`_bucket`, `_sum`, `_count`), each line still parsed by it.
 */
const samplesOf = (text: string): Sample[] =>
  parsePrometheusTextFormat(text.replace(/^# TYPE (\w+) histogram$/gm, '# TYPE $1 untyped')).flatMap((f) =>
    f.metrics.map((m) => ({ name: f.name, labels: m.labels ?? {}, value: Number(m.value) })),
  );

const raiseAlert = async (id: string) => {
  const raised = await call(h.app, 'POST', '/api/alerts', {
    cookie: w.cookie.chw,
    body: { id, clientId: personId, note: 'Esperanza said goodbye to her family' },
  });
  expect(raised.status).toBe(201);
  return String(raised.body.id);
};

beforeAll(async () => {
  // A failing route of the test's own, added before the first request builds the router.
  h.app.post('/test-only/fails', () => {
    throw new Error('fails on purpose');
  });
  w = await caseloadWorld(h, 'metrics');
  const settings = await call(h.app, 'PUT', '/api/program/crisis-response', {
    cookie: w.cookie.admin,
    body: {
      crisisLines: [{ label: '988 Lifeline', phone: '988', sms: '988', language: 'en' }],
      onCall: [{ userId: w.org.ids[w.org.supervisor], phone: '+1 555 0100' }],
      rescreenDays: 28,
      rescreenFromTotal: 10,
    },
  });
  expect(settings.status).toBe(200);
  personId = (await register(h, w.cookie.chw, { givenName: 'Esperanza', familyName: 'Quintero' })).id;
  // What the scrape should count: a person opened, a search by name, an alert acknowledged and
  // one left waiting (its email stays in the outbox: no mail server here), a sync pull and push, a failure.
  expect((await call(h.app, 'GET', `/api/clients/${personId}`, { cookie: w.cookie.chw })).status).toBe(200);
  expect((await call(h.app, 'GET', '/api/clients?q=Esperanza', { cookie: w.cookie.chw })).status).toBe(200);
  const acknowledged = await raiseAlert('01900000-0000-7000-8000-00000000a1e1');
  const ack = await call(h.app, 'POST', `/api/alerts/${acknowledged}/acknowledge`, {
    cookie: w.cookie.supervisor,
    body: { actionTaken: 'Called Esperanza back' },
  });
  expect(ack.status).toBe(200);
  await raiseAlert('01900000-0000-7000-8000-00000000a1e2');
  const device = '01900000-0000-7000-8000-0000000d0e01';
  expect((await call(h.app, 'GET', `/api/sync/pull?device=${device}`, { cookie: w.cookie.chw })).status).toBe(
    200,
  );
  const pushed = await call(h.app, 'POST', '/api/sync/push', {
    cookie: w.cookie.chw,
    body: { device, mutations: [{ id: '01900000-0000-7000-8000-0000000000f1', kind: 'no-such-kind' }] },
  });
  expect(pushed.status).toBe(200);
  expect((await call(h.app, 'POST', '/test-only/fails', { body: {} })).status).toBe(500);
});

describe('Prometheus metrics at /metrics', () => {
  it('count requests by method, route template and status class, with latencies and 5xx', async () => {
    const text = await scraped();
    const types = new Map(parsePrometheusTextFormat(text).map((f) => [f.name, f.type]));
    expect(types.get('puente_http_requests_total')).toBe('COUNTER');
    expect(types.get('puente_http_request_duration_seconds')).toBe('HISTOGRAM');
    expect(types.get('puente_http_server_errors_total')).toBe('COUNTER');
    const samples = samplesOf(text);
    const opened = { method: 'GET', route: '/api/clients/{id}', status_class: '2xx' };
    expect(samples).toContainEqual({ name: 'puente_http_requests_total', labels: opened, value: 1 });
    expect(samples).toContainEqual({
      name: 'puente_http_request_duration_seconds_count',
      labels: opened,
      value: 1,
    });
    expect(samples).toContainEqual({
      name: 'puente_http_request_duration_seconds_bucket',
      labels: { ...opened, le: '+Inf' },
      value: 1,
    });
    expect(samples).toContainEqual({
      name: 'puente_http_requests_total',
      labels: { method: 'GET', route: '/api/clients', status_class: '2xx' },
      value: 1,
    });
    expect(samples.filter((s) => s.name === 'puente_http_server_errors_total')).toEqual([
      {
        name: 'puente_http_server_errors_total',
        labels: { method: 'POST', route: '/test-only/fails' },
        value: 1,
      },
    ]);
  });

  it('count sync pulls and pushes, the outbox’s waiting emails, alert acknowledgement times and event-loop lag', async () => {
    const f = await families();
    const value = (name: string) => Number(f.get(name)?.metrics[0]?.value);
    expect(value('puente_sync_pulls_total')).toBe(1);
    expect(value('puente_sync_pushes_total')).toBe(1);
    expect(f.get('puente_sync_mutations_total')?.metrics).toEqual([
      { labels: { result: 'rejected' }, value: '1' },
    ]);
    expect(value('puente_outbox_pending_messages')).toBe(1);
    expect(value('puente_outbox_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(0);
    const ack = f.get('puente_alert_acknowledgement_seconds');
    expect(ack?.type).toBe('HISTOGRAM');
    expect(ack?.metrics[0]?.count).toBe('1');
    expect(f.get('nodejs_eventloop_lag_seconds')?.type).toBe('GAUGE');
    expect(f.has('puente_backup_last_success_timestamp_seconds')).toBe(true);
    expect(f.get('puente_info')?.metrics[0]?.labels).toMatchObject({ database: h.db.kind });
    // PostgreSQL's pool (5 connections in tests); PGlite has none to report.
    const pool = f.get('puente_db_pool_connections')?.metrics ?? [];
    if (h.db.kind === 'postgres') {
      expect(pool.map((m) => m.labels?.state).sort()).toEqual(['busy', 'idle']);
      expect(value('puente_db_pool_max_connections')).toBe(5);
      expect(f.has('puente_db_pool_waiting_queries')).toBe(true);
    } else {
      expect(pool).toEqual([]);
    }
  });

  it('count the places for initial syncs in use, their number, and the phones told to come back later', async () => {
    const value = async (name: string) => Number((await families()).get(name)?.metrics[0]?.value);
    // The pull made before is over: its place is free again.
    expect(await value('puente_sync_initial_pulls_in_progress')).toBe(0);
    expect(await value('puente_sync_initial_pull_places')).toBe(h.config.syncInitialPullsAtOnce);
    expect(await value('puente_sync_initial_pulls_refused_total')).toBe(0);
    // Every place taken by phones still reading their first pages: a new phone is told to wait.
    const places = initialPullsOf(h.config);
    const holders = Array.from({ length: places.limit }, (_, i) => `01900000-0000-7000-8000-0000000d0f0${i}`);
    for (const device of holders) expect(places.enter(device)).toBe(true);
    const device = '01900000-0000-7000-8000-0000000d0e02';
    const refused = await call(h.app, 'GET', `/api/sync/pull?device=${device}`, { cookie: w.cookie.chw });
    expect(refused.status).toBe(503);
    expect(await value('puente_sync_initial_pulls_in_progress')).toBe(places.limit);
    expect(await value('puente_sync_initial_pulls_refused_total')).toBe(1);
    for (const holder of holders) places.leave(holder, false);
    expect(await value('puente_sync_initial_pulls_in_progress')).toBe(0);
  });

  it('label values are route templates, methods, status classes and fixed words: no id, name or query', async () => {
    const text = await scraped();
    expect(text).not.toMatch(/Esperanza|Quintero|q=|\?/);
    expect(text).not.toContain(personId);
    const doc = (await call(h.app, 'GET', '/api/openapi.json')).body as { paths: Record<string, unknown> };
    const templates = new Set([
      ...Object.keys(doc.paths),
      '/metrics',
      '/test-only/fails',
      'unmatched',
      'web',
    ]);
    const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'OTHER'];
    const routes = new Set<string>();
    for (const { name, labels } of samplesOf(text)) {
      for (const [label, value] of Object.entries(labels)) {
        expect(value, `${name}{${label}}`).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/i);
        if (label === 'route') routes.add(value);
        if (label === 'status_class') expect(value).toMatch(/^[1-5]xx$/);
        if (label === 'method') expect(methods).toContain(value);
      }
    }
    expect([...routes].filter((r) => !templates.has(r))).toEqual([]);
    expect(routes).toContain('/api/alerts/{id}/acknowledge');
  });

  it('refuses a scrape without the token, with another token or by another scheme (401)', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer not-the-token-0123456789abcdef0123456789' },
      { authorization: `Basic ${Buffer.from(`prometheus:${TOKEN}`).toString('base64')}` },
      { authorization: `Bearer ${TOKEN}x` },
    ];
    for (const headers of attempts) {
      const refused = await scrape(headers);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('content-type')).toBe('application/problem+json');
      expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await refused.json()).toMatchObject({ code: 'metricsTokenRequired' });
    }
  });

  it('is not there at all (404, as any unknown address) when PUENTE_METRICS_TOKEN is not set', async () => {
    const off = buildApp({
      db: h.db,
      config: { ...h.config, metricsToken: undefined },
      log: createLogger('silent'),
    });
    const reply = await off.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(reply.status).toBe(404);
    expect(await reply.json()).toMatchObject({ code: 'notFound' });
  });

  it('feed every query of the example Grafana dashboard (ops/grafana/puente.json)', () => {
    const dashboard = JSON.parse(
      readFileSync(new URL('../../../../../ops/grafana/puente.json', import.meta.url), 'utf8'),
    );
    const queries = (dashboard.panels as { targets: { expr: string }[] }[]).flatMap((p) =>
      p.targets.map((t) => t.expr),
    );
    const named = new Set(queries.flatMap((q) => q.match(/\b(puente|nodejs|process)_\w+/g) ?? []));
    expect(named.size).toBeGreaterThan(10);
    // A process's own metrics, or the program's figures read at scrape time (registry.ts).
    const known = (name: string) => registry.getSingleMetric(name) ?? programRegistry.getSingleMetric(name);
    const unknown = [...named].filter((n) => !known(n.replace(/_(bucket|count|sum)$/, '')));
    expect(unknown).toEqual([]);
  });
});
