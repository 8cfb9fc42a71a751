/**
 * Search rules (pure): which terms a customer is indexed under, and which term
 * prefixes a search word looks up. A word matches a customer when it starts
 * any word of the name, starts the e-mail address or its domain, or — digits
 * only, at least 3 — starts or ends the phone's national number. A whole
 * phone number as the API shows it (+15551234567) finds its customer too.
 */

import { normalizePhone } from './phone.js';

/** Term namespaces: `w` words of name/e-mail/domain, `p` phone digits, `r` phone digits reversed (for "ends with"). */
export type TermNamespace = 'w' | 'p' | 'r';

export interface Term {
  ns: TermNamespace;
  value: string;
}

/** Indexing more words than this per name adds cost without helping anyone find a customer. */
const maxNameWords = 16;
export const maxSearchWords = 8;
const minPhoneDigits = 3;

/** Lowercase, strip accents, so "Café" is found by "cafe". */
export function foldCase(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** '#' separates a term from the customer id in the store, so it never appears in a term. */
const clean = (s: string) => s.replace(/#/g, '');

function nameWords(name: string): string[] {
  const words = new Set<string>();
  for (const raw of foldCase(name).split(/\s+/)) {
    const word = clean(raw).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
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

export function termsOf(customer: { name: string; email: string; phoneNational: string }): Term[] {
  const terms = new Map<string, Term>();
  const add = (ns: TermNamespace, value: string) => {
    if (value) terms.set(`${ns}:${value}`, { ns, value });
  };
  for (const word of nameWords(customer.name)) add('w', word);
  const email = clean(foldCase(customer.email.trim()));
  add('w', email);
  add('w', email.slice(email.lastIndexOf('@') + 1));
  add('p', customer.phoneNational);
  add('r', [...customer.phoneNational].reverse().join(''));
  return [...terms.values()];
}

/** One search word → the term prefixes any of which makes it match. */
export function prefixesOf(word: string): Term[] {
  // A trailing '@' is kept: "john@" must start the e-mail, not any name word starting with "john".
  const folded = clean(foldCase(word)).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}@]+$/gu, '');
  const prefixes: Term[] = [];
  if (folded) prefixes.push({ ns: 'w', value: folded });
  const digits = word.replace(/[\s().\-+]/g, '');
  if (/^\d+$/.test(digits) && digits.length >= minPhoneDigits) {
    prefixes.push({ ns: 'p', value: digits }, { ns: 'r', value: [...digits].reverse().join('') });
    // A whole number with its country code ("+15551234567", as the API returns it) finds its customer by the national number.
    const national = digits.length >= 10 ? normalizePhone(word)?.national : undefined;
    if (national && national !== digits) prefixes.push({ ns: 'p', value: national });
  }
  return prefixes;
}

/**
 * Splits a search string into distinct words (all must match). Punctuation
 * standing alone ("Acme & Co", "Smith - Jones") separates words, it is not a
 * word: no term could ever match it. The query schema caps the count at maxSearchWords.
 */
export function searchWords(search: string): string[] {
  // A whole phone number written with spaces ("+1 (555) 123-4567") is one word, not four.
  if (/\s/.test(search.trim()) && normalizePhone(search)) return [search.trim()];
  return [...new Set(search.trim().split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)))];
}
