// The same ISO form as clients/queries.ts' isoColumn, kept here so the two modules do not import each other.
const iso = (col: string) => `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/** Whether the person on alias `c` carries an open risk flag (SQL boolean). */
export const hasRiskFlag = (c = 'c') =>
  `exists (select 1 from risk_flag f where f.org_id = ${c}.org_id and f.client_id = ${c}.id and f.cleared_at is null)`;

/** The open risk flag of the person on alias `c`, as the JSON the person's page shows, or null. */
export const riskFlagJson = (c = 'c') =>
  `(select jsonb_build_object('level', f.level, 'raisedAt', ${iso('f.raised_at')}, 'screeningId', f.screening_id)
      from risk_flag f where f.org_id = ${c}.org_id and f.client_id = ${c}.id and f.cleared_at is null)`;
