/**
 * Search rules (pure): which terms a customer is indexed under, and which term
 * prefixes a search word looks up. A word matches a customer when it starts
 * any word of the name, starts the e-mail address or its domain, or — digits
 * only, at least 3 — starts or ends the phone number, written with or without
 * its country code (555…, 1555…, +1555…).
 *
 * Every term and every looked-up prefix is bounded in UTF-8 bytes *after*
 * folding (folding can grow a character to 33 bytes: ﷺ), so no input can
 * build a store key past DynamoDB's limits, and a customer has a bounded
 * number of terms, so its write transaction stays far below 100 items.
 */

import type { Term, TermNamespace } from '../model/customer.js';
import { normalizePhone } from '../phone/phone.js';

export type { Term, TermNamespace };

/** What a customer is indexed by: its fields as stored (phones in E.164). */
export interface TermSource {
  name: string;
  email: string;
  phone: string;
  customerNumber?: string | null;
  /** Company, first and last names: their words share the name's budget. */
  otherNames?: (string | null | undefined)[];
  extraPhones?: string[];
  extraEmails?: string[];
}

/** Indexing more words than this per name adds cost without helping anyone find a customer. */
const maxNameWords = 16;
export const maxSearchWords = 8;
const minPhoneDigits = 3;

/**
 * A term's bytes (UTF-8, after folding). A prefix index needs only the start
 * of a word, so terms and looked-up prefixes are both cut here, at a code
 * point: every prefix that matched the whole word still matches the cut one.
 * The term's key is `{term}#{10-digit id}`, far under the 1,024-byte sort key limit.
 */
export const maxTermBytes = 100;

/** Extra phones and e-mails a customer may have (lib/model/customer.ts bounds them the same). */
const maxExtraContacts = 5;

/**
 * Terms of one customer at most: words of all its names, its number (3 forms),
 * the e-mail and its domain, each extra e-mail, the phone (national, E.164,
 * reversed) and each extra phone (national, reversed). An update's
 * transaction deletes and puts at most twice this many, with room to spare
 * under DynamoDB's 100 items.
 */
export const maxTermsPerCustomer = maxNameWords + 3 + 2 + maxExtraContacts + 3 + 2 * maxExtraContacts;

/**
 * Lowercase, strip accents, so "Café" is found by "cafe". Greek final sigma
 * becomes σ: lowercasing picks ς only at a word's end, so "ΟΔΟΣ" would not
 * otherwise start "ΟΔΟΣΑ".
 */
export function foldCase(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/ς/g, 'σ');
}

const utf8Bytes = (codePoint: number) => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4);

/** The longest start of `text` of at most `maxBytes` UTF-8 bytes, cut between code points. */
export function truncateUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const ch of text) {
    bytes += utf8Bytes(ch.codePointAt(0)!);
    if (bytes > maxBytes) break;
    end += ch.length;
  }
  return text.slice(0, end);
}

