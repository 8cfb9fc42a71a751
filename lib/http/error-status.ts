import type { ErrorCode } from '../errors.js';

/** The HTTP status of every error code (the table of docs/architecture.md): an HTTP concern, so it lives here, not beside the domain's errors. */
export const statusOf: Record<ErrorCode, number> = {
  validation_failed: 400,
  duplicate_customer: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  route_not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
};
