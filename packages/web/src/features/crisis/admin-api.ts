import type { CrisisProtocolInfo, CrisisSettings, Problem } from '@puente/core';
import { call } from '../../app/api-client';

export const getCrisisSettings = (): Promise<CrisisSettings> => call('get', '/api/program/crisis-response');
export const saveCrisisSettings = (s: CrisisSettings): Promise<CrisisSettings> =>
  call('put', '/api/program/crisis-response', { body: s });
export const getProtocolInfo = (): Promise<CrisisProtocolInfo> => call('get', '/api/crisis-protocol');

/** Field messages by their whole path, e.g. `{ 'crisisLines.0.phone': '…' }`. */
export function errorsByPath(problem: Problem | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem?.errors ?? []) {
    const path = e.path
      .split(/[./[\]]/)
      .filter(Boolean)
      .join('.');
    out[path] ??= e.message;
  }
  return out;
}
