import type { ProgramLogo, ProgramLogoRequest, ProgramSettings } from '@puente/core';
import { call } from '../../app/api-client';

export function getProgramSettings(): Promise<ProgramSettings> {
  return call('get', '/api/program/settings');
}

export function saveProgramSettings(body: ProgramSettings): Promise<ProgramSettings> {
  return call('put', '/api/program/settings', { body });
}

export function saveLogo(body: ProgramLogoRequest): Promise<ProgramLogo> {
  return call('put', '/api/program/logo', { body });
}

export function removeLogo(): Promise<undefined> {
  return call('delete', '/api/program/logo');
}

/** Where the logo of this version is fetched from (kept by the browser for as long as the version stands). */
export const logoUrl = (version: string) => `/api/program/logo?v=${encodeURIComponent(version)}`;
