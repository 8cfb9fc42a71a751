import { createError } from '@middy/util';
import { ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  AppError,
  DuplicateCustomerError,
  ForbiddenError,
  NotFoundError,
  ServiceUnavailableError,
  UnauthorizedError,
  ValidationError,
  statusOf,
  type ErrorCode,
} from '../../lib/errors.js';
import { toErrorResponse } from '../../lib/http/middleware/error-envelope.js';

describe('toErrorResponse', () => {
  it.each(Object.entries(statusOf) as [ErrorCode, number][])('AppError %s → %i', (code, status) => {
    expect(toErrorResponse(new AppError(code, 'msg'))).toEqual({ status, body: { success: false, error: { code, message: 'msg' } } });
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

  it('maps middy http errors: 415 media type, 422 / 400 malformed JSON, 413 too large', () => {
    expect(toErrorResponse(createError(415, 'Unsupported Media Type'))).toMatchObject({ status: 415, body: { error: { code: 'unsupported_media_type' } } });
    expect(toErrorResponse(createError(422, 'Invalid or malformed JSON was provided'))).toMatchObject({
      status: 400,
      body: { error: { code: 'validation_failed' } },
    });
    expect(toErrorResponse(createError(400, 'Bad'))).toMatchObject({ status: 400, body: { error: { code: 'validation_failed' } } });
    expect(toErrorResponse(createError(413, 'Too big'))).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });
  });

  it('does not trust a status on an error that is not meant to be exposed', () => {
    expect(toErrorResponse(Object.assign(new Error('x'), { statusCode: 415, expose: false }))).toMatchObject({ status: 500 });
  });

  it('maps DynamoDB throttling and unreachable endpoints to 503', () => {
    const throttled = new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} });
    expect(toErrorResponse(throttled)).toEqual({
      status: 503,
      body: { success: false, error: { code: 'service_unavailable', message: 'The service is temporarily unavailable, retry shortly' } },
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
