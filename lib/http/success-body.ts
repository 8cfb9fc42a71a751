import type * as z from 'zod/mini';
import type { pagination } from '../openapi/envelopes.js';
import type { RouteDefinition } from '../routes.js';

/**
 * The success body a route's handler returns (endpoint.ts appends request_id),
 * derived from the route's `response` exactly as lib/openapi/envelopes.ts
 * documents it. z.output: zod-openapi renders response schemas in output
 * mode, so this is the type the OpenAPI document promises.
 */
export type SuccessBody<R extends RouteDefinition> = R['response'] extends { envelope: 'list'; data: infer D extends z.core.$ZodType }
  ? { data: z.output<D>[]; pagination: z.output<typeof pagination> }
  : R['response'] extends { envelope: 'item'; data: infer D extends z.core.$ZodType }
    ? { data: z.output<D> }
    : R['response'] extends { envelope: 'write'; data: infer D extends z.core.$ZodType }
      ? { success: true; message: string; data: z.output<D> }
      : R['response'] extends { envelope: 'deleted' }
        ? { success: true; message: string }
        : never; // no `response` (or a data-less list/item/write): successEnvelope throws on it too

type KeysOf<S> = S extends unknown ? keyof S : never;
type FieldOf<S, K extends PropertyKey> = S extends unknown ? (K extends keyof S ? S[K] : never) : never;

/**
 * T with every field that Shape does not list turned into `never`, at any
 * depth. TypeScript checks excess properties only on fresh object literals,
 * and never on a callback's returned value; `B & NoExtraFields<B, Shape>`
 * also catches a misspelled optional field, a spread record or a variable
 * carrying more than the schema lists (which JSON.stringify would send).
 * Symbol keys are skipped: JSON never carries them (see with-headers.ts).
 */
export type NoExtraFields<T, Shape> = T extends readonly (infer E)[]
  ? Shape extends readonly (infer SE)[]
    ? readonly NoExtraFields<E, SE>[]
    : T
  : T extends object
    ? { [K in keyof T]: K extends symbol ? T[K] : K extends KeysOf<Shape> ? NoExtraFields<T[K], NonNullable<FieldOf<Shape, K>>> : never }
    : T;
