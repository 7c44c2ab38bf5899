import { type DirectorySearchResponse, type Locale, PuenteError, searchSlice } from '@puente/core';
import { ApiError } from '../../app/api';
import { t } from '../../app/messages';
import { unlocked } from '../../offline/session';
import type { DirectoryQuery } from './api';

/** What the phone says about its copy of the directory: how many places, and when it was last checked. */
export interface KeptAbout {
  places: number;
  checkedAt: string;
}

/** The copy of the directory the phone keeps for searching without signal, if it keeps one. */
export function keptDirectory(): KeptAbout | undefined {
  const about = unlocked()?.store.state.directory;
  return about && !about.tooLarge && about.places > 0 ? about : undefined;
}

/**
 * Searches the phone's copy, as the server would search the whole directory;
 * undefined when the phone keeps none (search then needs a connection).
 * @example await searchKept({ q: 'despensa', limit: 10, offset: 0 }, 'es')
 */
export async function searchKept(
  query: DirectoryQuery,
  locale: Locale,
): Promise<DirectorySearchResponse | undefined> {
  const store = unlocked()?.store;
  const directory = keptDirectory() && (await store?.directory());
  if (!directory) return undefined;
  try {
    return searchSlice(directory, query);
  } catch (error) {
    if (!(error instanceof PuenteError)) throw error;
    throw new ApiError({
      type: 'about:blank',
      title: t(locale, error.key, error.params),
      status: error.status,
      code: error.key.split('.')[1] ?? '',
    });
  }
}
