/**
 * A failure Kindly can explain: what is wrong, with which value, and how to fix it.
 * `retryable` says whether trying the same work again may succeed.
 */
export class KindlyError extends Error {
  readonly problem: string;
  readonly value: string | undefined;
  readonly fix: string;
  readonly statusCode: number;
  readonly retryable: boolean;

  constructor(options: {
    problem: string;
    value?: unknown;
    fix: string;
    statusCode?: number;
    retryable?: boolean;
    cause?: unknown;
  }) {
    const value = options.value === undefined ? undefined : describeValue(options.value);
    super(`${options.problem}${value === undefined ? '' : ` (got ${value})`}. ${options.fix}`, {
      cause: options.cause,
    });
    this.name = 'KindlyError';
    this.problem = options.problem;
    this.value = value;
    this.fix = options.fix;
    this.statusCode = options.statusCode ?? 400;
    this.retryable = options.retryable ?? false;
  }
}

/** Unusable input: the whole run cannot go on (missing file, unknown template, unreadable encoding). */
export class InputError extends KindlyError {
  constructor(options: { problem: string; value?: unknown; fix: string; cause?: unknown }) {
    super({ ...options, statusCode: 400 });
    this.name = 'InputError';
  }
}

/** Something asked for does not exist. */
export class NotFoundError extends KindlyError {
  constructor(options: { problem: string; value?: unknown; fix: string }) {
    super({ ...options, statusCode: 404 });
    this.name = 'NotFoundError';
  }
}

/** The caller lacks a valid API key. */
export class AuthError extends KindlyError {
  constructor(options: { problem: string; fix: string }) {
    super({ ...options, statusCode: 401 });
    this.name = 'AuthError';
  }
}

/** The caller's key is valid but its user's role may not do this. */
export class ForbiddenError extends KindlyError {
  constructor(options: { problem: string; value?: unknown; fix: string }) {
    super({ ...options, statusCode: 403 });
    this.name = 'ForbiddenError';
  }
}

/** Quotes a value for a message, cut short so a message never carries a whole record. */
export function describeValue(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const short = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return JSON.stringify(short);
}
