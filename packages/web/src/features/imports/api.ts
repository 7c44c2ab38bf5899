import type { CaseloadDryRun, CaseloadImportRun, CaseloadSheetRequest } from '@puente/core';
import { call } from '../../app/api-client';

/** The dry run: the mapping proposed (or the one given) and each row that would be left out; nothing is saved. */
export function checkCaseloadSheet(body: CaseloadSheetRequest): Promise<CaseloadDryRun> {
  return call('post', '/api/caseload-import/check', { body });
}

/** Starts importing the rows that pass; the server checks the sheet again first. */
export function startCaseloadImport(body: CaseloadSheetRequest): Promise<CaseloadImportRun> {
  return call('post', '/api/caseload-import/runs', { body });
}

export function caseloadImportProgress(id: string): Promise<CaseloadImportRun> {
  return call('get', '/api/caseload-import/runs/{id}', { path: { id } });
}
