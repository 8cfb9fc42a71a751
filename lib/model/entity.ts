import * as z from 'zod/mini';
import '../zod-locale.js';
import { ValidationError, type ErrorDetail } from '../errors.js';

/**
 * One declaration per entity (lib/model/<entity>.ts), and everything else
 * derived from it: the create and update request schemas, the API object
 * schema, the stored record type, the API object of a record, a new record
 * from a create body, and the item keys (lib/store/entity-items.ts encodes
 * them). Adding a field is one entry in a declaration; see
 * docs/architecture.md "Adding a customer field".
 *
 * In-house rather than ElectroDB: ElectroDB adds about 224 KB minified to
 * every function that touches an entity, and it would still need zod beside
 * it for the request schemas and the OpenAPI document. This file is the part
 * of it we use: fields with their schemas and writability, composite keys,
 * and an entity name and version marker on every item.
 */

type Schema = z.core.$ZodType;

/** Whether and how a create body carries a writable field. */
type CreateMode = 'required' | 'optional' | 'default' | 'never';

/** A field the client writes (on create, update or both) and sees in the API object. */
export interface WritableField<I extends Schema = Schema, O extends Schema = Schema, C extends CreateMode = CreateMode, U extends boolean = boolean> {
  kind: 'writable';
  /** Validates and normalizes what a client sends (limits, formats, messages). */
  input: I;
  /** What the API object documents for this field. */
  output: O;
  create: C;
  /** The value a create without this field stores (create: 'default'). */
  createDefault?: unknown;
  update: U;
  /** Shown when a record written before the field existed lacks it (otherwise its create default). */
  absentAs?: null;
}

/**
 * A field the server sets and the client sees. A PUT may carry it, so that a
 * client can send back the object GET returned, but only with the current
 * value: a different value is a mistake the client must hear about, never a
 * silent no-op.
 */
export interface ReadOnlyField<O extends Schema = Schema, S extends Schema = Schema> {
  kind: 'readOnly';
  output: O;
  /** What a PUT may carry back (loose: compared with the current value, not stored). */
  sentBack: S;
  /** Whether a value sent back equals the current one (e.g. the same instant written another way). */
  same: (sent: unknown, current: unknown) => boolean;
  absentAs?: null;
}

/** A field the store keeps and the API never shows (owners, versions, derived keys). */
export interface InternalField<T = unknown, Opt extends boolean = boolean> {
  kind: 'internal';
  /** Only composes keys: not written as an attribute of its own. */
  keyOnly: boolean;
  /** May be absent from a record (e.g. a customer's primary location, set once it has one). */
  optional: Opt;
  /** Type carrier; never set. */
  type?: T;
}

export type Field = WritableField | ReadOnlyField | InternalField;
type Fields = Record<string, Field>;

/**
 * A schema, or a function that builds it. Field schemas are built on first
 * use, then kept: constructing a zod schema is the costliest thing a function
 * does at import (~0.1 ms each, hundreds per entity), and most functions use
 * few of an entity's (a GET none of its request schemas).
 */
export type SchemaSource<S extends Schema> = S | (() => S);

/** `build` run on the first call only; every call answers its result. */
export const buildOnce = <T>(build: () => T): (() => T) => {
  let value: T | undefined;
  return () => (value ??= build());
};

/** One field's schema builders, as a schema module provides them (see schemaSlots). */
export interface FieldSchemas {
  /** What a request may carry (for a read-only field: what a PUT may send back). */
  input: () => Schema;
  /** What a response documents. */
  output: () => Schema;
}

const attachedSchemas = new Map<string, Record<string, FieldSchemas>>();

/** Called by an entity's schema module when it loads: its field schemas become available to the declaration. */
export function attachSchemas(entityName: string, schemas: Record<string, FieldSchemas>): void {
  attachedSchemas.set(entityName, schemas);
}

/**
 * A declaration's schema slots, for an entity whose zod schemas live in a
 * module of their own (so that functions which build none of them bundle
 * none): `input('name')` and `output('name')` are builders that look the
 * field's schema up in the attached module when first called, typed from it
 * (a type-only import). Calling one before that module is imported is a bug,
 * and says so.
 */
