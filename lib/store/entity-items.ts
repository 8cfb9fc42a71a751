import type { IndexName, KeyedEntity, KeyPart, StoredEntity } from '../model/entity.js';
import { tableDefinition } from './table.js';

/**
 * How a declared entity becomes a DynamoDB item and back. The declaration
 * (lib/model) says which fields compose which key, in which order; this file
 * owns the string format: parts joined by '#', numbers that must sort as
 * numbers zero-padded to 10 digits (so string order equals numeric order),
 * and the markers every item carries.
 */

type AnyEntity = KeyedEntity;

/** Every item names its entity and the version of its stored shape (ElectroDB's __edb_e__/__edb_v__). */
export const markerAttributes = { entity: 'entity', version: 'entity_version' } as const;

const sortableWidth = 10;

/** The attribute names of an index's keys (lib/store/table.ts). */
export function keyAttributesOf(index: IndexName): { pk: string; sk: string } {
  if (index === 'primary') return { pk: tableDefinition.partitionKey, sk: tableDefinition.sortKey };
  const gsi = tableDefinition[index];
  return { pk: gsi.partitionKey, sk: gsi.sortKey };
}

const allKeyAttributes = (['primary', 'gsi1', 'gsi2', 'gsi3'] as const).flatMap((i) => Object.values(keyAttributesOf(i)));

function encode(entity: AnyEntity, parts: readonly KeyPart<string>[], values: Record<string, unknown>): string {
  return parts
    .map((part) => {
      if (typeof part === 'string') return part;
      const raw = values[part.field];
      if (raw === undefined || raw === null) throw new Error(`${entity.name} key needs ${part.field}`);
      const value = part.as ? (part.as as (v: unknown) => string | number)(raw) : raw;
      return part.sortsAsNumber ? String(value).padStart(sortableWidth, '0') : String(value);
    })
    .join('#');
}

function indexOf(entity: AnyEntity, index: IndexName) {
  const declared = entity.keys[index];
  if (!declared) throw new Error(`${entity.name} has no ${index} index`);
  return declared;
}

/** An index's key attributes for the given field values, e.g. { pk, sk } or { gsi1pk, gsi1sk }. */
export function keyOf<E extends AnyEntity>(entity: E, index: IndexName, values: Record<string, unknown>): Record<string, string> {
  const declared = indexOf(entity, index);
  const names = keyAttributesOf(index);
  return { [names.pk]: encode(entity, declared.pk, values), [names.sk]: encode(entity, declared.sk, values) };
}

/** The primary key ({ pk, sk }) of an item. */
export function primaryKeyOf(entity: AnyEntity, values: Record<string, unknown>): { pk: string; sk: string } {
  return keyOf(entity, 'primary', values) as { pk: string; sk: string };
}

/** An index's partition key value alone (what a Query names). */
export function partitionOf(entity: AnyEntity, index: IndexName, values: Record<string, unknown>): string {
  return encode(entity, indexOf(entity, index).pk, values);
}

/** The fixed start of an index's sort keys: its parts before the first field (e.g. 'LOCATION#'). */
export function sortKeyPrefixOf(entity: AnyEntity, index: IndexName): string {
  const parts = indexOf(entity, index).sk;
  const firstField = parts.findIndex((part) => typeof part !== 'string');
  // Every part fixed: the whole key. Otherwise each fixed part with the '#' that follows it.
  return firstField < 0 ? parts.join('#') : parts.slice(0, firstField).map((part) => `${part as string}#`).join('');
}

/**
 * The field value in the last part of a key, read back without the record:
 * zero-padded parts are a fixed width from the end, others follow the last '#'.
 */
export function lastPartOf(entity: AnyEntity, index: IndexName, which: 'pk' | 'sk', key: string): string {
  const last = indexOf(entity, index)[which].at(-1);
  if (last === undefined || typeof last === 'string') throw new Error(`${entity.name} ${index} ${which} does not end with a field`);
  return last.sortsAsNumber ? key.slice(-sortableWidth) : key.slice(key.lastIndexOf('#') + 1);
}

/** The id in the last part of a key. */
export const lastIdOf = (entity: AnyEntity, index: IndexName, which: 'pk' | 'sk', key: string): number => Number(lastPartOf(entity, index, which, key));

/** Whether a record carries an index's keys (a sparse index's `when`; always for the others). */
export const inIndex = (entity: AnyEntity, index: IndexName, values: Record<string, unknown>) => indexOf(entity, index).when?.(values) ?? true;

/**
 * The item of a record: every declared index's keys (sparse ones when their
 * `when` holds), the markers, then the stored fields — but those `omit`
 * says to leave out (keys are computed from the whole record first).
 */
export function itemOf<R extends object>(entity: StoredEntity, record: R, omit?: (name: string, value: unknown) => boolean): Record<string, unknown> {
  const values = record as Record<string, unknown>;
  const item: Record<string, unknown> = {};
  for (const index of Object.keys(entity.keys) as IndexName[]) if (inIndex(entity, index, values)) Object.assign(item, keyOf(entity, index, values));
  item[markerAttributes.entity] = entity.name;
  item[markerAttributes.version] = entity.version;
  for (const name of entity.fieldNames.stored) if (values[name] !== undefined && !omit?.(name, values[name])) item[name] = values[name];
  return item;
}

/** The record of an item: its fields without keys and markers. */
export function recordOf<R>(item: Record<string, unknown>): R {
  const record: Record<string, unknown> = { ...item };
  for (const name of allKeyAttributes) delete record[name];
  delete record[markerAttributes.entity];
  delete record[markerAttributes.version];
  return record as R;
}

/** Whether an item (e.g. from a Query over an item collection) is one of this entity's. */
export const isItemOf = (entity: AnyEntity, item: Record<string, unknown>) => item[markerAttributes.entity] === entity.name;

/**
 * The markers as an UpdateItem SET clause, for items that UpdateItem may
 * create (the tenant's counters and tally shards): every item carries them,
 * not only those written whole.
 */
export function markerSetClause(entityName: string, version = 1): { clause: string; values: Record<string, string | number> } {
  return {
    clause: `${markerAttributes.entity} = :entityName, ${markerAttributes.version} = :entityVersion`,
    values: { ':entityName': entityName, ':entityVersion': version },
  };
}
