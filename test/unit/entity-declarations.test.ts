import '../../lib/model/customer-schemas.js';
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

const richerCustomerFields = [
  'customer_number', 'customer_type', 'status', 'first_name', 'last_name', 'company_name', 'display_as_company', 'is_lead', 'lead_source',
  'billing_address', 'payment_terms', 'tax_id', 'website', 'account_credit', 'notes', 'phones', 'emails', 'custom_fields', 'tags',
];

describe('derived schemas', () => {
  it('the customer object lists the visible fields in declaration (seed) order, and nothing internal', () => {
    // Seed 000's nine first, in its order; issue 9's after them.
    expect(keysOf(customerEntity.object)).toEqual([
      'customer_id', 'customer_name', 'customer_email', 'customer_phone', 'default_sla_hours',
      'tax_exempt', 'tax_exemption_reason', 'created_at', 'updated_at',
      ...richerCustomerFields, 'deleted_at',
    ]);
    expect(keysOf(locationEntity.object)).toEqual([
      'location_id', 'location_name', 'address_street', 'address_city', 'address_state', 'address_zip', 'latitude', 'longitude',
      'is_primary', 'created_at', 'updated_at', 'geocode_status', 'geocode_precision', 'geocode_source', 'geocoded_at',
    ]);
  });

  it('create bodies take the writable fields; update bodies take those and the read-only ones', () => {
    expect(keysOf(customerEntity.createBody)).toEqual([
      'customer_name', 'customer_email', 'customer_phone', 'default_sla_hours', 'tax_exempt', 'tax_exemption_reason', ...richerCustomerFields,
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
      { tenant_id: 't', customer_id: 7, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', deleted_at: null, email_key: 'a@b.example', location_count: 0, version: 1, terms: [] },
    );
    // A record written before issue 9's fields: they show as their create defaults (null where declared).
    const { tax_exemption_reason: _dropped, customer_number: _n, status: _s, phones: _p, custom_fields: _c, deleted_at: _d, ...old } = record;
    expect(customerEntity.toApiObject(old)).toEqual({
      customer_id: 7, customer_name: 'A', customer_email: 'a@b.example', customer_phone: '+12025550100', default_sla_hours: 1,
      tax_exempt: false, tax_exemption_reason: null, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z',
      customer_number: null, customer_type: 'residential', status: 'active', first_name: null, last_name: null, company_name: null,
      display_as_company: false, is_lead: false, lead_source: null, billing_address: null, payment_terms: null, tax_id: null,
      website: null, account_credit: 0, notes: null, phones: [], emails: [], custom_fields: {}, tags: [], deleted_at: null,
    });
    expect(Object.keys(customerEntity.toApiObject(old)).slice(0, 9)).toEqual([
      'customer_id', 'customer_name', 'customer_email', 'customer_phone', 'default_sla_hours', 'tax_exempt', 'tax_exemption_reason', 'created_at', 'updated_at',
    ]);
  });

  it('adding a field is one entry in the declaration: bodies, object, API object and record all carry it', () => {
    // The steps of docs/architecture.md "Adding a customer field", done on a copy of the declaration.
    const withBranch = defineEntity({
      ...customerEntity,
      fields: {
        ...customerEntity.fields,
        branch: absentAsNull(field.writableWithDefault(z.nullable(z.string().check(z.maxLength(120, 'must be at most 120 characters'))), z.nullable(z.string()), null)),
      },
    });
    const body = { customer_name: 'A', customer_email: 'a@b.example', customer_phone: '+12025550100', default_sla_hours: 1 };
    expect(withBranch.createBody.parse(body).branch).toBeNull();
    expect(withBranch.createBody.parse({ ...body, branch: 'North' }).branch).toBe('North');
    expect(withBranch.createBody.safeParse({ ...body, branch: 'x'.repeat(121) }).error?.issues[0]?.message).toBe('must be at most 120 characters');
    expect(withBranch.updateBody.parse({ branch: 'North' })).toEqual({ branch: 'North' });
    expect(keysOf(withBranch.object)).toContain('branch');
    const record: RecordOf<typeof withBranch.fields> = withBranch.newRecord(withBranch.createBody.parse({ ...body, branch: 'North' }), {
      tenant_id: 't', customer_id: 1, created_at: 'c', updated_at: 'u', deleted_at: null, email_key: 'a@b.example', location_count: 0, version: 1, terms: [],
    });
    expect(withBranch.toApiObject(record).branch).toBe('North');
    expect(itemOf(withBranch, record).branch).toBe('North');
    // The typed record and API object know the new field (a misspelling would not compile).
    const shown: string | null = withBranch.toApiObject(record).branch;
    expect(shown).toBe('North');
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
  const customer = { tenant_id: 'acme', customer_id: 42, location_count: 2, created_at: '2026-01-15T10:00:00Z', status: 'active' };

  it('keeps every key format the table has always had (docs/data-model.md)', () => {
    expect(primaryKeyOf(customerEntity, customer)).toEqual({ pk: 'T#acme#C#42', sk: 'CUSTOMER' });
    expect(keyOf(customerEntity, 'gsi1', customer)).toEqual({ gsi1pk: 'T#acme#LOCATED#1', gsi1sk: '0000000042' });
    expect(keyOf(customerEntity, 'gsi1', { ...customer, location_count: 0 })).toEqual({ gsi1pk: 'T#acme#LOCATED#0', gsi1sk: '0000000042' });
    expect(keyOf(customerEntity, 'gsi2', customer)).toEqual({ gsi2pk: 'T#acme#CREATED', gsi2sk: '2026-01-15T10:00:00Z#0000000042' });
    expect(keyOf(customerEntity, 'gsi3', customer)).toEqual({ gsi3pk: 'T#acme#STATUS#active', gsi3sk: '0000000042' });
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
    expect(customerItem).toMatchObject({ pk: 'T#acme#C#42', gsi1pk: 'T#acme#LOCATED#1', gsi2pk: 'T#acme#CREATED', gsi3pk: 'T#acme#STATUS#active', entity: 'customer', entity_version: 1 });
    // A trashed customer leaves every list index (sparse indexes): only its table keys remain.
    const trashed = itemOf(customerEntity, { ...customer, customer_name: 'A', version: 2, deleted_at: '2026-02-01T00:00:00Z' });
    expect(Object.keys(trashed).filter((k) => k.startsWith('gsi'))).toEqual([]);
    expect(trashed).toMatchObject({ pk: 'T#acme#C#42', sk: 'CUSTOMER' });
    expect(recordOf(customerItem)).toEqual({ ...customer, customer_name: 'A', version: 1 });
  });
});