export function schemaSlots<S extends Record<string, FieldSchemas>>(entityName: string) {
  const of = (name: string): FieldSchemas => {
    const schemas = attachedSchemas.get(entityName)?.[name];
    if (!schemas) throw new Error(`${entityName}.${name}: its schemas are not loaded; import lib/model/${entityName}-schemas.js where ${entityName} bodies or objects are built`);
    return schemas;
  };
  return {
    input: <K extends keyof S & string>(name: K) => () => of(name).input() as ReturnType<S[K]['input']>,
    output: <K extends keyof S & string>(name: K) => () => of(name).output() as ReturnType<S[K]['output']>,
  };
}

const built = <S extends Schema>(source: SchemaSource<S>): (() => S) => (typeof source === 'function' ? buildOnce(source as () => S) : () => source);

function writableField<I extends Schema, O extends Schema, C extends CreateMode>(input: SchemaSource<I>, output: SchemaSource<O>, create: C, createDefault?: unknown) {
  const i = built(input);
  const o = built(output);
  return {
    kind: 'writable' as const,
    get input() {
      return i();
    },
    get output() {
      return o();
    },
    create,
    createDefault,
    update: true as const,
  } satisfies WritableField<I, O, C, true>;
}

export const field = {
  /** Required on create, optional on update. */
  writable: <I extends Schema, O extends Schema>(input: SchemaSource<I>, output: SchemaSource<O>): WritableField<I, O, 'required', true> =>
    writableField(input, output, 'required'),
  /** Optional on create (stored as `value` when absent), optional on update. */
  writableWithDefault: <I extends Schema, O extends Schema>(
    input: SchemaSource<I>,
    output: SchemaSource<O>,
    value: z.core.util.NoUndefined<z.output<I>>,
  ): WritableField<I, O, 'default', true> => writableField(input, output, 'default', value),
  /** Optional on create (the use-case decides when absent), optional on update. */
  writableOptional: <I extends Schema, O extends Schema>(input: SchemaSource<I>, output: SchemaSource<O>): WritableField<I, O, 'optional', true> =>
    writableField(input, output, 'optional'),
  readOnly<O extends Schema, S extends Schema>(output: SchemaSource<O>, sentBack: SchemaSource<S>, same: (sent: unknown, current: unknown) => boolean): ReadOnlyField<O, S> {
    const o = built(output);
    const b = built(sentBack);
    return {
      kind: 'readOnly',
      get output() {
        return o();
      },
      get sentBack() {
        return b();
      },
      same,
    };
  },
  internal<T>(): InternalField<T, false> {
    return { kind: 'internal', keyOnly: false, optional: false };
  },
  /** Internal, and absent until the server first sets it. */
  internalOptional<T>(): InternalField<T, true> {
    return { kind: 'internal', keyOnly: false, optional: true };
  },
  /** Part of the item's keys only (e.g. a term's text): no attribute of its own. */
  keyOnly<T>(): InternalField<T, false> {
    return { kind: 'internal', keyOnly: true, optional: false };
  },
};

/** Shown as null, not missing, when an older record lacks it. */
export function absentAsNull<F extends WritableField | ReadOnlyField>(f: F): F {
  // Set on the field itself: a spread would read (build) its lazy schemas.
  f.absentAs = null;
  return f;
}

// ---- composite keys -------------------------------------------------------

/** One part of a composite key: a fixed label, or a field's value. */
export type KeyPart<K extends string> =
  | string
  | {
      field: K;
      /** Numbers that must sort as numbers in a string key (zero-padded by the store). */
      sortsAsNumber?: true;
      /** A value derived from the field (e.g. 1 or 0 for "has locations"). */
      as?: (value: never) => string | number;
    };

