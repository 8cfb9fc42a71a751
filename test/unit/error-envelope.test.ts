import { createError } from '@middy/util';
import { ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  AppError,
  clipText,
  errorTextLimits,
  DuplicateCustomerError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  ServiceUnavailableError,
  UnauthorizedError,
  ValidationError,
  type ErrorCode,
} from '../../lib/errors.js';
import { statusOf } from '../../lib/http/error-status.js';
import { errorEnvelopeMiddleware, toErrorResponse } from '../../lib/http/middleware/error-envelope.js';
import type { HttpRequest } from '../../lib/http/types.js';

describe('toErrorResponse', () => {
  it.each(Object.entries(statusOf) as [ErrorCode, number][])('AppError %s → %i', (code, status) => {
    expect(toErrorResponse(new AppError(code, 'msg'))).toMatchObject({ status, body: { success: false, error: { code, message: 'msg' } } });
    expect(toErrorResponse(new AppError(code, 'msg')).body).toEqual({ success: false, error: { code, message: 'msg' } });
  });

  it('maps rate_limited to 429 with the wait in Retry-After (whole seconds, at least 1)', () => {
    expect(statusOf.rate_limited).toBe(429);
    expect(toErrorResponse(new RateLimitedError(30))).toEqual({
      status: 429,
      body: { success: false, error: { code: 'rate_limited', message: 'Too many requests for this API key; retry after 30 seconds' } },
      headers: { 'retry-after': '30' },
    });
    expect(toErrorResponse(new RateLimitedError(2.2)).headers).toEqual({ 'retry-after': '3' });
    expect(toErrorResponse(new RateLimitedError(0)).headers).toEqual({ 'retry-after': '1' });
    expect(toErrorResponse(new RateLimitedError(Number.NaN)).headers).toEqual({ 'retry-after': '1' });
  });

  it('clips what echoes client input to the documented bounds, never splitting a surrogate pair', () => {
    const details = Array.from({ length: 60 }, (_, i) => ({ field: `${'x'.repeat(300)}${i}`, issue: '😀'.repeat(600) }));
    const { body } = toErrorResponse(new ValidationError('m'.repeat(5000), details));
    expect(body.error.message.length).toBeLessThanOrEqual(errorTextLimits.message);
    expect(body.error.details).toHaveLength(errorTextLimits.details);
    for (const d of body.error.details!) {
      expect([...d.field].length).toBeLessThanOrEqual(errorTextLimits.field);
      expect([...d.issue].length).toBeLessThanOrEqual(errorTextLimits.issue);
      expect(d.issue).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
    expect(clipText('short', 10)).toBe('short');
  });

  it('sends Retry-After only on 429 and 503', () => {
    expect(toErrorResponse(new ServiceUnavailableError()).headers).toEqual({ 'retry-after': '1' });
    expect(toErrorResponse(new AppError('rate_limited', 'slow down')).headers).toEqual({ 'retry-after': '1' });
    for (const code of Object.keys(statusOf) as ErrorCode[]) {
      if (code === 'rate_limited' || code === 'service_unavailable') continue;
      expect(toErrorResponse(new AppError(code, 'msg')).headers).toBeUndefined();
    }
    expect(toErrorResponse(new Error('boom')).headers).toBeUndefined();
  });

  it('the middleware puts Retry-After on the response, beside the envelope and request_id', () => {
    const request = {
      event: {},
      context: { fieldbook: { requestId: 'req-123456' } },
      response: undefined,
      error: new RateLimitedError(7),
    } as unknown as HttpRequest;
    errorEnvelopeMiddleware().onError(request);
    expect(request.response?.statusCode).toBe(429);
    expect(request.response?.headers).toEqual({ 'content-type': 'application/json; charset=utf-8', 'retry-after': '7' });
    expect(JSON.parse(request.response?.body ?? '')).toEqual({
      success: false,
      error: { code: 'rate_limited', message: 'Too many requests for this API key; retry after 7 seconds' },
      request_id: 'req-123456',
    });
  });

  it('maps the design table for each typed error', () => {
    expect(toErrorResponse(new ValidationError('bad', [{ field: 'x', issue: 'y' }]))).toEqual({
      status: 400,
      body: { success: false, error: { code: 'validation_failed', message: 'bad', details: [{ field: 'x', issue: 'y' }] } },
    });
    expect(toErrorResponse(new DuplicateCustomerError('a@b.c'))).toMatchObject({ status: 400, body: { error: { code: 'duplicate_customer' } } });
    expect(toErrorResponse(new UnauthorizedError())).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    expect(toErrorResponse(new ForbiddenError('customers:write'))).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    expect(toErrorResponse(new NotFoundError('Customer'))).toMatchObject({ status: 404, body: { error: { code: 'not_found', message: 'Customer not found' } } });
    expect(toErrorResponse(new ServiceUnavailableError())).toMatchObject({ status: 503, body: { error: { code: 'service_unavailable' } } });
  });

  it('maps the body checks\' errors: 415 media type, 400 malformed JSON, 413 too large', () => {
    // The body checks (body-limits, json-charset, json-body) throw these; middy's own http errors no longer occur.
    expect(toErrorResponse(new AppError('unsupported_media_type', 'Request body must be JSON (Content-Type: application/json)'))).toMatchObject({
      status: 415,
      body: { error: { code: 'unsupported_media_type' } },
    });
    expect(toErrorResponse(new AppError('validation_failed', 'Request body is not valid JSON'))).toMatchObject({
      status: 400,
      body: { error: { code: 'validation_failed' } },
    });
    expect(toErrorResponse(new AppError('payload_too_large', 'Request body must be at most 65536 bytes'))).toMatchObject({
      status: 413,
      body: { error: { code: 'payload_too_large' } },
    });
  });

  it('trusts no status a foreign error carries (middy http errors included): 500 without internals', () => {
    expect(toErrorResponse(createError(415, 'Unsupported Media Type'))).toMatchObject({ status: 500, body: { error: { code: 'internal_error' } } });
  });

  it('does not trust a status on an error that is not meant to be exposed', () => {
    expect(toErrorResponse(Object.assign(new Error('x'), { statusCode: 415, expose: false }))).toMatchObject({ status: 500 });
  });

  it('maps DynamoDB throttling and unreachable endpoints to 503', () => {
    const throttled = new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} });
    expect(toErrorResponse(throttled)).toEqual({
      status: 503,
      body: { success: false, error: { code: 'service_unavailable', message: 'The service is temporarily unavailable, retry shortly' } },
      headers: { 'retry-after': '1' },
    });
    expect(toErrorResponse(Object.assign(new Error('x'), { name: 'ThrottlingException' })).status).toBe(503);
    expect(toErrorResponse(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' })).status).toBe(503);
    expect(toErrorResponse(new Error('fetch failed', { cause: { code: 'ECONNRESET' } })).status).toBe(503);
  });

  it('maps a transaction cancelled by throttling or conflicts to 503', () => {
    const cancelled = new TransactionCanceledException({
      message: 'Transaction cancelled',
      $metadata: {},
      CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }],
    });
    expect(toErrorResponse(cancelled).status).toBe(503);
    const throttled = new TransactionCanceledException({
      message: 'Transaction cancelled',
      $metadata: {},
      CancellationReasons: [{ Code: 'ThrottlingError' }],
    });
    expect(toErrorResponse(throttled).status).toBe(503);
  });

  it('answers an unknown error with 500 and no internals', () => {
    const err = new TypeError("Cannot read properties of undefined (reading 'secret_table_name')");
    const out = toErrorResponse(err);
    expect(out).toEqual({ status: 500, body: { success: false, error: { code: 'internal_error', message: 'An unexpected error occurred' } } });
    expect(JSON.stringify(out)).not.toMatch(/secret_table_name|TypeError|at /);
    expect(toErrorResponse('a string').status).toBe(500);
    expect(toErrorResponse(undefined).status).toBe(500);
    expect(toErrorResponse(null).status).toBe(500);
  });
});
