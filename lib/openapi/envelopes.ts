import { z } from 'zod';
import { errorTextLimits, type ErrorCode } from '../errors.js';
import type { RouteDefinition } from '../routes.js';

/**
 * The response envelopes of lib/http (endpoint.ts appends request_id, the
 * error-envelope middleware builds the error body), as zod schemas for the
 * OpenAPI document. Objects render with additionalProperties: false, so the
 * contract tests reject any field these do not list.
 */

export { errorTextLimits };

/** A caller's sane X-Request-Id (8–64 of [A-Za-z0-9._-]) or the gateway's own id (base64, hence `=`). */
export const requestIdPattern = '^[A-Za-z0-9._=-]{1,64}$';

export const requestIdField = z.string().max(64).regex(new RegExp(requestIdPattern)).meta({
  description: 'Id of this request: also in the X-Request-Id header and in every log line of the request',
  example: 'a1b2c3d4e5f6',
});

const maxPageSize = 100;

export const pagination = z
  .object({
    page: z.number().int().min(1).max(1_000_000),
    per_page: z.number().int().min(1).max(maxPageSize),
    // Ids are at most 10 digits (lib/customers/schema.ts recordId), so no count exceeds that.
    total: z.number().int().min(0).max(9_999_999_999),
    total_pages: z.number().int().min(0).max(9_999_999_999),
  })
  .meta({ id: 'Pagination' });

/** A fixed sentence per operation ("Customer created successfully"). */
const successMessage = z.string().max(200);

const writeSucceeded = z.literal(true).meta({ description: 'Always true: the write happened' });

/** The success body of a route, by its envelope kind. */
export function successEnvelope(route: RouteDefinition): z.ZodType {
  const response = route.response;
  if (!response) {
    throw new Error(
      `Route ${route.operationId} has no \`response\` in lib/routes.ts: add { envelope, data } so the OpenAPI document and the contract tests know its success body`,
    );
  }
  const data = response.data;
  if (!data && response.envelope !== 'deleted') {
    throw new Error(`Route ${route.operationId}: the ${response.envelope} envelope needs response.data in lib/routes.ts`);
  }
  switch (response.envelope) {
    case 'list':
      // A page holds at most per_page records, and per_page is at most 100.
      return z.object({ data: z.array(data!).max(maxPageSize), pagination, request_id: requestIdField });
    case 'item':
      return z.object({ data: data!, request_id: requestIdField });
    case 'write':
      return z.object({ success: writeSucceeded, message: successMessage, data: data!, request_id: requestIdField });
    case 'deleted':
      return z.object({ success: writeSucceeded, message: successMessage, request_id: requestIdField });
  }
}

export const errorDetail = z
  .object({
    field: z
      .string()
      .max(errorTextLimits.field)
      .meta({ description: 'The field at fault: a body field, a query parameter, or (body); an unknown field is named up to its first 200 characters' }),
    issue: z.string().max(errorTextLimits.issue),
  })
  .meta({ id: 'ErrorDetail' });

/** The one error envelope, with `code` narrowed to the codes a response can carry. */
export function errorEnvelope(codes: readonly ErrorCode[]) {
  return z.object({
    success: z.literal(false).meta({ description: 'Always false on an error' }),
    error: z.object({
      code: z.enum(codes as [ErrorCode, ...ErrorCode[]]),
      message: z.string().max(errorTextLimits.message).meta({ description: 'For people; never a stack trace or internal detail' }),
      details: z
        .array(errorDetail)
        .max(errorTextLimits.details)
        .optional()
        .meta({ description: `One entry per field at fault (validation_failed, duplicate_customer); at most ${errorTextLimits.details}` }),
    }),
    request_id: requestIdField,
  });
}

/** API Gateway's own answer to a body over its 10 MB limit: the request never reaches a function. */
export const gatewayMessage = z
  .object({ message: z.string().max(200) })
  .meta({ id: 'GatewayMessage', description: 'Answered by the API gateway itself (no request id): body over 10 MB' });
