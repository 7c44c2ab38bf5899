import type { ProgramSettings } from '@puente/core';
import { call } from '../../app/api-client';

export function getProgramSettings(): Promise<ProgramSettings> {
  return call('get', '/api/program/settings');
}

export function saveProgramSettings(body: ProgramSettings): Promise<ProgramSettings> {
  return call('put', '/api/program/settings', { body });
}
