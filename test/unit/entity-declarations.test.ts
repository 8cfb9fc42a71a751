import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { absentAsNull, defineEntity, field, type RecordOf } from '../../lib/model/entity.js';
import { apiKeyEntity } from '../../lib/model/api-key.js';
import { customerEntity, emailGuardEntity, searchTermEntity } from '../../lib/model/customer.js';
import { locationEntity } from '../../lib/model/location.js';
import { itemOf, keyOf, lastIdOf, partitionOf, primaryKeyOf, recordOf, sortKeyPrefixOf } from '../../lib/store/entity-items.js';

/**
 * One declaration per entity (lib/model): the request and response schemas,
 * the record, the API object and the keys all derive from it.
 */

const keysOf = (schema: { def: { shape: Record<string, unknown> } }) => Object.keys(schema.def.shape);

describe('derived schemas', () => {
  it('the customer object lists the visible fields in declaration (seed) order, and nothing internal', () => {
    expect(keysOf(customerEntity.object)).toEqual([
      'customer_id', 'customer_name', 'customer_email', 'customer_phone', 'default_sla_hours',
      'tax_exempt', 'tax_exemption_reason', 'created_at', 'updated_at',
    ]);
    expect(keysOf(locationEntity.object)).toEqual([
      'location_id', 'location_name', 'address_street', 'address_city', 'address_state', 'address_zip', 'latitude', 'longitude',
      'is_primary', 'created_at', 'updated_at', 'geocode_status', 'geocode_precision', 'geocode_source', 'geocoded_at',
    ]);
  });

  it('create bodies take the writable fields; update bodies take those and the read-only ones', () => {
    expect(keysOf(customerEntity.createBody)).toEqual([
      'customer_name', 'customer_email', 'customer_phone', 'default_sla_hours', 'tax_exempt', 'tax_exemption_reason',
    ]);
    expect(keysOf(customerEntity.updateBody)).toEqual(keysOf(customerEntity.object));
    expect(keysOf(locationEntity.createBody)).toEqual([
      'location_name', 'address_street', 'address_city', 'address_state', 'address_zip', 'latitude', 'longitude', 'is_primary',
    ]);
    expect(keysOf(locationEntity.updateBody)).toEqual(keysOf(locationEntity.object));
  });

  it('applies create defaults, and the checks across fields on both bodies', () => {
    const created = customerEntity.createBody.parse({
      customer_name: ' Acme ', customer_email: 'ops@acme.example', customer_phone: '(202) 555-0100', default_sla_hours: 4,
    });
    expect(created).toMatchObject({ customer_name: 'Acme', customer_phone: '+12025550100', tax_exempt: false, tax_exemption_reason: null });
    const pinOnlyLatitude = { location_name: 'A', address_street: '1 Main', address_city: 'X', address_state: 'tx', address_zip: '75201', latitude: 1 };
    expect(locationEntity.createBody.safeParse(pinOnlyLatitude).success).toBe(false);
    expect(locationEntity.updateBody.safeParse({ latitude: 1 }).success).toBe(false);
  });

  it('an update must carry a writable field; read-only fields alone are refused', () => {
    expect(customerEntity.updateBody.safeParse({ customer_id: 3 }).error?.issues[0]?.message).toBe('at least one writable field is required');
    expect(customerEntity.updateBody.safeParse({ customer_id: 3, customer_name: 'B' }).success).toBe(true);
  });
});

