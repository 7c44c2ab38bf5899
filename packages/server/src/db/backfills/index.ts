import type { Migration } from '../migrate.js';
import { reportRollupsBackfill, reportRollupsEarlier } from './0010_report_rollups.js';
import { auditLinkBackfill, auditLinkEarlier, auditLinkIndexes } from './0014_audit_linked_after_commit.js';
import { directoryConceptsBackfill } from './0034_directory_synonyms.js';

/**
 * What a migration carries beside its SQL file, by the file's name: a back-fill
 * in batches, indexes built after it commits, and the checksums of earlier texts of it that databases may hold.
 */
export const companions: Readonly<
  Record<string, Pick<Migration, 'backfill' | 'indexes' | 'earlierChecksums'>>
> = {
  '0010_report_rollups': { backfill: reportRollupsBackfill, earlierChecksums: reportRollupsEarlier },
  '0014_audit_linked_after_commit': {
    backfill: auditLinkBackfill,
    indexes: auditLinkIndexes,
    earlierChecksums: auditLinkEarlier,
  },
  '0034_directory_synonyms': { backfill: directoryConceptsBackfill },
  '0027_encounter_month_incremental': {
    earlierChecksums: {
      '32a7f074fea766f0a0ee6829c390a1a4e5a59dc745f8a1000e0526f928766748':
        'the same counting, with the zone read through report_time_zone(org) (slower, same months)',
    },
  },
};