/** '#' separates a term from the customer id in the store, so it never appears in a term. */
const clean = (s: string) => s.replace(/#/g, '');

const reversed = (s: string) => [...s].reverse().join('');

function nameWords(names: string[]): string[] {
  const words = new Set<string>();
  // Split as sent, then fold: a search word is split the same way, and folding
  // can put spaces inside a word (ﷺ); its parts are then indexed like "Smith-Jones"'s.
  for (const raw of names.flatMap((name) => name.split(/\s+/))) {
    const word = clean(foldCase(raw)).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (!word) continue;
    words.add(word);
    // "Smith-Jones" is found by "jones"; "O'Brien" by "obrien".
    const parts = word.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (parts.length > 1) {
      for (const p of parts) words.add(p);
      words.add(parts.join(''));
    }
  }
  return [...words].slice(0, maxNameWords);
}

function phoneDigits(number: string): { national: string; e164: string } {
  const phone = normalizePhone(number);
  return phone ? { national: phone.national, e164: phone.e164.slice(1) } : { national: '', e164: '' };
}

export function termsOf(customer: TermSource): Term[] {
  const terms = new Map<string, Term>();
  const add = (ns: TermNamespace, raw: string) => {
    const value = truncateUtf8(raw, maxTermBytes);
    if (value) terms.set(`${ns}:${value}`, { ns, value });
  };
  const otherNames = (customer.otherNames ?? []).filter((n): n is string => Boolean(n));
  for (const word of nameWords([customer.name, ...otherNames])) add('w', word);
  if (customer.customerNumber) {
    // "C-10001" is found by "c-100", "c10001" and "10001".
    const number = clean(foldCase(customer.customerNumber.trim()));
    const parts = number.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    add('w', number);
    add('w', parts.join(''));
    if (parts.length > 1 && parts.at(-1)!.length >= minPhoneDigits) add('w', parts.at(-1)!);
  }
  const email = clean(foldCase(customer.email.trim()));
  add('w', email);
  add('w', email.slice(email.lastIndexOf('@') + 1));
  for (const extra of (customer.extraEmails ?? []).slice(0, maxExtraContacts)) add('w', clean(foldCase(extra.trim())));
  const phone = phoneDigits(customer.phone);
  add('p', phone.national);
  // With its country code too: "1555" starts +15551234567. Its end is the national number's end.
  add('p', phone.e164);
  add('r', reversed(phone.national));
  for (const extra of (customer.extraPhones ?? []).slice(0, maxExtraContacts)) {
    const digits = phoneDigits(extra);
    add('p', digits.national);
    add('r', reversed(digits.national));
  }
  return [...terms.values()];
}

/** What a customer's contact is found by (lib/model/contact.ts): its fields as stored (phones in E.164). */
export interface ContactTermSource {
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  mobile: string | null;
}

/** Words of a contact's name indexed at most: a person's name, not a document. */
const maxContactNameWords = 8;

/**
 * Terms of one contact, found by the same rules as a customer's own: name
 * words, the e-mail and its domain, each phone (national, E.164, reversed).
 * At most 8 + 2 + 6 = 16, so a contact's update transaction stays small.
 */
export const maxTermsPerContact = maxContactNameWords + 2 + 6;

export function contactTermsOf(contact: ContactTermSource): Term[] {
  const terms = new Map<string, Term>();
  const add = (ns: TermNamespace, raw: string) => {
    const value = truncateUtf8(raw, maxTermBytes);
    if (value) terms.set(`${ns}:${value}`, { ns, value });
  };
  const names = [contact.first_name, contact.last_name].filter((n): n is string => Boolean(n));
  for (const word of nameWords(names).slice(0, maxContactNameWords)) add('w', word);
  if (contact.email) {
    const email = clean(foldCase(contact.email.trim()));
    add('w', email);
    add('w', email.slice(email.lastIndexOf('@') + 1));
  }
  for (const number of [contact.phone, contact.mobile]) {
    if (!number) continue;
    const digits = phoneDigits(number);
    add('p', digits.national);
    add('p', digits.e164);
    add('r', reversed(digits.national));
  }
  return [...terms.values()];
}

/** One search word → the term prefixes any of which makes it match. */
export function prefixesOf(word: string): Term[] {
  const prefixes: Term[] = [];
  const add = (ns: TermNamespace, raw: string) => {
    const value = truncateUtf8(raw, maxTermBytes);
    if (value && !prefixes.some((p) => p.ns === ns && p.value === value)) prefixes.push({ ns, value });
  };
  // A trailing '@' is kept: "john@" must start the e-mail, not any name word starting with "john".
  add('w', clean(foldCase(word)).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}@]+$/gu, ''));
  const digits = word.replace(/[\s().\-+]/g, '');
  if (/^\d+$/.test(digits) && digits.length >= minPhoneDigits) {
    add('p', digits);
    add('r', reversed(digits));
    // Customers indexed before E.164 digits were (national number only) are still found by their whole number.
    const national = digits.length >= 10 ? normalizePhone(word)?.national : undefined;
    if (national) add('p', national);
  }
  return prefixes;
}

/**
 * Splits a search string into distinct words (all must match). Punctuation
 * standing alone ("Acme & Co", "Smith - Jones") separates words, it is not a
 * word: no term could ever match it. A symbol that folds to letters (㌖ is
 * キロメートル) is a word. The query schema caps the count at maxSearchWords.
 */
export function searchWords(search: string): string[] {
  // A whole phone number written with spaces ("+1 (555) 123-4567") is one word, not four.
  if (/\s/.test(search.trim()) && normalizePhone(search)) return [search.trim()];
  return [...new Set(search.trim().split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(foldCase(w))))];
}

/**
 * What a `search` parameter asks for:
 * - `everything`: absent or blank, no search at all;
 * - `nothing`: given, but no word could match any term (`!!!`, `-`): an empty result;
 * - `words`: the words that must all match.
 */
export type SearchFilter = { kind: 'everything' } | { kind: 'nothing' } | { kind: 'words'; words: string[] };

export function searchFilterOf(search: string | undefined): SearchFilter {
  if (search === undefined || search.trim() === '') return { kind: 'everything' };
  const words = searchWords(search);
  // Every word must match, so one word with nothing to look up matches nothing.
  if (words.length === 0 || words.some((w) => prefixesOf(w).length === 0)) return { kind: 'nothing' };
  return { kind: 'words', words };
}
