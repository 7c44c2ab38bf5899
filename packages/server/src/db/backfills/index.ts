import type { Migration } from '../migrate.js';
import { reportRollupsBackfill, reportRollupsEarlier } from './0010_report_rollups.js';
import { auditLinkBackfill, auditLinkEarlier } from './0014_audit_linked_after_commit.js';

/**
 * What a migration carries beside its SQL file, by the file's name: a back-fill
 * in batches, and the checksums of earlier texts of it that databases may hold.
 */
export const companions: Readonly<Record<string, Pick<Migration, 'backfill' | 'earlierChecksums'>>> = {
  '0010_report_rollups': { backfill: reportRollupsBackfill, earlierChecksums: reportRollupsEarlier },
  '0014_audit_linked_after_commit': { backfill: auditLinkBackfill, earlierChecksums: auditLinkEarlier },
};
