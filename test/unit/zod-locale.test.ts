import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { createCustomerBody } from '../../lib/customers/schema.js';
import { createLocationBody } from '../../lib/locations/schema.js';
import { englishIssueText } from '../../lib/zod-locale.js';

// This file must not import zod classic (directly or through lib/openapi): classic loads the English locale on import and would hide a missing one.
const valid = { customer_name: 'Acme', customer_email: 'ops@acme.example', customer_phone: '+15551234567', default_sla_hours: 24 };

describe('issue texts without zod classic', () => {
  it('keeps our own texts', () => {
    const result = z.safeParse(createCustomerBody, { ...valid, customer_name: 'x'.repeat(256), default_sla_hours: 1.5, tax_exempt: 'yes' });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['customer_name', 'must be at most 255 characters'],
      ['default_sla_hours', 'must be an integer'],
      ['tax_exempt', 'must be true or false'],
    ]);
  });

  it('answers with zod English texts, not a bare "Invalid input", where a schema names none', () => {
    const customer = z.safeParse(createCustomerBody, { ...valid, customer_name: 123 });
    expect(customer.error?.issues.map((i) => i.message)).toEqual(['Invalid input: expected string, received number']);
    const location = z.safeParse(createLocationBody, { location_name: 'HQ', address_street: '1 Main St', address_city: 'Dallas', address_state: 'TX', address_zip: '75201', extra: 1 });
    expect(location.error?.issues.map((i) => i.message)).toEqual(['Unrecognized key: "extra"']);
  });

  it('reports a phone number it cannot read with its own text', () => {
    const result = z.safeParse(createCustomerBody, { ...valid, customer_phone: 'call me' });
    expect(result.error?.issues).toMatchObject([
      { path: ['customer_phone'], code: 'custom', message: 'must be a phone number in E.164 (+15551234567) or a common US format' },
    ]);
  });
});

describe('the English texts, written out (lib/zod-locale.ts)', () => {
  it('read exactly as zod\'s own English locale for every issue code our schemas can raise', async () => {
    const { default: en } = await import('zod/v4/locales/en.js');
    const zodText = en().localeError as (issue: unknown) => string;
    const issues = [
      { code: 'invalid_type', expected: 'string', input: 5 },
      { code: 'invalid_type', expected: 'number', input: 'x' },
      { code: 'invalid_type', expected: 'object', input: null },
      { code: 'invalid_type', expected: 'object', input: [] },
      { code: 'invalid_type', expected: 'boolean', input: undefined },
      { code: 'invalid_value', values: ['locations'] },
      { code: 'invalid_value', values: ['1', '0'] },
      { code: 'too_big', origin: 'string', maximum: 255, inclusive: true },
      { code: 'too_big', origin: 'number', maximum: 90, inclusive: true },
      { code: 'too_small', origin: 'string', minimum: 1, inclusive: true },
      { code: 'too_small', origin: 'array', minimum: 2, exact: true },
      { code: 'too_small', origin: 'number', minimum: 0, inclusive: false },
      { code: 'invalid_format', format: 'email' },
      { code: 'unrecognized_keys', keys: ['extra'] },
      { code: 'unrecognized_keys', keys: ['a', 'b'] },
      { code: 'custom' },
    ];
    for (const issue of issues) expect(englishIssueText(issue), JSON.stringify(issue)).toBe(zodText(issue));
  });
});
