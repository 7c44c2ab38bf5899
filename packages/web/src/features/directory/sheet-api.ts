import type { DirectoryDryRun, DirectoryImportRun, DirectorySheetRequest, ServiceForm } from '@puente/core';
import { call } from '../../app/api-client';

/** A service as the form shows it; the fields it leaves empty may be missing. */
export interface ServiceFormView {
  id: string;
  form: ServiceForm;
}

/** The dry run of a directory sheet or HSDS .zip: counts and each row to look at; nothing is saved. */
export const checkDirectorySheet = (body: DirectorySheetRequest): Promise<DirectoryDryRun> =>
  call('post', '/api/directory/sheet/check', { body });

/** Starts importing what passes; the server checks the file again first. */
export const startDirectorySheetImport = (body: DirectorySheetRequest): Promise<DirectoryImportRun> =>
  call('post', '/api/directory/sheet/runs', { body });

export const directorySheetProgress = (id: string): Promise<DirectoryImportRun> =>
  call('get', '/api/directory/sheet/runs/{id}', { path: { id } });

export const loadServiceForm = (id: string): Promise<ServiceFormView> =>
  call('get', '/api/directory/services/{id}/form', { path: { id } });

export const addService = (body: ServiceForm): Promise<ServiceFormView> =>
  call('post', '/api/directory/services', { body });

export const saveService = (id: string, body: ServiceForm): Promise<ServiceFormView> =>
  call('put', '/api/directory/services/{id}/form', { path: { id }, body });