/** Which fields compose an index's partition and sort keys, in order. */
export interface IndexDeclaration<K extends string> {
  pk: readonly KeyPart<K>[];
  sk: readonly KeyPart<K>[];
  /**
   * A sparse index: an item carries this index's keys only when `when` says
   * so (ElectroDB's index `condition`), e.g. a trashed customer leaves the
   * list indexes.
   */
  when?: (values: Record<string, unknown>) => boolean;
}

/** The table's indexes (lib/store/table.ts names their attributes). */
export type IndexName = 'primary' | 'gsi1' | 'gsi2' | 'gsi3';

export interface EntityDeclaration<F extends Fields> {
  /** Written on every item as `entity`, so a Query over a collection can tell items apart. */
  name: string;
  /** Written on every item as `entity_version`: bump it when the stored shape changes incompatibly. */
  version: number;
  /** The OpenAPI component name of the API object, when it has one. */
  apiName?: string;
  fields: F;
  keys: { primary: IndexDeclaration<keyof F & string> } & Partial<Record<Exclude<IndexName, 'primary'>, IndexDeclaration<keyof F & string>>>;
  /** Rules across fields of a body (both create and update), e.g. "send both coordinates or neither". */
  bodyChecks?: readonly z.core.$ZodCheck<never>[];
}

// ---- derived types ----------------------------------------------------------

type CreateKeys<F extends Fields> = { [K in keyof F]: F[K] extends WritableField<Schema, Schema, infer C> ? (C extends 'never' ? never : K) : never }[keyof F & string];
type UpdateKeys<F extends Fields> = { [K in keyof F]: F[K] extends WritableField<Schema, Schema, CreateMode, true> | ReadOnlyField ? K : never }[keyof F & string];
type VisibleKeys<F extends Fields> = { [K in keyof F]: F[K] extends WritableField | ReadOnlyField ? K : never }[keyof F & string];
type ReadOnlyKeys<F extends Fields> = { [K in keyof F]: F[K] extends ReadOnlyField ? K : never }[keyof F & string];
type InternalKeys<F extends Fields> = { [K in keyof F]: F[K] extends InternalField<unknown, false> ? K : never }[keyof F & string];
type OptionalInternalKeys<F extends Fields> = { [K in keyof F]: F[K] extends InternalField<unknown, true> ? K : never }[keyof F & string];

type CreateShape<F extends Fields> = {
  [K in CreateKeys<F>]: F[K] extends WritableField<infer I, Schema, infer C>
    ? C extends 'default'
      ? z.ZodMiniDefault<I>
      : C extends 'optional'
        ? z.ZodMiniOptional<I>
        : I
    : never;
};
type UpdateShape<F extends Fields> = {
  [K in UpdateKeys<F>]: F[K] extends WritableField<infer I> ? z.ZodMiniOptional<I> : F[K] extends ReadOnlyField<Schema, infer S> ? z.ZodMiniOptional<S> : never;
};
type ObjectShape<F extends Fields> = {
  [K in VisibleKeys<F>]: F[K] extends WritableField<Schema, infer O> | ReadOnlyField<infer O> ? O : never;
};

export type ApiObjectOf<F extends Fields> = [VisibleKeys<F>] extends [never] ? Record<never, never> : z.output<z.ZodMiniObject<ObjectShape<F>>>;
/** The stored record: the API object's fields plus the internal ones. */
export type RecordOf<F extends Fields> = ApiObjectOf<F> & { [K in InternalKeys<F>]: F[K] extends InternalField<infer T> ? T : never } & {
  [K in OptionalInternalKeys<F>]?: F[K] extends InternalField<infer T> ? T : never;
};
export type CreateInputOf<F extends Fields> = z.output<z.ZodMiniObject<CreateShape<F>>>;
export type UpdateInputOf<F extends Fields> = z.output<z.ZodMiniObject<UpdateShape<F>>>;
/** What an update applies: the body without its read-only fields. */
export type PatchOf<F extends Fields> = Omit<UpdateInputOf<F>, ReadOnlyKeys<F>>;

/** What the store needs to key an entity's items and tell them apart. */
export interface KeyedEntity {
  readonly name: string;
  readonly version: number;
  readonly keys: { readonly [I in IndexName]?: IndexDeclaration<string> };
}

