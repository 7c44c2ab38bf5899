import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demo, demoPassword, type RunningServer, startServer } from './harness.js';

// Pull the plug on the embedded database in the middle of a stream of writes:
// after a restart, every visit the server confirmed is there exactly once,
// nothing half-written is, and the audit chain still verifies.
const dataDir = await mkdtemp(join(tmpdir(), 'puente-crash-'));
let server: RunningServer | undefined;

afterAll(async () => {
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function signIn(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ email, password: demoPassword }),
  });
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

describe('a crash while writing (PGlite)', () => {
  it('keeps every confirmed write and no half-written one', async () => {
    server = await startServer({ DATA_DIR: dataDir });
    const cookie = await signIn(server.url, demo.rosa);
    const made = await fetch(`${server.url}/api/clients`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ givenName: 'Apagón', preferredLanguage: 'es' }),
    });
    const { id: clientId } = (await made.json()) as { id: string };

    const confirmed: string[] = [];
    const url = server.url;
    const writer = (async () => {
      for (let i = 0; i < 400; i++) {
        const id = crypto.randomUUID();
        const res = await fetch(`${url}/api/clients/${clientId}/encounters`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
          body: JSON.stringify({
            id,
            kind: 'phone-call',
            occurredAt: new Date().toISOString(),
            language: 'es',
          }),
        }).catch(() => undefined);
        if (!res) return;
        if (res.status === 201) confirmed.push(id);
      }
    })();
    while (confirmed.length < 25) await new Promise((r) => setTimeout(r, 10));
    await server.crash();
    await writer;
    expect(server.exitCode()).toBeNull();

    server = await startServer({ DATA_DIR: dataDir });
    const again = await signIn(server.url, demo.rosa);
    const list = await fetch(`${server.url}/api/clients/${clientId}/encounters?limit=200`, {
      headers: { cookie: again },
    });
    const ids = ((await list.json()) as { encounters: { id: string }[] }).encounters.map((e) => e.id);
    for (const id of confirmed) expect(ids).toContain(id);
    expect(new Set(ids).size).toBe(ids.length);

    const admin = await signIn(server.url, demo.admin);
    const chain = await fetch(`${server.url}/api/audit/verify`, { headers: { cookie: admin } });
    expect(await chain.json()).toMatchObject({ ok: true });
  });
});
