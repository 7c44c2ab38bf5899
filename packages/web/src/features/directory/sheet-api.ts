import {
  type DirectoryDryRun,
  type DirectoryImportRun,
  directorySheetTypeOf,
  type ServiceForm,
} from '@puente/core';
import { call } from '../../app/api-client';
import { uploadFile } from '../../app/upload';

/** A service as the form shows it; the fields it leaves empty may be missing. */
export interface ServiceFormView {
  id: string;
  form: ServiceForm;
}

/** How much of the file has gone to the server, from 0 to 1. */
type OnSent = (fraction: number) => void;

/** The dry run of a directory sheet or HSDS .zip, sent as the file itself: counts and each row to look at; nothing is saved. */
export const checkDirectorySheet = (file: File, onSent?: OnSent): Promise<DirectoryDryRun> =>
  uploadFile('/api/directory/sheet/check', file, directorySheetTypeOf(file.name), onSent);

/** Starts importing what passes; the server checks the file again first. */
export const startDirectorySheetImport = (file: File, onSent?: OnSent): Promise<DirectoryImportRun> =>
  uploadFile('/api/directory/sheet/runs', file, directorySheetTypeOf(file.name), onSent);

export const directorySheetProgress = (id: string): Promise<DirectoryImportRun> =>
  call('get', '/api/directory/sheet/runs/{id}', { path: { id } });

export const loadServiceForm = (id: string): Promise<ServiceFormView> =>
  call('get', '/api/directory/services/{id}/form', { path: { id } });

export const addService = (body: ServiceForm): Promise<ServiceFormView> =>
  call('post', '/api/directory/services', { body });

export const saveService = (id: string, body: ServiceForm): Promise<ServiceFormView> =>
  call('put', '/api/directory/services/{id}/form', { path: { id }, body });
