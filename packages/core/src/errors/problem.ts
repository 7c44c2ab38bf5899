import type { MessageKey, MessageParams } from '../i18n/messages.js';

/** One field that failed validation, with a message already in the reader's language. */
export interface FieldProblem {
  path: string;
  /** A `fields.*` catalog key until the server translates it for the caller. */
  message: string;
  params?: MessageParams | undefined;
}

/** RFC 9457 problem details as Puente sends them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors?: FieldProblem[];
  retryAfterSeconds?: number;
  [member: string]: unknown;
}

/**
 * The one error type of the domain. The server turns it into
 * `application/problem+json`; the message is looked up in the caller's language.
 */
export class PuenteError extends Error {
  constructor(
    readonly status: number,
    readonly key: MessageKey,
    readonly params: MessageParams = {},
    readonly extra: {
      retryAfterSeconds?: number;
      errors?: FieldProblem[];
      /** More members of the problem object, e.g. the possible duplicates of a 409. */
      members?: Record<string, unknown>;
    } = {},
  ) {
    super(key);
    this.name = 'PuenteError';
  }

  /** The short code a client can switch on, e.g. `badCredentials`. */
  get code(): string {
    return this.key.split('.')[1] ?? this.key;
  }
}
