import { describe, expect, it } from 'vitest';
import { newDataKey } from './crypto';
import { openRecovery, sealRecovery } from './recovery';
import { MAX_PIN_TRIES, newPinLock, type PinLock, type PinTry, pinProblem, triesLeft, tryPin } from './tries';

// Few PBKDF2 rounds: these tests are about the tries, not the cost of a guess.
const ROUNDS = 1_000;
const PIN = 'tres tristes tigres';

/** The vault as the browser would keep it, and a way to try a PIN against it. */
function phone(lock: PinLock) {
  const stored = { ...lock, tries: [...lock.tries] };
  const attempt = (pin: string) =>
    tryPin(stored, pin, async (tries) => {
      stored.tries = tries;
    });
  return { stored, attempt };
}

describe('PIN tries', () => {
  it('opens with the right PIN (a passphrase), and each wrong one uses up a try', async () => {
    const raw = newDataKey();
    const { stored, attempt } = phone(await newPinLock(PIN, raw, ROUNDS));
    expect(await attempt('wrong guess')).toEqual({ left: MAX_PIN_TRIES - 1 });
    expect(await attempt('another guess')).toEqual({ left: MAX_PIN_TRIES - 2 });
    const opened = await attempt(PIN);
    expect('raw' in opened && [...opened.raw]).toEqual([...raw]);
    // The right PIN gives every try back.
    expect(triesLeft(stored.tries)).toBe(MAX_PIN_TRIES);
  });

  it('cannot be reset by editing storage: copies and relabelled sealings give no extra guess', async () => {
    const raw = newDataKey();
    const { stored, attempt } = phone(await newPinLock(PIN, raw, ROUNDS));
    for (let i = 0; i < 3; i++) await attempt(`guess ${i}`);
    expect(triesLeft(stored.tries)).toBe(2);

    // What someone with the browser's storage could do: copy the two sealings left back into the
    // three used places (relabelled) and duplicate them, as a counter would be set back to 0.
    const left = stored.tries;
    const forged: PinTry[] = [0, 1, 2].map((n, i) => ({
      n,
      sealed: (left[i % left.length] as PinTry).sealed,
    }));
    // (Copies, as storage gives back: never the same object twice.)
    stored.tries = [...forged, ...left, ...left].map((t) => structuredClone(t));

    // Every forged place opens for no PIN at all, the right one included…
    for (let i = 0; i < 3; i++) expect(await attempt(PIN)).toHaveProperty('left');
    // …and each real one is used up once, duplicates with it: two guesses were left, two there are.
    expect(await attempt('guess 4')).toEqual({ left: 1 });
    expect(await attempt('guess 5')).toEqual({ left: 0 });
    expect(await attempt(PIN)).toEqual({ left: 0 });
  });

  it('wants 6 characters or more: digits or words', () => {
    expect(pinProblem('12345')).toBe('short');
    expect(pinProblem('      ')).toBe('short');
    expect(pinProblem('246810')).toBeUndefined();
    expect(pinProblem('casa azul')).toBeUndefined();
    expect(pinProblem('x'.repeat(129))).toBe('long');
  });
});

describe('the server share wrapping', () => {
  it('opens the data key with the device’s share only, for that device only', async () => {
    const raw = newDataKey();
    const device = crypto.randomUUID();
    const recovery = await sealRecovery('the-share-from-the-server', device, raw);
    expect([...((await openRecovery('the-share-from-the-server', device, recovery)) ?? [])]).toEqual([
      ...raw,
    ]);
    expect(await openRecovery('another-share', device, recovery)).toBeUndefined();
    expect(await openRecovery('the-share-from-the-server', crypto.randomUUID(), recovery)).toBeUndefined();
  });
});
