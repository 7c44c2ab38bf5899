import type { CrisisProtocolInfo, CrisisSettings, Problem } from '@puente/core';
import { api } from '../../app/api';

export const getCrisisSettings = () => api<CrisisSettings>('GET', '/api/program/crisis-response');
export const saveCrisisSettings = (s: CrisisSettings) =>
  api<CrisisSettings>('PUT', '/api/program/crisis-response', s);
export const getProtocolInfo = () => api<CrisisProtocolInfo>('GET', '/api/crisis-protocol');

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
