/** FHIR issue types Puente answers with (R4 `issue-type` codes). */
export type IssueCode =
  | 'not-supported'
  | 'invalid'
  | 'not-found'
  | 'login'
  | 'forbidden'
  | 'exception'
  | 'value'
  | 'too-costly'
  | 'conflict';

/** A refusal of the FHIR API: becomes an OperationOutcome with the HTTP status. */
export class FhirProblem extends Error {
  constructor(
    readonly status: number,
    readonly issue: IssueCode,
    /** Plain words for the clinic's integrator: never a person's data. */
    readonly diagnostics: string,
  ) {
    super(diagnostics);
    this.name = 'FhirProblem';
  }
}

/**
 * The OperationOutcome of a refusal.
 * @example operationOutcome('not-supported', 'The search parameter "foo" is not supported for Patient.')
 */
export function operationOutcome(issue: IssueCode, diagnostics: string) {
  return {
    resourceType: 'OperationOutcome' as const,
    issue: [{ severity: issue === 'exception' ? 'fatal' : 'error', code: issue, diagnostics }],
  };
}

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** A FHIR JSON response. */
export function fhirJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': FHIR_JSON, 'cache-control': 'no-store', ...headers },
  });
}
