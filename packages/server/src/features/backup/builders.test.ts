import { describe, expect, it } from 'vitest';
import { Builders } from './builders.js';

/** A task that records its start and end, and finishes when told. */
function recorder() {
  const log: string[] = [];
  const open = new Map<string, () => void>();
  const task = (name: string, fail?: Error) => () =>
    new Promise<void>((resolve, reject) => {
      log.push(`start ${name}`);
      open.set(name, () => {
        log.push(`end ${name}`);
        if (fail) reject(fail);
        else resolve();
      });
    });
  const finish = async (name: string) => {
    const end = open.get(name);
    if (!end) throw new Error(`${name} is not running (${log.join(', ')})`);
    open.delete(name);
    end();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { log, task, finish, running: () => [...open.keys()].sort() };
}

describe('spread restore builders', () => {
  it('run up to the limit at once, never two on one table, a table’s tasks in the order added', async () => {
    const r = recorder();
    const b = new Builders(2);
    b.add(['encounter'], r.task('encounter key'));
    b.add(['encounter'], r.task('encounter index'));
    b.add(['client'], r.task('client key'));
    b.add(['encounter', 'client'], r.task('encounter → client'));
    b.add(['screening'], r.task('screening key'));
    expect(r.running()).toEqual(['client key', 'encounter key']);
    await r.finish('client key');
    // The foreign key waits for encounter; screening's key may go ahead of it.
    expect(r.running()).toEqual(['encounter key', 'screening key']);
    await r.finish('encounter key');
    expect(r.running()).toEqual(['encounter index', 'screening key']);
    await r.finish('encounter index');
    expect(r.running()).toEqual(['encounter → client', 'screening key']);
    await r.finish('screening key');
    const done = b.done();
    await r.finish('encounter → client');
    await done;
    expect(r.log.indexOf('start encounter → client')).toBeGreaterThan(r.log.indexOf('end client key'));
  });

  it('start nothing after a failure, and done() rejects with it once the running ones end', async () => {
    const r = recorder();
    const b = new Builders(2);
    b.add(['a'], r.task('a', new Error('a broke')));
    b.add(['b'], r.task('b'));
    b.add(['c'], r.task('c'));
    const done = expect(b.done()).rejects.toThrow('a broke');
    await r.finish('a');
    expect(r.running()).toEqual(['b']);
    await r.finish('b');
    await done;
    expect(r.log).not.toContain('start c');
  });

  it('take more at once when the limit rises', async () => {
    const r = recorder();
    const b = new Builders(1);
    b.add(['a'], r.task('a'));
    b.add(['b'], r.task('b'));
    expect(r.running()).toEqual(['a']);
    b.limit = 2;
    expect(r.running()).toEqual(['a', 'b']);
    await r.finish('a');
    await r.finish('b');
    await b.done();
  });
});
