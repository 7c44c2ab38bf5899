import { afterEach, describe, expect, it, vi } from 'vitest';
import { call, href } from './api-client';

describe('a route’s address', () => {
  it('fills in the path’s parameters, encoded', () => {
    expect(href('/api/clients/{id}/goals/{goalId}', { path: { id: 'a/b', goalId: 'é 1' } })).toBe(
      '/api/clients/a%2Fb/goals/%C3%A9%201',
    );
  });

  it('adds the query, leaving out what is not set', () => {
    expect(
      href('/hsds/services', { query: { per_page: 100, search: 'food', organization_id: undefined } }),
    ).toBe('/hsds/services?per_page=100&search=food');
    expect(href('/api/alerts', { query: { status: undefined } })).toBe('/api/alerts');
    expect(href('/api/teams')).toBe('/api/teams');
  });
});

describe('a typed call', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is api()’s request: its method, address, JSON body and headers', async () => {
    const fetch = vi.fn(
      async (_path: string, _init: RequestInit) =>
        new Response('{"id":"a1"}', { headers: { 'content-type': 'application/json' } }),
    );
    vi.stubGlobal('fetch', fetch);
    const alert = await call('post', '/api/alerts/{id}/acknowledge', {
      path: { id: 'a1' },
      body: { actionTaken: 'Called the crisis line' },
    });
    expect(alert).toEqual({ id: 'a1' });
    const [path, init] = fetch.mock.calls[0] ?? [];
    expect(path).toBe('/api/alerts/a1/acknowledge');
    expect(init).toMatchObject({
      method: 'POST',
      credentials: 'same-origin',
      body: '{"actionTaken":"Called the crisis line"}',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    });
  });

  it('is refused by `tsc` when the server has no such route, parameter or field', () => {
    // Never run: `tsc -p packages/web` fails if one of these stops being an error.
    const refused = () => [
      // @ts-expect-error a path the server does not have
      call('get', '/api/no-such-route'),
      // @ts-expect-error a path parameter left out
      call('get', '/api/alerts/{id}', {}),
      // @ts-expect-error a body field the route does not take
      call('post', '/api/alerts/{id}/acknowledge', { path: { id: 'a1' }, body: { action: 'x' } }),
      // @ts-expect-error a method the path does not answer
      call('delete', '/api/alerts'),
    ];
    expect(refused).toBeTypeOf('function');
  });
});
