import type { PullResponse } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { engine } from '../../test/database.js';
import { call } from '../../test/http.js';
import { useReplicaApp } from '../../test/replica-app.js';
import { newsHub, newsUrl } from '../news/hub.js';
import { device, pullAll, type TestDevice } from './testing.js';

const notesIn = (pages: PullResponse[], clientId: string) =>
  pages
    .flatMap((p) => p.rows)
    .filter((r) => r.entity === 'client' && r.id === clientId)
    .map((r) => (r.data as { notes?: string | null }).notes);

// The whole server on a primary and a streaming replica the test starts: PostgreSQL only.
describe.skipIf(engine !== 'postgres')('sync pulls through a lagging read replica', () => {
  const h = useReplicaApp();
  let w: CaseloadWorld;
  const routed = h.routed;
  const replicaCaughtUp = () => h.replicaCaughtUp();

  beforeAll(async () => {
    w = await caseloadWorld(h, 'replica');
  });

  it('shows a CHW their own edit at their next pull, while the supervisor’s pull reads the replica’s past', async () => {
    const person = await register(h, w.cookie.chw, { givenName: 'Réplica', notes: 'antes' });
    const phone: TestDevice = device(w.cookie.chw);
    const supervisorPhone: TestDevice = device(w.cookie.supervisor);
    expect(notesIn(await pullAll(h, phone), person.id)).toEqual(['antes']);
    expect(notesIn(await pullAll(h, supervisorPhone), person.id)).toEqual(['antes']);
    await replicaCaughtUp();

    await h.pair.pauseReplay();
    try {
      const changed = await call(h.app, 'PATCH', `/api/clients/${person.id}`, {
        cookie: w.cookie.chw,
        body: { notes: 'después' },
      });
      expect(changed.status).toBe(200);
      // Her own write is not on the replica: her pull waits a moment, then reads the primary.
      routed.length = 0;
      expect(notesIn(await pullAll(h, phone), person.id)).toEqual(['después']);
      expect(routed).toContainEqual(['primary', 'behind']);
      // The supervisor wrote nothing since: his pull reads the replica, which has not replayed the edit yet.
      routed.length = 0;
      expect(notesIn(await pullAll(h, supervisorPhone), person.id)).toEqual([]);
      expect(routed).toEqual([['replica']]);
    } finally {
      await h.pair.resumeReplay();
    }
    // Replayed: his next pull brings the edit, from the replica.
    await replicaCaughtUp();
    routed.length = 0;
    expect(notesIn(await pullAll(h, supervisorPhone), person.id)).toEqual(['después']);
    expect(routed).toContainEqual(['replica']);
  });

  it('takes a person off the old CHW’s phone at her next pull, though the replica has not replayed the transfer', async () => {
    const person = await register(h, w.cookie.chw, { givenName: 'Traslado' });
    const rosa = device(w.cookie.chw);
    expect(notesIn(await pullAll(h, rosa), person.id)).toHaveLength(1);
    await replicaCaughtUp();
    await h.pair.pauseReplay();
    try {
      const moved = await call(h.app, 'POST', `/api/clients/${person.id}/transfer`, {
        cookie: w.cookie.admin,
        body: { chwId: w.org.ids[w.org.chw2], reason: 'Rosa is on leave' },
      });
      expect(moved.status).toBe(204);
      // Rosa wrote nothing since her pull: its rows may come from the replica, but who she may see is asked now.
      routed.length = 0;
      const after = await pullAll(h, rosa);
      expect(routed).toEqual([['replica']]);
      expect(after.flatMap((p) => p.removed)).toEqual([person.id]);
      expect(after.flatMap((p) => p.rows).some((r) => r.clientId === person.id)).toBe(false);
    } finally {
      await h.pair.resumeReplay();
    }
  });

  it('brings a change to a person the last page added, though the replica has not seen her settled', async () => {
    const person = await register(h, w.cookie.chw, { givenName: 'Nueva', notes: 'antes' });
    const supervisorPhone: TestDevice = device(w.cookie.supervisor);
    // She comes whole on this page; the next pull settles her as held, in its own transaction.
    expect(notesIn(await pullAll(h, supervisorPhone), person.id)).toEqual(['antes']);
    const changed = await call(h.app, 'PATCH', `/api/clients/${person.id}`, {
      cookie: w.cookie.chw,
      body: { notes: 'después' },
    });
    expect(changed.status).toBe(200);
    await replicaCaughtUp();
    routed.length = 0;
    expect(notesIn(await pullAll(h, supervisorPhone), person.id)).toEqual(['después']);
    expect(routed).toEqual([['replica']]);
  });

  it('keeps one news hub per process, not one per user’s request', () => {
    const url = newsUrl(h.config);
    expect(newsHub(h.db.forUser?.('someone') ?? h.db, url)).toBe(newsHub(h.db, url));
    expect(newsHub(h.db.forUser?.('someone else') ?? h.db, url)).toBe(newsHub(h.db, url));
  });

  it('answers reports and directory search from the replica, and never with a 5xx when it is down', async () => {
    await replicaCaughtUp();
    routed.length = 0;
    const figures = await call(h.app, 'GET', '/api/reports/figures', { cookie: w.cookie.manager });
    expect(figures.status).toBe(200);
    const search = await call(h.app, 'GET', '/api/directory/search?q=food', { cookie: w.cookie.chw });
    expect(search.status).toBe(200);
    expect(routed.filter(([to]) => to === 'replica').length).toBeGreaterThanOrEqual(2);

    await h.pair.stopReplica();
    try {
      routed.length = 0;
      const down = await call(h.app, 'GET', '/api/reports/figures', { cookie: w.cookie.manager });
      expect(down.status).toBe(200);
      const phone = device(w.cookie.chw);
      expect((await pullAll(h, phone)).length).toBeGreaterThan(0);
      expect(routed.every(([to]) => to === 'primary')).toBe(true);
      expect(routed.length).toBeGreaterThanOrEqual(2);
    } finally {
      await h.pair.startReplica();
    }
  }, 30_000);
});
