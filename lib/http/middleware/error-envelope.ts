import { AppError, clipText, errorTextLimits, RateLimitedError, type ErrorCode, type ErrorDetail } from '../../errors.js';
import { statusOf } from '../error-status.js';
import { logger } from '../../logger.js';
import { jsonResponse } from '../json-response.js';
import type { HttpRequest } from '../types.js';

/** SDK error names that mean "the database is busy or away", not a bug. */
const unavailableNames = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionConflictException',
  'TimeoutError',
]);
const unavailableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
/** A transaction cancelled for one of these reasons failed for load, not for its conditions. */
const unavailableReasons = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded']);

export interface ErrorBody {
  success: false;
  error: { code: ErrorCode; message: string; details?: ErrorDetail[] };
}

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  /** Only when the error calls for one: Retry-After on 429 and 503. */
  headers?: Record<string, string>;
}

/** A database that throttled or dropped out is usually back within a second. */
export const serviceUnavailableRetryAfterSeconds = 1;

const serviceUnavailable = (): ErrorResponse => ({
  status: 503,
  body: { success: false, error: { code: 'service_unavailable', message: 'The service is temporarily unavailable, retry shortly' } },
  headers: { 'retry-after': String(serviceUnavailableRetryAfterSeconds) },
});

/** The wait a client should honour before retrying, for the codes that have one. */
function retryAfterOf(err: AppError): number | undefined {
  if (err instanceof RateLimitedError) return err.retryAfterSeconds;
  if (err.code === 'rate_limited' || err.code === 'service_unavailable') return serviceUnavailableRetryAfterSeconds;
  return undefined;
}

/** Details echo client input (unknown keys of any length, in any number): bounded as the OpenAPI document says. */
function clipDetails(details: ErrorDetail[]): ErrorDetail[] {
  return details.slice(0, errorTextLimits.details).map((d) => ({
    field: clipText(d.field, errorTextLimits.field),
    issue: clipText(d.issue, errorTextLimits.issue),
  }));
}

/** Maps anything thrown to the one error envelope. Internals never reach the client. */
export function toErrorResponse(err: unknown): ErrorResponse {
  if (err instanceof AppError) {
    const retryAfter = retryAfterOf(err);
    return {
      status: statusOf[err.code],
      body: { success: false, error: { code: err.code, message: clipText(err.message, errorTextLimits.message), ...(err.details ? { details: clipDetails(err.details) } : {}) } },
      ...(retryAfter !== undefined ? { headers: { 'retry-after': String(retryAfter) } } : {}),
    };
  }
  const e = err as {
    name?: string;
    code?: string;
    cause?: { code?: string };
    CancellationReasons?: { Code?: string }[];
  };
  // No middy http middleware is in the stack (the body checks throw AppErrors), so a statusCode on anything else earns no trust.
  if (
    unavailableNames.has(e?.name ?? '') ||
    unavailableCodes.has(e?.code ?? '') ||
    unavailableCodes.has(e?.cause?.code ?? '') ||
    (e?.name === 'TransactionCanceledException' && (e.CancellationReasons ?? []).some((r) => unavailableReasons.has(r.Code ?? '')))
  ) {
    return serviceUnavailable();
  }
  return { status: 500, body: { success: false, error: { code: 'internal_error', message: 'An unexpected error occurred' } } };
}

export const errorEnvelopeMiddleware = () => {
  const onError = (request: HttpRequest) => {
    const { status, body, headers } = toErrorResponse(request.error);
    if (status >= 500) logger.error('request failed', request.error as Error);
    const requestId = request.context.fieldbook?.requestId ?? 'unknown';
    request.response = jsonResponse(status, { ...body, request_id: requestId }, headers);
  };
  return { onError };
};
