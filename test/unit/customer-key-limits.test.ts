import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCustomerBody, maxRecordId } from '../../lib/customers/schema.js';
import { listCustomersQuery } from '../../lib/customers/list-query.js';
import { maxSearchWords, maxTermBytes, maxTermsPerCustomer, prefixesOf, searchWords, termsOf } from '../../lib/customers/search-terms.js';
import { emailGuardKeys, numberGuardKeys, searchTermKeys } from '../../lib/store/keys.js';

/**
 * Property: whatever the customer schemas accept, the store keys built from
 * it stay inside DynamoDB's limits (partition key 2,048 bytes, sort key 1,024
 * bytes) and a customer's write transaction inside 100 items. Issue 7: folding
 * for the search index grew 113 × 각 past the sort key limit (500).
 */

const dynamo = { partitionKeyBytes: 2048, sortKeyBytes: 1024, transactionItems: 100 };
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
/** The longest tenant id the key CLI allows (lib/api-keys: 63 characters). */
const tenant = `t${'x'.repeat(62)}`;

/** Characters that grow most when folded or lowercased, the key separator, spaces and punctuation, then anything. */
const hostileChar = fc.oneof(
  fc.constantFrom('각', '㌖', '\uFDFA', '\uFDFB', 'İ', 'ß', 'ﬃ', '\u00A8', 'Σ', '#', '@', '-', "'", ' ', '\u3000', '5', '+'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
);
const hostileText = (maxLength: number) => fc.string({ unit: hostileChar, maxLength });

const valid = { customer_name: 'A', customer_email: 'a@b.co', customer_phone: '+15551234567', default_sla_hours: 1 };

/** Bodies the create schema accepts, with hostile names, reasons, e-mails and phones. */
const acceptedBody = fc
  .record({
    customer_name: fc.oneof(hostileText(300), fc.constantFrom('각'.repeat(255), '㌖'.repeat(255), '\uFDFA'.repeat(255))),
    customer_email: fc.oneof(fc.emailAddress(), fc.constant(`${'A'.repeat(64)}@${'B'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}`), hostileText(60)),
    customer_phone: fc.oneof(fc.constantFrom('+15551234567', '+442079460958', '(555) 123-4567', '+8613812345678'), fc.stringMatching(/^\+[1-9]\d{6,14}$/)),
    tax_exemption_reason: fc.option(hostileText(300)),
    // Issue 9's fields that become keys or terms: the number (its guard and terms), names, extra phones and e-mails.
    customer_number: fc.oneof(fc.constantFrom('C-10001', `${'Z'.repeat(20)}-${'9'.repeat(19)}`, 'a b.c/d_e-f'), hostileText(60)),
    company_name: fc.option(fc.oneof(hostileText(300), fc.constant('각'.repeat(255)))),
    first_name: fc.option(hostileText(120)),
    last_name: fc.option(hostileText(120)),
    phones: fc.array(fc.record({ number: fc.stringMatching(/^\+[1-9]\d{6,14}$/) }), { maxLength: 5 }),
    emails: fc.uniqueArray(
      fc.record({ address: fc.oneof(fc.nat(9999).map((n) => `extra${n}@x${n}.example`), fc.constant(`${'E'.repeat(64)}@${'F'.repeat(63)}.${'g'.repeat(63)}.${'h'.repeat(57)}`)) }),
      { maxLength: 5, selector: (e) => e.address.toLowerCase() },
    ),
  })
  .map((b) => createCustomerBody.safeParse({ ...valid, ...b }))
  .filter((r) => r.success)
  .map((r) => r.data!);

/** The terms an accepted body is indexed under (what lib/customers/customers.ts passes to termsOf). */
const termsOfBody = (c: typeof createCustomerBody._zod.output) =>
  termsOf({
    name: c.customer_name,
    email: c.customer_email,
    phone: c.customer_phone,
    customerNumber: c.customer_number,
    otherNames: [c.company_name, c.first_name, c.last_name],
    extraPhones: c.phones.map((p) => p.number),
    extraEmails: c.emails.map((e) => e.address),
  });

describe('store keys built from accepted customers', () => {
  it('stay inside DynamoDB key and transaction limits', () => {
    fc.assert(
      fc.property(acceptedBody, (c) => {
        const terms = termsOfBody(c);
        expect(terms.length).toBeLessThanOrEqual(maxTermsPerCustomer);
        for (const t of terms) {
          const key = searchTermKeys.term(tenant, t.ns, t.value, maxRecordId);
          expect(bytes(t.value)).toBeLessThanOrEqual(maxTermBytes);
          expect(bytes(key.sk)).toBeLessThanOrEqual(dynamo.sortKeyBytes);
          expect(bytes(key.pk)).toBeLessThanOrEqual(dynamo.partitionKeyBytes);
        }
        // The e-mail and number guards hold the lowercased e-mail and number in their partition keys.
        const guard = emailGuardKeys.guard(tenant, c.customer_email.trim().toLowerCase());
        expect(bytes(guard.pk)).toBeLessThanOrEqual(dynamo.partitionKeyBytes);
        if (c.customer_number) expect(bytes(numberGuardKeys.guard(tenant, c.customer_number.toLowerCase()).pk)).toBeLessThanOrEqual(dynamo.partitionKeyBytes);
        // Create: customer + 2 guards + tally + terms. Update: customer + 2 guards moved (4) + tally + every old term out, every new one in.
        expect(4 + terms.length).toBeLessThanOrEqual(dynamo.transactionItems);
        expect(6 + 2 * maxTermsPerCustomer).toBeLessThanOrEqual(dynamo.transactionItems);
      }),
      { numRuns: 400, seed: 7 },
    );
  });

  it('look up searches the query schema accepts with prefixes inside the key limits', () => {
    const acceptedSearch = fc
      .oneof(hostileText(220), fc.constantFrom('각'.repeat(114), '㌖'.repeat(200), '1'.repeat(200), `+1 ${'5'.repeat(190)}`))
      .filter((search) => listCustomersQuery.safeParse({ search }).success);
    fc.assert(
      fc.property(acceptedSearch, (search) => {
        const words = searchWords(search);
        expect(words.length).toBeLessThanOrEqual(maxSearchWords);
        for (const word of words) {
          for (const p of prefixesOf(word)) {
            expect(bytes(p.value)).toBeLessThanOrEqual(maxTermBytes);
            const key = searchTermKeys.term(tenant, p.ns, p.value, 0);
            expect(bytes(key.pk)).toBeLessThanOrEqual(dynamo.partitionKeyBytes);
            expect(bytes(p.value)).toBeLessThanOrEqual(dynamo.sortKeyBytes);
          }
        }
      }),
      { numRuns: 400, seed: 7 },
    );
  });
});

describe('cutting terms to bytes keeps search exact', () => {
  it('finds a customer by any start of the first word of its name, however long that word folds', () => {
    fc.assert(
      fc.property(acceptedBody, fc.nat(), (c, cut) => {
        const first = c.customer_name.split(/\s+/)[0]!;
        fc.pre(!first.includes('@'));
        const codePoints = [...first];
        const prefix = codePoints.slice(0, 1 + (cut % codePoints.length)).join('');
        const wordPrefix = prefixesOf(prefix).find((p) => p.ns === 'w');
        fc.pre(wordPrefix !== undefined);
        const terms = termsOfBody(c);
        expect(terms.some((t) => t.ns === 'w' && t.value.startsWith(wordPrefix!.value))).toBe(true);
      }),
      { numRuns: 400, seed: 7 },
    );
  });
});
