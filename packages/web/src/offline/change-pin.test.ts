import 'fake-indexeddb/auto';
import type { Me } from '@puente/core';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalStore } from './store';
import { MAX_PIN_TRIES } from './tries';
import { changePin, createVault, type UnlockResult, unlockVault, wipeDevice } from './vault';

const OLD = '246810';
const NEW = 'río grande verde';
const me = { id: '0190b3a0-0000-7000-8000-000000000001', locale: 'es' } as Me;

/** Opens the copy with a PIN and reads its sealed state back, as the app does after unlock. */
async function openWith(pin: string): Promise<{ result: UnlockResult; cursor?: string | undefined }> {
  const result = await unlockVault(pin);
  if (!('db' in result)) return { result };
  try {
    const store = await LocalStore.load(result, me);
    return { result, cursor: store.state.cursor };
  } finally {
    result.db.close();
  }
}

afterEach(() => wipeDevice());

// The vault's own PBKDF2 cost (310,000 rounds, several derivations a test): seconds on a busy two-core machine.
describe('changing the PIN', { timeout: 60_000 }, () => {
  it('re-keys the copy: the old PIN no longer opens it, the new one does and reads what was kept', async () => {
    const store = await LocalStore.load(await createVault(me, OLD, crypto.randomUUID(), undefined), me);
    await store.saveState({ cursor: 'kept-before-the-change' });
    store.close();

    expect(await changePin(OLD, NEW)).toEqual({ changed: true });

    const withOld = await openWith(OLD);
    expect(withOld.result).toEqual({ wrong: MAX_PIN_TRIES - 1 });
    const withNew = await openWith(NEW);
    expect('db' in withNew.result).toBe(true);
    expect(withNew.cursor).toBe('kept-before-the-change');
  });

  it('refuses a wrong current PIN, using up a try, and leaves the PIN as it was', async () => {
    (await createVault(me, OLD, crypto.randomUUID(), undefined)).db.close();

    expect(await changePin('135790', NEW)).toEqual({ wrong: MAX_PIN_TRIES - 1 });
    expect(await changePin('975310', NEW)).toEqual({ wrong: MAX_PIN_TRIES - 2 });

    expect((await openWith(NEW)).result).toEqual({ wrong: MAX_PIN_TRIES - 3 });
    const withOld = await openWith(OLD);
    expect('db' in withOld.result).toBe(true);
  });

  it('refuses a new PIN too short to protect the copy, before touching it', async () => {
    (await createVault(me, OLD, crypto.randomUUID(), undefined)).db.close();
    await expect(changePin(OLD, '12345')).rejects.toThrow();
    expect('db' in (await openWith(OLD)).result).toBe(true);
  });
});