/** ... and to write them: which fields are stored. */
export interface StoredEntity extends KeyedEntity {
  readonly fieldNames: { readonly stored: readonly string[] };
}

export interface Entity<F extends Fields> extends EntityDeclaration<F> {
  /** Fields by kind, in declaration order. */
  readonly fieldNames: { visible: readonly VisibleKeys<F>[]; readOnly: readonly ReadOnlyKeys<F>[]; stored: readonly (keyof F & string)[] };
  /** POST body: the fields writable on create, strict (unknown fields are a 400). */
  readonly createBody: z.ZodMiniObject<CreateShape<F>, z.core.$strict>;
  /** PUT body: a partial update; read-only fields may be sent back unchanged; at least one writable field. */
  readonly updateBody: z.ZodMiniObject<UpdateShape<F>, z.core.$strict>;
  /** The API object of every response, field for field in declaration order. */
  readonly object: z.ZodMiniObject<ObjectShape<F>>;
  /** The API object of a stored record: visible fields only, in declaration order. */
  toApiObject(record: Partial<RecordOf<F>> & Record<string, unknown>): ApiObjectOf<F>;
  /** A new record: the create body's fields (defaults applied by its schema) plus what the server sets. */
  newRecord(input: CreateInputOf<F>, set: Omit<RecordOf<F>, CreateKeys<F> | OptionalInternalKeys<F>>): RecordOf<F>;
  /** The body without its read-only fields: what an update applies. */
  writableOf<T extends Partial<Record<ReadOnlyKeys<F>, unknown>>>(body: T): Omit<T, ReadOnlyKeys<F>>;
  /** One detail per read-only field sent with a value other than the current one (fields not sent are fine). */
  readOnlyConflicts(body: Partial<Record<string, unknown>>, current: Partial<Record<string, unknown>>): ErrorDetail[];
  /** Throws 400 validation_failed naming every read-only field that differs from the current value. */
  assertReadOnlyUnchanged(body: Partial<Record<string, unknown>>, current: Partial<Record<string, unknown>>): void;
}

/** What an item written before a field existed shows for it: null where declared, else the field's create default. */
function absentValue(f: Field): unknown {
  if (f.kind === 'internal') return undefined;
  if (f.absentAs === null) return null;
  return f.kind === 'writable' && f.create === 'default' ? f.createDefault : undefined;
}

/**
 * A stored record with the fields it predates filled in: each writable
 * field's create default (or null where declared), so rules and keys see
 * every field of an item written before the field existed. A function of its
 * own (not a method), so that entities that never need it bundle none of it.
 */
export function withDefaults<R extends Record<string, unknown>>(entity: { fields: Fields; fieldNames: { visible: readonly string[] } }, record: R): R {
  let filled: Record<string, unknown> | undefined;
  for (const name of entity.fieldNames.visible) {
    if (record[name] !== undefined) continue;
    const value = absentValue(entity.fields[name]!);
    if (value !== undefined) (filled ??= { ...record })[name] = value;
  }
  return (filled ?? record) as R;
}

/**
 * Whether a field holds exactly what an item without it reads as (its create
 * default, or null where declared): such a value need not be stored, since
 * `withDefaults` gives it back. Keeps items small: a customer's 18 optional
 * fields at their defaults are ~220 bytes of every item otherwise.
 */
export function isAbsentValue(entity: { fields: Fields }, name: string, value: unknown): boolean {
  const field = entity.fields[name];
  if (!field || field.kind === 'internal') return false;
  const absent = absentValue(field);
  if (absent === undefined) return false;
  return value === absent || (typeof value === 'object' && value !== null && JSON.stringify(value) === JSON.stringify(absent));
}

