import { canonicalOf, talkCheck } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../app.js';
import type { Database } from '../../db/types.js';
import { createLogger } from '../../log.js';
import { useApp } from '../../test/app.js';
import { engine } from '../../test/database.js';
import { call } from '../../test/http.js';
import { ANSWER_LIMIT, answerLimiter } from './answers.js';

// Servers are meant to be stateless: two of them share only the database. On
// PostgreSQL the second one has connections of its own; PGlite has one connection.
const h = useApp({ trustProxy: true });
let second: Database;
let secondApp: App;
beforeAll(async () => {
  second = engine === 'postgres' ? await h.testDb.openAnother() : h.db;
  secondApp = buildApp({ db: second, config: h.config, log: createLogger('silent') });
});

const body = {
  phase: 'pre',
  response: {
    resourceType: 'QuestionnaireResponse',
    questionnaire: canonicalOf(talkCheck),
    status: 'completed',
  },
};
const answerFrom = (app: App, ip: string) =>
  call(app, 'POST', '/api/public/checks/NOSUCHCODE/answers', { body, headers: { 'x-forwarded-for': ip } });

describe('the limit on anonymous answers', () => {
  it('counts one address’s answers on every server together', async () => {
    const rule = { limit: 3, windowSeconds: 600 };
    // A limiter each, as two processes would have: only the database is shared.
    const here = answerLimiter(rule);
    const there = answerLimiter(rule);
    await here(h.db, '203.0.113.9');
    await there(second, '203.0.113.9');
    await here(h.db, '203.0.113.9');
    await expect(there(second, '203.0.113.9')).rejects.toMatchObject({ status: 429 });
    await expect(here(h.db, '203.0.113.9')).rejects.toMatchObject({ status: 429 });
    await expect(there(second, '198.51.100.7')).resolves.toBeUndefined();
  });

  it('refuses on one server the address another server has seen flood it, saying when to try again', async () => {
    const elsewhere = answerLimiter();
    for (let i = 0; i < ANSWER_LIMIT.limit; i++) await elsewhere(second, '192.0.2.44');
    const refused = await answerFrom(h.app, '192.0.2.44');
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('tooManyAnswers');
    const wait = Number(refused.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(ANSWER_LIMIT.windowSeconds);
    expect((await answerFrom(secondApp, '192.0.2.44')).status).toBe(429);
    // Another address is not held back: its answer reaches the check (which does not exist).
    expect((await answerFrom(secondApp, '192.0.2.45')).status).toBe(404);
  });
});
