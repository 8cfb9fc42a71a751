/**
 * Typed domain errors. Domain code throws these; the HTTP error middleware
 * (lib/http/middleware/error-envelope.ts) is the one place that maps them to
 * status codes and the error envelope.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'duplicate_customer'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'route_not_found'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'internal_error'
  | 'service_unavailable';

export interface ErrorDetail {
  field: string;
  issue: string;
}

/**
 * Bounds of the error envelope's free text. A `field` or a message can echo
 * what the client sent (an unknown key, a path), so the envelope clips to
 * these and the OpenAPI document promises them.
 */
export const errorTextLimits = { message: 2000, field: 200, issue: 500, details: 50 } as const;

/** At most `max` characters (code points, so a surrogate pair is never split). */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details?: ErrorDetail[]) {
    super('validation_failed', message, details);
  }
}

export class DuplicateCustomerError extends AppError {
  constructor(email: string) {
    super('duplicate_customer', 'A customer with this email already exists', [
      { field: 'customer_email', issue: `already used by another customer: ${email}` },
    ]);
  }
}

/** A customer_number already held by another of the tenant's customers (trashed ones included). */
export class DuplicateCustomerNumberError extends AppError {
  constructor(customerNumber: string) {
    super('duplicate_customer', 'A customer with this customer number already exists', [
      { field: 'customer_number', issue: `already used by another customer: ${customerNumber}` },
    ]);
  }
}

/** The record exists but is not in a state that allows the operation (e.g. restoring a customer that is not in the trash). */
export class ConflictError extends AppError {
  constructor(message: string) {
    super('conflict', message);
  }
}

export class NotFoundError extends AppError {
  /** `what` names the record for people: 'Customer', 'Location', … */
  constructor(what: string) {
    super('not_found', `${what} not found`);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'A valid API key is required in the X-API-Key header') {
    super('unauthorized', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(scope: string) {
    super('forbidden', `This API key lacks the ${scope} scope`);
  }
}

export class ServiceUnavailableError extends AppError {
  constructor() {
    super('service_unavailable', 'The service is temporarily unavailable, retry shortly');
  }
}

/** The caller's API key is over its rate limit; the envelope sends Retry-After with the wait. */
export class RateLimitedError extends AppError {
  /** Whole seconds, at least 1: what Retry-After can say. */
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    const seconds = Number.isFinite(retryAfterSeconds) ? Math.max(1, Math.ceil(retryAfterSeconds)) : 1;
    super('rate_limited', `Too many requests for this API key; retry after ${seconds} seconds`);
    this.retryAfterSeconds = seconds;
  }
}
