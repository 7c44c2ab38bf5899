import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has working defaults: port 8080, PGlite in ./data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8080, databaseUrl: undefined, host: '127.0.0.1' });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('reads what is set', () => {
    const config = loadConfig({
      PORT: '9000',
      DATABASE_URL: 'postgres://u:p@db/puente',
      TRUST_PROXY: 'true',
    });
    expect(config).toMatchObject({ port: 9000, databaseUrl: 'postgres://u:p@db/puente', trustProxy: true });
  });

  it('names every wrong value in one message, and never prints the database password', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://root:secret@db',
        LOG_LEVEL: 'loud',
        TRUST_PROXY: 'maybe',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('PORT="eighty" must be a number');
    expect(message).toContain('DATABASE_URL=(hidden) must start with postgres://');
    expect(message).toContain('LOG_LEVEL="loud"');
    expect(message).toContain('TRUST_PROXY="maybe" must be true or false');
    expect(message).not.toContain('secret');
  });

  it.each([
    [{ PORT: '0' }, 'PORT="0" must be at least 1'],
    [{ PORT: '70000' }, 'PORT="70000" must be at most 65535'],
    [{ SESSION_IDLE_MINUTES: '2.5' }, 'SESSION_IDLE_MINUTES="2.5" must be a whole number'],
    [
      { SIGNIN_SLOW_AFTER: '5', SIGNIN_LOCK_AFTER: '5' },
      'SIGNIN_LOCK_AFTER=5 must be greater than SIGNIN_SLOW_AFTER=5',
    ],
  ])('%j → %s', (env, expected) => {
    expect(() => loadConfig(env)).toThrow(expected);
  });

  it('treats an empty variable as not set', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 8080, databaseUrl: undefined });
  });

  it('runs one HTTP process per core on PostgreSQL and one on PGlite, unless PUENTE_WORKERS says', () => {
    const url = 'postgres://u:p@db/puente';
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ DATABASE_URL: url }).workers).toBe(availableParallelism());
    expect(loadConfig({ DATABASE_URL: url, PUENTE_WORKERS: '3' }).workers).toBe(3);
    expect(loadConfig({ PUENTE_WORKERS: '1' }).workers).toBe(1);
    expect(() => loadConfig({ DATABASE_URL: url, PUENTE_WORKERS: '0' })).toThrow(
      'PUENTE_WORKERS="0" must be at least 1',
    );
  });

  it('refuses more than one worker on the embedded database, in words', () => {
    expect(() => loadConfig({ PUENTE_WORKERS: '2' })).toThrow(ConfigError);
    expect(() => loadConfig({ PUENTE_WORKERS: '2' })).toThrow(
      /PUENTE_WORKERS=2 needs PostgreSQL \(DATABASE_URL\): the embedded database can be opened by one process only/,
    );
  });

  it('refuses a read replica or a pooler on the embedded database, in words, and hides the replica’s password', () => {
    const replica = 'postgres://u:secret@replica/puente';
    expect(() => loadConfig({ DATABASE_READ_URL: replica })).toThrow(
      /DATABASE_READ_URL needs PostgreSQL \(DATABASE_URL\): the embedded database has no replica and no pooler/,
    );
    expect(() => loadConfig({ DATABASE_POOLER: 'transaction' })).toThrow(
      /DATABASE_POOLER=transaction needs PostgreSQL/,
    );
    expect(() =>
      loadConfig({ DATABASE_URL: 'postgres://u:p@db/puente', DATABASE_READ_URL: 'mysql://u:secret@x' }),
    ).toThrow('DATABASE_READ_URL=(hidden) must start with postgres:// or postgresql://');
    // A list of hosts would look for one that takes writes, which a replica never is.
    expect(() =>
      loadConfig({
        DATABASE_URL: 'postgres://u:p@db/puente',
        DATABASE_READ_URL: 'postgres://u:secret@r1:5432,r2:5432/puente',
      }),
    ).toThrow(/DATABASE_READ_URL names one replica \(one host\)/);
    expect(() =>
      loadConfig({ DATABASE_URL: 'postgres://u:p@bouncer/puente', DATABASE_POOLER: 'transaction' }),
    ).toThrow(/DATABASE_POOLER=transaction needs DATABASE_DIRECT_URL/);
    expect(
      loadConfig({
        DATABASE_URL: 'postgres://u:p@bouncer/puente',
        DATABASE_DIRECT_URL: 'postgres://u:p@db/puente',
        DATABASE_READ_URL: replica,
        DATABASE_POOLER: 'transaction',
      }),
    ).toMatchObject({
      databaseReadUrl: replica,
      readWaitMs: 200,
      pooler: 'transaction',
      directUrl: 'postgres://u:p@db/puente',
    });
  });
});
