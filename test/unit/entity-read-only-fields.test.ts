import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../lib/errors.js';
import { customerEntity } from '../../lib/model/customer.js';

/** The read-only rules every declared entity derives (lib/model/entity.ts), exercised on the customer. */
const readOnlyFieldConflicts = customerEntity.readOnlyConflicts;
const assertReadOnlyFieldsUnchanged = customerEntity.assertReadOnlyUnchanged;
const writableFieldsOf = customerEntity.writableOf;

const stored = { customer_id: 201, created_at: '2026-01-15T10:00:00Z', updated_at: '2026-02-20T08:30:00Z' };

describe('readOnlyFieldConflicts', () => {
  it('accepts the values GET returned, and fields not sent', () => {
    expect(readOnlyFieldConflicts({ ...stored }, stored)).toEqual([]);
    expect(readOnlyFieldConflicts({}, stored)).toEqual([]);
    expect(readOnlyFieldConflicts({ customer_id: 201 }, stored)).toEqual([]);
  });

  it.each([
    '2026-01-15T10:00:00.000Z',
    '2026-01-15T10:00:00.000000000Z',
    '2026-01-15T10:00:00+00:00',
    '2026-01-15T11:00:00+01:00',
    '2026-01-15T05:00:00-0500',
    '2026-01-15t10:00:00z',
  ])('accepts the same instant written another way: %s', (createdAt) => {
    expect(readOnlyFieldConflicts({ created_at: createdAt }, stored)).toEqual([]);
  });

  it.each([
    '2026-01-15T10:00:01Z',
    '2026-01-15T10:00:00.001Z',
    '2026-01-15T10:00:00.0000001Z',
    '2026-01-15T10:00:00',
    '2026-01-15',
    '2026-01-15 10:00:00Z',
    '2026-01-15T10:00:60Z',
    '2026-02-30T10:00:00Z',
    '',
    'yesterday',
  ])('refuses created_at = %j', (createdAt) => {
    expect(readOnlyFieldConflicts({ created_at: createdAt }, stored)).toEqual([
      { field: 'created_at', issue: 'is read-only and differs from the current value \"2026-01-15T10:00:00Z\"' },
    ]);
  });

  it('does not roll an impossible date into a real one (Date.parse reads 2026-02-30 as March 2)', () => {
    const march = { ...stored, created_at: '2026-03-02T00:00:00Z' };
    expect(readOnlyFieldConflicts({ created_at: '2026-02-30T00:00:00Z' }, march)).toHaveLength(1);
  });

  it('names every field that differs, in the object order', () => {
    expect(readOnlyFieldConflicts({ updated_at: '2020-01-01T00:00:00Z', customer_id: 202, created_at: stored.created_at }, stored).map((d) => d.field)).toEqual([
      'customer_id',
      'updated_at',
    ]);
    expect(readOnlyFieldConflicts({ customer_id: '201' }, stored)).toEqual([
      { field: 'customer_id', issue: 'is read-only and differs from the current value 201' },
    ]);
  });
});

describe('assertReadOnlyFieldsUnchanged', () => {
  it('throws validation_failed with the conflicts as details', () => {
    expect(() => assertReadOnlyFieldsUnchanged({ ...stored }, stored)).not.toThrow();
    let error: unknown;
    try {
      assertReadOnlyFieldsUnchanged({ customer_id: 5 }, stored);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      code: 'validation_failed',
      message: 'Invalid request: customer_id is read-only and differs from the current value 201',
      details: [{ field: 'customer_id', issue: 'is read-only and differs from the current value 201' }],
    });
  });
});

describe('writableFieldsOf', () => {
  it('drops the read-only fields and keeps the rest as sent', () => {
    expect(writableFieldsOf({ ...stored, customer_name: 'Acme', tax_exemption_reason: null })).toEqual({
      customer_name: 'Acme',
      tax_exemption_reason: null,
    });
  });
});
