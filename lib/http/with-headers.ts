/**
 * Response headers a handler sets beside its body (an ETag, a replayed
 * idempotent answer). Kept under a symbol so the body's type and its JSON
 * stay exactly the route's envelope; httpEndpoint takes them off and merges
 * them into the response.
 */
const responseHeaders = Symbol('response headers');

export type WithHeaders<T> = T & { readonly [responseHeaders]: Readonly<Record<string, string>> };

/** `return withHeaders({ data }, { etag: '"…"' })`: the body as the route types it, plus headers. */
export function withHeaders<T extends object>(body: T, headers: Readonly<Record<string, string>>): WithHeaders<T> {
  return { ...body, [responseHeaders]: headers };
}

/** Splits a handler's result into the JSON body and its headers (names lowercased, as API Gateway sends them). */
export function takeHeaders<T extends object>(result: T): { body: T; headers: Record<string, string> } {
  const { [responseHeaders]: set, ...body } = result as WithHeaders<T>;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(set ?? {})) headers[name.toLowerCase()] = value;
  return { body: body as T, headers };
}
