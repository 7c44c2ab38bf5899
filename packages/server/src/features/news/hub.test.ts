import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, freshDatabase, type TestDatabase } from '../../test/database.js';
import { relayTo } from '../../test/relay.js';
import { newsHub } from './hub.js';

/**
 * The LISTEN connection of a process whose primary hangs (a stopped machine, a cut network):
 * nothing ends it, so the hub asks it now and then, and ends the streams when it gets no answer.
 * The phones then reconnect, and the next stream listens on the host that takes writes.
 */
describe.skipIf(engine !== 'postgres')('news from a primary that hangs', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await freshDatabase({ migrated: false });
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('ends the streams once the LISTEN connection stops answering', async () => {
    const target = new URL(testDb.url ?? '');
    const relay = await relayTo(target.hostname, Number(target.port || 5432));
    const through = new URL(target);
    through.host = `127.0.0.1:${relay.port}`;
    const hub = newsHub(testDb.db, through.toString());
    try {
      let ended = false;
      hub.listen({ userId: 'u', orgId: 'o', sessionHash: 'h', hear: () => {}, end: () => (ended = true) });
      await hub.listening();
      expect(ended).toBe(false);
      relay.freeze();
      // Asked every 5 s, given 5 s to answer (db/hosts.ts HANG_BOUNDS).
      for (let waited = 0; !ended && waited < 20_000; waited += 100)
        await new Promise((r) => setTimeout(r, 100));
      expect({ ended, open: hub.open() }).toEqual({ ended: true, open: 0 });
    } finally {
      await hub.close();
      await relay.close();
    }
  });
});
