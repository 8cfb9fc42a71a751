/** A contact's bounds and roles: shared by its declaration (./contact.ts) and its schemas (./contact-schemas.ts) without either importing the other's code. */

export const contactRoles = ['billing', 'site', 'decision_maker', 'other'] as const;
export type ContactRole = (typeof contactRoles)[number];

export const contactLimits = {
  name: 100,
  title: 100,
  email: 254,
  e164: 16,
  phoneInput: 40,
  notes: 2000,
  instant: 20,
  /** Per customer: a GET with include=contacts embeds them all, in one bounded Query. */
  perCustomer: 50,
} as const;
