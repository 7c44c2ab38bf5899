import { beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../../test/database.js';
import { call } from '../../test/http.js';
import { useReplicaApp } from '../../test/replica-app.js';
import { type Person, type PolicyWorld, personWithEverything, policyWorld } from './policy-world.js';

// The FHIR API on a lagging read replica: what leaves for another organization must honour a consent
// withdrawn a moment ago by a CHW, although the clinic's own writes say nothing of it. PostgreSQL only.
describe.skipIf(engine !== 'postgres')('FHIR reads through a lagging read replica', () => {
  const h = useReplicaApp();
  let w: PolicyWorld;
  let carmen: Person;
  const get = (path: string) =>
    call(h.app, 'GET', path, { headers: { authorization: `Bearer ${w.secret}` } });

  beforeAll(async () => {
    w = await policyWorld(h, 'replica-fhir');
    carmen = await personWithEverything(h, w, 'Carmen');
  }, 60_000);

  it('reads nothing of a person whose consent was withdrawn while the replica had not replayed it', async () => {
    await h.replicaCaughtUp();
    expect((await get(`/fhir/r4/Patient/${carmen.id}`)).status).toBe(200);
    await h.pair.pauseReplay();
    try {
      const revoked = await call(
        h.app,
        'POST',
        `/api/clients/${carmen.id}/consents/${carmen.foodConsent}/revoke`,
        {
          cookie: w.cookie.chw,
          body: {},
        },
      );
      expect(revoked.status).toBe(200);
      h.routed.length = 0;
      for (const key of [`Patient/${carmen.id}`, `ServiceRequest/${carmen.foodReferral}`])
        expect((await get(`/fhir/r4/${key}`)).status, key).toBe(404);
      const search = await get(`/fhir/r4/Patient?_id=${carmen.id}`);
      expect(search.status).toBe(200);
      expect(search.body.total).toBe(0);
      // Each read waited for the replica, which had not replayed the withdrawal, and read the primary.
      expect(h.routed.length).toBe(3);
      expect(h.routed.every(([to, why]) => to === 'primary' && why === 'behind')).toBe(true);
    } finally {
      await h.pair.resumeReplay();
    }
    // Replayed: reads go to the replica again, which now knows.
    await h.replicaCaughtUp();
    h.routed.length = 0;
    expect((await get(`/fhir/r4/Patient/${carmen.id}`)).status).toBe(404);
    expect(h.routed).toEqual([['replica']]);
  });
});
