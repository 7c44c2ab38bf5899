import { describe, expect, it } from 'vitest';
import { ApiError } from '../../app/api';
import { withStepUp } from './step-up';

const refusal = (code: string) => new ApiError({ type: 'about:blank', status: 403, code, title: code });

/** An action that fails with `failures` in turn, then answers 'done'; counts its runs. */
function action(...failures: Error[]) {
  let runs = 0;
  const run = async () => {
    const failure = failures[runs];
    runs += 1;
    if (failure) throw failure;
    return 'done';
  };
  return { run, runs: () => runs };
}

describe('withStepUp', () => {
  it('asks nothing when the action is allowed', async () => {
    let asked = 0;
    const a = action();
    expect(await withStepUp(a.run, async () => ++asked > 0)).toBe('done');
    expect(asked).toBe(0);
  });

  it('asks for the check once and runs the action again when it is confirmed', async () => {
    let asked = 0;
    const a = action(refusal('stepUpRequired'));
    expect(await withStepUp(a.run, async () => ++asked > 0)).toBe('done');
    expect(asked).toBe(1);
    expect(a.runs()).toBe(2);
  });

  it('keeps the refusal when the person cancels, without running the action again', async () => {
    const a = action(refusal('stepUpRequired'));
    await expect(withStepUp(a.run, async () => false)).rejects.toMatchObject({
      problem: { code: 'stepUpRequired' },
    });
    expect(a.runs()).toBe(1);
  });

  it('does not ask for other refusals', async () => {
    let asked = 0;
    const a = action(refusal('forbidden'));
    await expect(withStepUp(a.run, async () => ++asked > 0)).rejects.toMatchObject({
      problem: { code: 'forbidden' },
    });
    expect(asked).toBe(0);
  });

  it('asks only once: a second refusal is shown, not another dialog', async () => {
    let asked = 0;
    const a = action(refusal('stepUpRequired'), refusal('stepUpRequired'));
    await expect(withStepUp(a.run, async () => ++asked > 0)).rejects.toBeInstanceOf(ApiError);
    expect(asked).toBe(1);
  });
});
