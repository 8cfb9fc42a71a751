import * as z from 'zod/mini';
import '../../zod-locale.js';
import { NotFoundError, ValidationError, type ErrorDetail } from '../../errors.js';
import { stateOf, type HttpRequest } from '../types.js';

export interface RequestSchemas {
  params?: z.core.$ZodType;
  query?: z.core.$ZodType;
  body?: z.core.$ZodType;
}

/** zod leaves `input` off issues unless asked; without it a wrongly typed field would read "is required". */
const parseOptions = { reportInput: true };

function detailsOf(error: z.core.$ZodError, prefix?: string): ErrorDetail[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((k) => ({ field: [prefix, ...issue.path.map(String), k].filter(Boolean).join('.'), issue: 'is not a known field' }));
    }
    const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(body)';
    const issueText = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
    return [{ field, issue: issueText }];
  });
}

/** A route that declares no query parameters accepts none. */
const noQuery = z.strictObject({});

/**
 * Names given more than once in the query string. Every parameter is
 * single-valued, and API Gateway joins repeats with commas in
 * queryStringParameters (`?id=1&id=2` → "1,2"), so only the raw query string
 * tells a repeat from a value with a comma.
 */
export function repeatedParameters(rawQueryString: string | undefined): string[] {
  if (!rawQueryString) return [];
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const key of new URLSearchParams(rawQueryString).keys()) {
    if (seen.has(key)) repeated.add(key);
    seen.add(key);
  }
  return [...repeated];
}

/**
 * zod validation of path, query and body. Path ids that are not ids answer
 * 404 (they name nothing); query and body problems are one 400 listing every
 * field at fault, including query parameters that are unknown or repeated.
 */
export const validateRequestMiddleware = (schemas: RequestSchemas, pathNames: Readonly<Record<string, string>> = {}) => {
  const before = (request: HttpRequest) => {
    const state = stateOf(request);
    if (schemas.params) {
      const parsed = z.safeParse(schemas.params, request.event.pathParameters ?? {});
      if (!parsed.success) {
        // The innermost malformed id (path order) names what was not found; the route says what each parameter names.
        const failed = new Set(parsed.error.issues.map((i) => String(i.path[0])));
        const innermost = Object.keys(pathNames).filter((p) => failed.has(p)).at(-1);
        throw new NotFoundError(innermost ? pathNames[innermost]! : 'Resource');
      }
      state.params = parsed.data;
    }
    const repeated = repeatedParameters(request.event.rawQueryString);
    const details: ErrorDetail[] = repeated.map((field) => ({ field, issue: 'must be given at most once' }));
    // A repeated name is reported once, as repeated, not again as unknown or invalid.
    const query = Object.fromEntries(Object.entries(request.event.queryStringParameters ?? {}).filter(([k]) => !repeated.includes(k)));
    const parsedQuery = z.safeParse(schemas.query ?? noQuery, query, parseOptions);
    if (!parsedQuery.success) details.push(...detailsOf(parsedQuery.error));
    else if (schemas.query) state.query = parsedQuery.data;
    if (schemas.body) {
      const body = request.event.body;
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        details.push({ field: '(body)', issue: 'must be a JSON object' });
      } else {
        const parsed = z.safeParse(schemas.body, body, parseOptions);
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
