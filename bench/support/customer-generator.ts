import type { NewCustomerInput } from '../../lib/model/customer.js';

/**
 * Deterministic, realistic customers for the scaling bench. Customer #i is a
 * pure function of i, so a tenant grown from 1k to 100k keeps its first 1k,
 * and the share of customers carrying each known search word is fixed by
 * construction — the expected match counts are computed here, independently
 * of the search code they check.
 */

/** mulberry32: a tiny seeded PRNG (uniform in [0,1)). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const firstNames = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
  'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen',
  'Christopher', 'Lisa', 'Daniel', 'Nancy', 'Matthew', 'Betty', 'Anthony', 'Sandra', 'Mark', 'Ashley',
  'Donald', 'Kimberly', 'Steven', 'Emily', 'Andrew', 'Donna', 'Paul', 'Michelle', 'Joshua', 'Carol',
  'Kenneth', 'Amanda', 'Kevin', 'Melissa', 'Brian', 'Deborah', 'George', 'Stephanie', 'Timothy', 'Rebecca',
];
/** 'Garcia' is one of 50, drawn uniformly: about 2% of people. */
const lastNames = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
  'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores',
  'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts',
];
const trades = ['Plumbing', 'Electric', 'Pool Care', 'Cleaning', 'Roofing', 'Landscaping', 'Pest Control', 'Appliance Repair'];
const suffixes = ['LLC', 'Inc', 'Co', '& Sons', 'Services', 'Group'];
const freeMail = ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'proton.me'];
/** Area codes; none starts with the digits of `knownWords.phoneDigits` except 512 itself. */
const areaCodes = ['206', '212', '303', '305', '312', '404', '415', '602', '617', '702', '713', '214', '720', '919', '971'];

/** The known words and how the generator places them. */
export const knownWords = {
  /** A surname given to exactly 20 customers, all among the first 1,000: matches stay 20 at every size. */
  selective: 'Quillfeather',
  /** In the name of every 10th customer (an HVAC business): 10% of the tenant. */
  common: 'HVAC',
  /** Two words that must both match: a first name given to every 50th customer, and a surname drawn for ~2% of people. */
  twoWords: ['Maria', 'Garcia'] as const,
  /** Area code of every 20th customer (5%); other numbers may also end with these digits. */
  phoneDigits: '512',
};

/** Tags (issue 10): one on 30% of customers, one on exactly 30, all among the first 900, so it holds 30 at every size. */
export const knownTags = { wide: 'service plan', narrow: 'key account' } as const;
const hasWideTag = (i: number) => i % 10 < 3;
const hasNarrowTag = (i: number) => i <= 900 && i % 30 === 7;

const isSelective = (i: number) => i <= 1000 && i % 50 === 25;
const isHvac = (i: number) => i % 10 === 0;
const isMaria = (i: number) => i % 50 === 1;
const hasArea512 = (i: number) => i % 20 === 5;

export interface GeneratedCustomer {
  input: NewCustomerInput;
  /** Which known searches this customer must match (by construction, not by the search code). */
  matches: { selective: boolean; common: boolean; twoWords: boolean; phoneDigits: boolean; wideTag: boolean; narrowTag: boolean };
}

export function generateCustomer(i: number): GeneratedCustomer {
  const rand = prng(0x5eed0000 ^ Math.imul(i, 2654435761));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const first = isMaria(i) ? 'Maria' : pick(firstNames);
  const last = isSelective(i) ? knownWords.selective : pick(lastNames);
  let name: string;
  let email: string;
  if (isHvac(i)) {
    name = `${last} HVAC ${pick(suffixes)}`;
    email = `office${i}@${last.toLowerCase()}-hvac.com`;
  } else if (i % 7 === 3) {
    const trade = pick(trades);
    name = `${last} ${trade} ${pick(suffixes)}`;
    email = `info${i}@${last.toLowerCase()}${trade.toLowerCase().replace(/[^a-z]/g, '')}.com`;
  } else {
    name = `${first} ${last}`;
    email = `${first.toLowerCase()}.${last.toLowerCase()}${i}@${pick(freeMail)}`;
  }
  let area = pick(areaCodes);
  if (hasArea512(i)) area = knownWords.phoneDigits;
  const exchange = String(200 + Math.floor(rand() * 700)).replace(/^555$/, '556');
  const line = String(Math.floor(rand() * 10000)).padStart(4, '0');
  const national = `${area}${exchange}${line}`;
  const taxExempt = rand() < 0.05;
  // Seeding assigns numbers as a fresh tenant's sequence does: customer #i is C-{10000 + i} (bench/support/seeding.ts).
  const matches = (word: string) => wordMatches(word.toLowerCase(), name, email, national, `C-${10_000 + i}`);
  return {
    input: {
      customer_name: name,
      customer_email: email,
      // The use-case takes validated input: the schema has already turned the phone into E.164.
      customer_phone: `+1${national}`,
      default_sla_hours: pick([4, 8, 24, 48, 72]),
      tax_exempt: taxExempt,
      tax_exemption_reason: taxExempt ? 'Non-profit organization' : null,
      tags: [...(hasWideTag(i) ? [knownTags.wide] : []), ...(hasNarrowTag(i) ? [knownTags.narrow] : [])],
    },
    matches: {
      selective: matches(knownWords.selective),
      common: matches(knownWords.common),
      twoWords: knownWords.twoWords.every(matches),
      phoneDigits: matches(knownWords.phoneDigits),
      wideTag: hasWideTag(i),
      narrowTag: hasNarrowTag(i),
    },
  };
}

/**
 * The search rule, restated plainly for these ASCII names: a word
 * matches when it starts a word of the name, the e-mail or its domain, the
 * customer number (as written, without its dash, or its digits: "c-100",
 * "c100", "100"), or (3+ digits) starts or ends the national phone number.
 */
function wordMatches(word: string, name: string, email: string, national: string, customerNumber: string): boolean {
  const lower = email.toLowerCase();
  const number = customerNumber.toLowerCase();
  if ([number, number.replace('-', ''), number.slice(number.indexOf('-') + 1)].some((form) => form.startsWith(word))) return true;
  if (name.toLowerCase().split(/\s+/).some((w) => w.startsWith(word))) return true;
  if (lower.startsWith(word) || lower.slice(lower.indexOf('@') + 1).startsWith(word)) return true;
  return /^\d{3,}$/.test(word) && (national.startsWith(word) || national.endsWith(word));
}
