import { AppError, statusOf, type ErrorCode, type ErrorDetail } from '../../errors.js';
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

/** Errors from middy's own http middlewares carry a statusCode. */
const middyStatus: Record<number, { code: ErrorCode; message: string }> = {
  413: { code: 'payload_too_large', message: 'Request body is too large' },
  415: { code: 'unsupported_media_type', message: 'Request body must be JSON (Content-Type: application/json)' },
  422: { code: 'validation_failed', message: 'Request body is not valid JSON' },
  400: { code: 'validation_failed', message: 'Request body is not valid JSON' },
};

export interface ErrorBody {
  success: false;
  error: { code: ErrorCode; message: string; details?: ErrorDetail[] };
}

/** Maps anything thrown to the one error envelope. Internals never reach the client. */
export function toErrorResponse(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    return {
      status: statusOf[err.code],
      body: { success: false, error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } },
    };
  }
  const e = err as {
    name?: string;
    code?: string;
    statusCode?: number;
    expose?: boolean;
    cause?: { code?: string };
    CancellationReasons?: { Code?: string }[];
  };
  const mapped = e?.statusCode && e.expose !== false ? middyStatus[e.statusCode] : undefined;
  if (mapped) return { status: statusOf[mapped.code], body: { success: false, error: mapped } };
  if (
    unavailableNames.has(e?.name ?? '') ||
    unavailableCodes.has(e?.code ?? '') ||
    unavailableCodes.has(e?.cause?.code ?? '') ||
    (e?.name === 'TransactionCanceledException' && (e.CancellationReasons ?? []).some((r) => unavailableReasons.has(r.Code ?? '')))
  ) {
    return {
      status: 503,
      body: { success: false, error: { code: 'service_unavailable', message: 'The service is temporarily unavailable, retry shortly' } },
    };
  }
  return { status: 500, body: { success: false, error: { code: 'internal_error', message: 'An unexpected error occurred' } } };
}

export const errorEnvelopeMiddleware = () => {
  const onError = (request: HttpRequest) => {
    const { status, body } = toErrorResponse(request.error);
    if (status >= 500) logger.error('request failed', request.error as Error);
    const requestId = request.context.fieldbook?.requestId ?? 'unknown';
    request.response = jsonResponse(status, { ...body, request_id: requestId });
  };
  return { onError };
};