/** Derives an entity's schemas and record helpers from its declaration. */
export function defineEntity<const F extends Fields>(declaration: EntityDeclaration<F>): Entity<F> {
  const entries = Object.entries(declaration.fields) as [keyof F & string, Field][];
  const visible = entries.filter(([, f]) => f.kind !== 'internal').map(([k]) => k) as VisibleKeys<F>[];
  const readOnly = entries.filter(([, f]) => f.kind === 'readOnly').map(([k]) => k) as ReadOnlyKeys<F>[];
  const stored = entries.filter(([, f]) => !(f.kind === 'internal' && f.keyOnly)).map(([k]) => k);

  // Built on first use, like the field schemas: a function uses one or two of an entity's
  // schemas (a GET none of its bodies).
  const bodyChecks = (declaration.bodyChecks ?? []) as readonly z.core.$ZodCheck<Record<string, unknown>>[];
  const shapeOf = (pick: (f: Field) => Schema | undefined) => {
    const shape: Record<string, Schema> = {};
    for (const [name, f] of entries) {
      const schema = pick(f);
      if (schema) shape[name] = schema;
    }
    return shape;
  };
  const buildCreateBody = () => {
    const body = z.strictObject(
      shapeOf((f) =>
        f.kind !== 'writable' ? undefined : f.create === 'required' ? f.input : f.create === 'optional' ? z.optional(f.input) : f.create === 'default' ? z._default(f.input, f.createDefault as never) : undefined,
      ),
    );
    return (bodyChecks.length ? body.check(...bodyChecks) : body) as unknown as Entity<F>['createBody'];
  };
  const buildUpdateBody = () =>
    z
      .strictObject(
        // Read-only fields are described as such in the OpenAPI document by lib/openapi/schema-docs.ts.
        shapeOf((f) => (f.kind === 'writable' && f.update ? z.optional(f.input) : f.kind === 'readOnly' ? z.optional(f.sentBack) : undefined)),
      )
      .check(
        ...bodyChecks,
        z.refine((body: Record<string, unknown>) => Object.keys(body).some((k) => !(readOnly as string[]).includes(k)), {
          message: 'at least one writable field is required',
          // Only unknown fields sent: naming them is the answer, not "nothing sent".
          when: (payload) => payload.issues.length === 0,
        }),
      ) as unknown as Entity<F>['updateBody'];
  const buildObject = () => {
    const object = z.object(shapeOf((f) => (f.kind === 'internal' ? undefined : f.output))) as unknown as Entity<F>['object'];
    if (declaration.apiName) object.register(z.globalRegistry, { id: declaration.apiName });
    return object;
  };
  const createBody = buildOnce(buildCreateBody);
  const updateBody = buildOnce(buildUpdateBody);
  const object = buildOnce(buildObject);

  const fields = declaration.fields as Fields;
  const readOnlyConflicts = (body: Partial<Record<string, unknown>>, current: Partial<Record<string, unknown>>): ErrorDetail[] =>
    readOnly
      .filter((name) => body[name] !== undefined && !(fields[name] as ReadOnlyField).same(body[name], current[name] ?? null))
      .map((name) => ({ field: name, issue: `is read-only and differs from the current value ${JSON.stringify(current[name] ?? null)}` }));

  return {
    ...declaration,
    fieldNames: { visible, readOnly, stored },
    get createBody() {
      return createBody();
    },
    get updateBody() {
      return updateBody();
    },
    get object() {
      return object();
    },
    toApiObject(record) {
      const out: Record<string, unknown> = {};
      for (const name of visible) out[name] = record[name] === undefined ? absentValue(fields[name]!) : record[name];
      return out as ApiObjectOf<F>;
    },
    newRecord(input, set) {
      return { ...input, ...set } as RecordOf<F>;
    },
    writableOf(body) {
      const writable: Record<string, unknown> = { ...body };
      for (const name of readOnly) delete writable[name];
      return writable as never;
    },
    readOnlyConflicts,
    assertReadOnlyUnchanged(body, current) {
      const details = readOnlyConflicts(body, current);
      if (details.length > 0) {
        throw new ValidationError(`Invalid request: ${details.map((d) => `${d.field} ${d.issue}`).join('; ')}`, details);
      }
    },
  };
}
