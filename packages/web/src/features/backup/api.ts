import { call } from '../../app/api-client';

/** The backups as the server reports them: settings, files and the last failure; never the key. */
export interface BackupStatus {
  folder: string | null;
  folderReadable: boolean;
  key: 'environment' | 'file' | 'missing' | 'unusable';
  keyFile: string;
  everyMinutes: number;
  keep: number;
  scheduled: boolean;
  running: boolean;
  newest: BackupFile | null;
  olderThanADay: boolean;
  lastFailure: { at: string; reason: 'noSpace' | 'noAccess' | 'database' | 'unknown' } | null;
  nextRunAt: string | null;
  files: BackupFile[];
  restoreCommand: string | null;
}

export interface BackupFile {
  name: string;
  at: string;
  bytes: number;
}

export const getBackupStatus = (): Promise<BackupStatus> => call('get', '/api/backups');

/** Needs a fresh step-up check (the server answers `stepUpRequired`); answers once the file is whole. */
export const backUpNow = (): Promise<BackupFile> => call('post', '/api/backups');