describe('records and API objects', () => {
  it('the API object shows only visible fields, and null for a nullable field an old record lacks', () => {
    const record = customerEntity.newRecord(
      customerEntity.createBody.parse({ customer_name: 'A', customer_email: 'a@b.example', customer_phone: '+12025550100', default_sla_hours: 1 }),
      { tenant_id: 't', customer_id: 7, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', email_key: 'a@b.example', location_count: 0, version: 1, terms: [] },
    );
    const { tax_exemption_reason: _dropped, ...old } = record;
    expect(customerEntity.toApiObject(old)).toEqual({
      customer_id: 7, customer_name: 'A', customer_email: 'a@b.example', customer_phone: '+12025550100', default_sla_hours: 1,
      tax_exempt: false, tax_exemption_reason: null, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z',
    });
  });

  it('adding a field is one entry in the declaration: bodies, object, API object and record all carry it', () => {
    // The steps of docs/architecture.md "Adding a customer field", done on a copy of the declaration.
    const withCompany = defineEntity({
      ...customerEntity,
      fields: {
        ...customerEntity.fields,
        company_name: absentAsNull(field.writableWithDefault(z.nullable(z.string().check(z.maxLength(120, 'must be at most 120 characters'))), z.nullable(z.string()), null)),
      },
    });
    const body = { customer_name: 'A', customer_email: 'a@b.example', customer_phone: '+12025550100', default_sla_hours: 1 };
    expect(withCompany.createBody.parse(body).company_name).toBeNull();
    expect(withCompany.createBody.parse({ ...body, company_name: 'Acme' }).company_name).toBe('Acme');
    expect(withCompany.createBody.safeParse({ ...body, company_name: 'x'.repeat(121) }).error?.issues[0]?.message).toBe('must be at most 120 characters');
    expect(withCompany.updateBody.parse({ company_name: 'Acme' })).toEqual({ company_name: 'Acme' });
    expect(keysOf(withCompany.object)).toContain('company_name');
    const record: RecordOf<typeof withCompany.fields> = withCompany.newRecord(withCompany.createBody.parse({ ...body, company_name: 'Acme' }), {
      tenant_id: 't', customer_id: 1, created_at: 'c', updated_at: 'u', email_key: 'a@b.example', location_count: 0, version: 1, terms: [],
    });
    expect(withCompany.toApiObject(record).company_name).toBe('Acme');
    expect(itemOf(withCompany, record).company_name).toBe('Acme');
    // The typed record and API object know the new field (a misspelling would not compile).
    const shown: string | null = withCompany.toApiObject(record).company_name;
    expect(shown).toBe('Acme');
  });

  it('read-only values sent back are compared with the current ones, field by field', () => {
    const current = locationEntity.toApiObject({ location_id: 4, geocode_status: 'geocoded', geocoded_at: '2026-01-01T00:00:00Z' });
    expect(locationEntity.readOnlyConflicts({ location_id: 4, geocoded_at: '2026-01-01T00:00:00.000Z' }, current)).toEqual([]);
    expect(locationEntity.readOnlyConflicts({ geocode_status: 'pending' }, current)).toEqual([
      { field: 'geocode_status', issue: 'is read-only and differs from the current value "geocoded"' },
    ]);
    expect(locationEntity.writableOf({ location_id: 4, location_name: 'B', geocode_status: 'pending' })).toEqual({ location_name: 'B' });
  });
});

describe('keys and items', () => {
  const customer = { tenant_id: 'acme', customer_id: 42, location_count: 2, created_at: '2026-01-15T10:00:00Z' };

  it('keeps every key format the table has always had (docs/data-model.md)', () => {
    expect(primaryKeyOf(customerEntity, customer)).toEqual({ pk: 'T#acme#C#42', sk: 'CUSTOMER' });
    expect(keyOf(customerEntity, 'gsi1', customer)).toEqual({ gsi1pk: 'T#acme#LOCATED#1', gsi1sk: '0000000042' });
    expect(keyOf(customerEntity, 'gsi1', { ...customer, location_count: 0 })).toEqual({ gsi1pk: 'T#acme#LOCATED#0', gsi1sk: '0000000042' });
    expect(keyOf(customerEntity, 'gsi2', customer)).toEqual({ gsi2pk: 'T#acme#CREATED', gsi2sk: '2026-01-15T10:00:00Z#0000000042' });
    expect(primaryKeyOf(locationEntity, { tenant_id: 'acme', customer_id: 42, location_id: 7 })).toEqual({ pk: 'T#acme#C#42', sk: 'LOCATION#0000000007' });
    expect(primaryKeyOf(emailGuardEntity, { tenant_id: 'acme', email_key: 'ops@acme.example' })).toEqual({ pk: 'T#acme#EMAIL#ops@acme.example', sk: 'EMAIL' });
    expect(primaryKeyOf(searchTermEntity, { tenant_id: 'acme', ns: 'w', value: 'river', customer_id: 42 })).toEqual({ pk: 'T#acme#TERM#w#r', sk: 'river#0000000042' });
    expect(partitionOf(searchTermEntity, 'primary', { tenant_id: 'acme', ns: 'w', value: '각도' })).toBe('T#acme#TERM#w#각');
    expect(primaryKeyOf(apiKeyEntity, { key_hash: 'ab12' })).toEqual({ pk: 'APIKEY#ab12', sk: 'APIKEY' });
    expect(keyOf(apiKeyEntity, 'gsi1', { tenant_id: 'acme', created_at: '2026-01-01T00:00:00Z', key_id: 'ab12' })).toEqual({
      gsi1pk: 'APIKEYS',
      gsi1sk: 'acme#2026-01-01T00:00:00Z#ab12',
    });
    expect(sortKeyPrefixOf(locationEntity, 'primary')).toBe('LOCATION#');
  });

  it('reads ids back from keys', () => {
    expect(lastIdOf(customerEntity, 'gsi1', 'sk', '0000000042')).toBe(42);
    expect(lastIdOf(customerEntity, 'gsi2', 'sk', '2026-01-15T10:00:00Z#0000000042')).toBe(42);
    expect(lastIdOf(customerEntity, 'primary', 'pk', 'T#acme#C#42')).toBe(42);
    expect(lastIdOf(searchTermEntity, 'primary', 'sk', 'a#b#0000000042')).toBe(42);
  });

  it('a key missing one of its fields is a bug, named', () => {
    expect(() => primaryKeyOf(locationEntity, { tenant_id: 'acme', customer_id: 1 })).toThrow('location key needs location_id');
  });

  it('every item carries its entity name and version; key-only fields stay in the keys; a record reads back without either', () => {
    const item = itemOf(searchTermEntity, { tenant_id: 'acme', ns: 'w', value: 'river', customer_id: 42 });
    expect(item).toEqual({ pk: 'T#acme#TERM#w#r', sk: 'river#0000000042', entity: 'term', entity_version: 1 });
    const guard = itemOf(emailGuardEntity, { tenant_id: 'acme', email_key: 'a@b.example', customer_id: 9 });
    expect(guard).toEqual({ pk: 'T#acme#EMAIL#a@b.example', sk: 'EMAIL', entity: 'email_guard', entity_version: 1, customer_id: 9 });
    const customerItem = itemOf(customerEntity, { ...customer, customer_name: 'A', version: 1 });
    expect(customerItem).toMatchObject({ pk: 'T#acme#C#42', gsi1pk: 'T#acme#LOCATED#1', gsi2pk: 'T#acme#CREATED', entity: 'customer', entity_version: 1 });
    expect(recordOf(customerItem)).toEqual({ ...customer, customer_name: 'A', version: 1 });
  });
});
