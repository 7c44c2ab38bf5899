import type { DirectoryResult } from '@puente/core';
import type { DirectoryQuery } from './api';

export type Near = 'anywhere' | 'me' | 'postcode';

/** The Find help form as typed: strings until the search is sent. */
export interface SearchForm {
  q: string;
  need: string;
  near: Near;
  postcode: string;
  radiusKm: string;
  language: string;
  cost: '' | 'free' | 'low';
  openNow: boolean;
  age: string;
}

export const emptyForm: SearchForm = {
  q: '',
  need: '',
  near: 'anywhere',
  postcode: '',
  radiusKm: '',
  language: '',
  cost: '',
  openNow: false,
  age: '',
};

/** What the last search asked and found, so coming back to the screen shows the same results. */
export interface Found {
  query: DirectoryQuery;
  results: DirectoryResult[];
  total: number;
  /** The server stopped counting at `total`. */
  totalAtLeast: boolean;
}

export interface Remembered {
  form: SearchForm;
  position?: { lat: number; lng: number } | undefined;
  found?: Found | undefined;
}

// In memory only, per signed-in user: a reload or another person signing in starts afresh.
let memory: { userId: string; state: Remembered } | undefined;

export function recall(userId: string): Remembered {
  return memory?.userId === userId ? memory.state : { form: emptyForm };
}

export function remember(userId: string, state: Remembered): void {
  memory = { userId, state };
}

/** How many filters beyond the words and the kind of help are on. */
export function filtersOn(form: SearchForm): number {
  return [form.near !== 'anywhere', form.radiusKm, form.language, form.cost, form.openNow, form.age].filter(
    Boolean,
  ).length;
}

/** The request for a form, or the field to fix first. */
export function toQuery(
  form: SearchForm,
  position: { lat: number; lng: number } | undefined,
  limit: number,
): { query: DirectoryQuery } | { missing: 'position' | 'postcode' } {
  const query: DirectoryQuery = { limit, offset: 0 };
  const q = form.q.trim();
  if (q) query.q = q;
  if (form.need) query.need = form.need;
  if (form.near === 'me') {
    if (!position) return { missing: 'position' };
    query.lat = Number(position.lat.toFixed(3));
    query.lng = Number(position.lng.toFixed(3));
  }
  if (form.near === 'postcode') {
    const postcode = form.postcode.trim();
    if (postcode.length < 3) return { missing: 'postcode' };
    query.postcode = postcode;
  }
  if (form.near !== 'anywhere' && form.radiusKm) query.radiusKm = Number(form.radiusKm);
  if (form.language) query.language = form.language;
  if (form.cost) query.cost = form.cost;
  if (form.openNow) query.openNow = true;
  const age = Number.parseInt(form.age, 10);
  if (form.age.trim() && Number.isFinite(age)) query.age = age;
  return { query };
}
