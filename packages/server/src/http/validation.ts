import { type MessageParams, PuenteError } from '@puente/core';
import type { ZodError } from 'zod';

type Issue = ZodError['issues'][number];

/** A catalog key (and its values) for one zod issue; our own refinements already carry a `fields.*` key. */
function fieldMessage(issue: Issue): { key: string; params?: MessageParams } {
  if (/^fields\.\w+$/.test(issue.message)) return { key: issue.message };
  switch (issue.code) {
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return { key: 'fields.tooLong', params: { max } };
      return { key: issue.origin === 'array' ? 'fields.tooMany' : 'fields.tooBig', params: { max } };
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string')
        return min <= 1 ? { key: 'fields.required' } : { key: 'fields.tooShort', params: { min } };
      return { key: 'fields.tooSmall', params: { min } };
    }
    case 'invalid_type':
      return { key: issue.input === undefined ? 'fields.required' : 'fields.invalid' };
    case 'invalid_value':
      return { key: 'fields.choose' };
    case 'unrecognized_keys':
      return { key: 'fields.unknownField' };
    case 'invalid_format':
      if (issue.format === 'email') return { key: 'fields.email' };
      return { key: issue.format === 'uuid' ? 'fields.uuid' : 'fields.invalid' };
    default:
      return { key: 'fields.invalid' };
  }
}

/**
 * Field-by-field validation problems, paths like `email` or `memberIds.2`.
 * Messages stay catalog keys here; `toProblem` puts them in the caller's language.
 */
export function validationError(error: ZodError): PuenteError {
  const errors = error.issues.flatMap((issue) => {
    const base = issue.path.map(String).join('.');
    const { key, params } = fieldMessage(issue);
    // An unknown field is reported at its own path, so the form can point at it.
    const paths =
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((k) => (base ? `${base}.${k}` : k))
        : [base || '(body)'];
    return paths.map((path) => ({ path, message: key, params }));
  });
  return new PuenteError(400, 'errors.validation', {}, { errors });
}
