import type { z } from 'zod';
import { NotFoundError, ValidationError, type ErrorDetail } from '../../errors.js';
import { stateOf, type HttpRequest } from '../types.js';

export interface RequestSchemas {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
}

/** zod leaves `input` off issues unless asked; without it a wrongly typed field would read "is required". */
const parseOptions = { reportInput: true };

function detailsOf(error: z.ZodError, prefix?: string): ErrorDetail[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((k) => ({ field: [prefix, ...issue.path.map(String), k].filter(Boolean).join('.'), issue: 'is not a known field' }));
    }
    const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(body)';
    const issueText = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
    return [{ field, issue: issueText }];
  });
}

/**
 * zod validation of path, query and body. Path ids that are not ids answer
 * 404 (they name nothing); query and body problems are one 400 listing every
 * field at fault.
 */
export const validateRequestMiddleware = (schemas: RequestSchemas, notFound: 'Customer' | 'Location' = 'Customer') => {
  const before = (request: HttpRequest) => {
    const state = stateOf(request);
    if (schemas.params) {
      const parsed = schemas.params.safeParse(request.event.pathParameters ?? {});
      if (!parsed.success) {
        const location = parsed.error.issues.some((i) => i.path[0] === 'locationId');
        throw new NotFoundError(location ? 'Location' : notFound);
      }
      state.params = parsed.data;
    }
    const details: ErrorDetail[] = [];
    if (schemas.query) {
      const parsed = schemas.query.safeParse(request.event.queryStringParameters ?? {}, parseOptions);
      if (parsed.success) state.query = parsed.data;
      else details.push(...detailsOf(parsed.error));
    }
    if (schemas.body) {
      const body = request.event.body;
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        details.push({ field: '(body)', issue: 'must be a JSON object' });
      } else {
        const parsed = schemas.body.safeParse(body, parseOptions);
        if (parsed.success) state.body = parsed.data;
        else details.push(...detailsOf(parsed.error));
      }
    }
    if (details.length > 0) {
      throw new ValidationError(`Invalid request: ${details.map((d) => `${d.field} ${d.issue}`).join('; ')}`, details);
    }
  };
  return { before };
};
