/**
 * The customer's bounds and enumerations: shared by its declaration
 * (./customer.ts), its schemas (./customer-schemas.ts) and the list query,
 * without any of them importing the others' code.
 *
 * Stored-size limits: lengths count UTF-16 units, so a stored string is at
 * most 3 bytes per unit (a name ≤ 765 bytes).
 */
export const customerLimits = {
  name: 255,
  email: 254,
  /** E.164: '+' and at most 15 digits. */
  e164: 16,
  phoneInput: 40,
  reason: 255,
  slaHours: 8760,
  /** Stored timestamps: 2026-01-15T10:00:00Z. */
  instant: 20,
  customerNumber: 40,
  personName: 100,
  leadSource: 100,
  taxId: 40,
  website: 255,
  notes: 5000,
  /** Dollars and cents, at most 2 decimal places. */
  accountCredit: 99_999_999.99,
  extraPhones: 5,
  extraEmails: 5,
  customFields: 25,
  customFieldKey: 40,
  customFieldValue: 500,
} as const;

export const customerTypes = ['residential', 'commercial'] as const;
export const customerStatuses = ['active', 'inactive'] as const;
export type CustomerStatus = (typeof customerStatuses)[number];
export const paymentTerms = ['due_on_receipt', 'net15', 'net30', 'net60'] as const;
export const phoneLabels = ['mobile', 'home', 'work', 'fax', 'other'] as const;
export const emailLabels = ['personal', 'work', 'billing', 'other'] as const;
