// The building blocks of the authorization matrix's requests (not used by the
// server): how a route's path parameters and body are filled for each caller and
// each kind of record, so that a refusal comes from the permission or the scope,
// never from validation. The recipes themselves are in matrix-requests-*.ts.
import { PASSWORD } from './app.js';
import { call, type Reply, signIn } from './http.js';
import { type Caller, expectOk, freshClient, type HsdsTable, type Kind, type World } from './matrix-world.js';

export interface MatrixRequest {
  /** The path with parameters filled in, and any query. */
  path: string;
  body?: unknown;
  /** A file posted as its own bytes, for an upload route. */
  file?: { bytes: Uint8Array; type: string };
  /** A session of its own for this call, instead of the caller's (signing out). */
  cookie?: string;
}

export interface Recipe {
  /** Called once per kind of record (own, colleague, foreign); otherwise once per caller. */
  perRecord?: boolean;
  make(w: World, kind: Kind, caller: Caller, template: string): MatrixRequest | Promise<MatrixRequest>;
  /** The status to judge by when a 200 carries the real answer inside (a sync push). */
  statusOf?: (reply: Reply) => number;
}

/** Fills `{name}` parameters; an unfilled one is an error in the recipe, not a request. */
export function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${template}`);
    return encodeURIComponent(value);
  });
}

/** A route about one person of the kind: /api/clients/{id}/… and its sub-records. */
export const personal = (body?: (w: World, kind: Kind) => unknown | Promise<unknown>): Recipe => ({
  perRecord: true,
  async make(w, kind, _caller, template) {
    const p = w.person[kind];
    const path = fill(template, { id: p.clientId, ...p });
    return body ? { path, body: await body(w, kind) } : { path };
  },
});

/** A route about a person made for this one call, for changes that cannot be repeated (transfer, merge). */
export const freshPerson = (body: (w: World, kind: Kind) => unknown | Promise<unknown>): Recipe => ({
  perRecord: true,
  async make(w, kind, _caller, template) {
    const id = await freshClient(w, kind);
    return { path: fill(template, { id }), body: await body(w, kind) };
  },
});

export const byId = (id: (w: World, kind: Kind) => string | Promise<string>, body?: unknown): Recipe => ({
  perRecord: true,
  async make(w, kind, _caller, template) {
    const path = fill(template, { id: await id(w, kind) });
    return body === undefined ? { path } : { path, body };
  },
});

export const withBody = (body: (w: World, caller: Caller) => unknown): Recipe => ({
  make: (w, _kind, caller, template) => ({ path: template, body: body(w, caller) }),
});

export const withTopic = (body: () => unknown): Recipe => ({
  make: (_w, _kind, _caller, template) => ({ path: fill(template, { topicId: 'grief-en' }), body: body() }),
});

/** A session of the caller's own, signed in just now: the step-up check of sign-in is fresh. */
export const freshSignIn = (params: Record<string, string> = {}): Recipe => ({
  async make(w, _kind, caller, template) {
    const cookie = caller === 'anonymous' ? '' : await signIn(w.h.app, w.home[caller], PASSWORD);
    return { path: fill(template, params), cookie };
  },
});

/** A query naming the CHW of the kind (supervision notes, reports by CHW). */
export const aboutChw: Recipe = {
  perRecord: true,
  make: (w, kind, _caller, template) => ({ path: `${template}?chwId=${w.owner[kind].id}` }),
};

const hsdsTable = (template: string) => (template.match(/\/(\w+)\/\{id\}$/)?.[1] ?? '') as HsdsTable;
/** HSDS under a slug: the home directory is public, the away one is not. */
export const hsdsPublic: Recipe = {
  perRecord: true,
  make: (w, kind, _caller, template) => ({
    path: fill(template, { slug: w.slug[kind], id: w.hsds[kind][hsdsTable(template)] }),
  }),
};
/** HSDS of the caller's organization by id: the foreign id is one only the away directory has. */
export const hsdsItem: Recipe = {
  perRecord: true,
  make: (w, kind, _caller, template) => ({ path: fill(template, { id: w.hsds[kind][hsdsTable(template)] }) }),
};
export const topic: Recipe = {
  make: (_w, _kind, _caller, template) => ({ path: fill(template, { topicId: 'grief-en' }) }),
};

/**
 * A private link the CHW makes for their own person just before it is opened: a withdrawal of
 * consent earlier in the walk revokes the person's older links, and a revoked link does not open.
 */
export const freshLink = (share: string, body: (w: World) => unknown): Recipe => ({
  async make(w, _kind, _caller, template) {
    const made = await expectOk(
      call(w.h.app, 'POST', `/api/clients/${w.person.own.clientId}/${share}`, {
        cookie: w.cookie.chw,
        body: body(w),
      }),
      share,
    );
    return { path: fill(template, { token: String(made.url).split('/').at(-1) ?? '' }) };
  },
});
