import { decodePlan, type CallingCodePlan, type CountryPlan } from './plans/calling-code-plan.js';
import { callingCodeTable } from './plans/calling-code-table.js';

export interface NormalizedPhone {
  /** E.164, e.g. +15551234567 — what the API stores and returns. */
  e164: string;
  /** National significant number, e.g. 5551234567 — what search matches. */
  national: string;
}

/**
 * Accepts E.164 and the common US formats ("(555) 123-4567", "555.123.4567",
 * "1-555-123-4567"). Numbers without a country code are read as US numbers.
 * We check that the number is *possible* (right length for its country), not
 * that its area code is assigned: placeholder numbers such as +1 555… are
 * what CRMs hold and what the contract's own examples use.
 *
 * This is libphonenumber-js's `parsePhoneNumberFromString(input, 'US')` then
 * `isPossible()`, step for step, on a table generated from its metadata
 * (./plans): the library and its 120 kB of metadata stay out of the
 * Lambda bundles. test/unit/phone-plans.test.ts compares the two on generated
 * numbers. As the library does, it reads `011` as the US international prefix
 * (`011 44 20 7946 0958` is +44…) but not `00` (`0044…` is a 10-digit US
 * number or nothing), and strips a national prefix written after the country
 * code (`+44 (0)20 7946 0958` is +442079460958).
 */
export function normalizePhone(input: string): NormalizedPhone | undefined {
  const trimmed = input.trim();
  if (!/^[+\d\s().\-]+$/.test(trimmed) || trimmed.length > maxInputLength) return undefined;
  // Like the library: from the first '+' or digit to the last digit.
  const start = trimmed.search(/[+\d]/);
  const text = start < 0 ? '' : trimmed.slice(start).replace(/\D+$/, '');
  if (!viable.test(text)) return undefined;
  const parsed = splitCallingCode(text.startsWith('+'), text.replace(/\D/g, ''));
  if (!parsed) return undefined;
  const plan = planOf(parsed.callingCode)!;
  const national = nationalNumberOf(parsed.number, plan);
  if (national.length < 2 || national.length > 17) return undefined;
  if (!lengthsFor(plan, national).includes(national.length)) return undefined;
  return { e164: `+${parsed.callingCode}${national}`, national };
}

/** Longer input the library refuses outright. */
const maxInputLength = 250;

/**
 * What the library takes for a phone number (isViablePhoneNumber), within the
 * characters we allow: two digits, or an optional leading '+' then at least
 * three digits among spaces (its whitespace: no tabs or line breaks), dots,
 * dashes and brackets.
 */
const viable = /^\d{2}$|^\+?(?:[-. \u00a0\u3000()]*\d){3,}[-. \u00a0\u3000()\d]*$/;

const plans = new Map<string, CallingCodePlan>();

function planOf(callingCode: string): CallingCodePlan | undefined {
  let plan = plans.get(callingCode);
  const { entries } = callingCodeTable();
  const entry = Object.hasOwn(entries, callingCode) ? entries[callingCode] : undefined;
  if (!plan && entry) plans.set(callingCode, (plan = decodePlan(entry)));
  return plan;
}

/** The calling code and the digits after it (extractCountryCallingCode with US as the default country). */
function splitCallingCode(plus: boolean, digits: string): { callingCode: string; number: string } | undefined {
  if (!plus) {
    const { defaultIddPrefix, defaultCallingCode } = callingCodeTable();
    const afterIdd = digits.startsWith(defaultIddPrefix) ? digits.slice(defaultIddPrefix.length) : undefined;
    // After 011, a 0 cannot begin a country code: then the whole is read as a US number.
    if (afterIdd && !afterIdd.startsWith('0')) return withPlus(afterIdd);
    return { callingCode: defaultCallingCode, number: withoutHomeCallingCode(digits) };
  }
  return withPlus(digits);
}

/** After a '+' (or 011): the first 1-3 digits that are a calling code, and something after them. */
function withPlus(digits: string): { callingCode: string; number: string } | undefined {
  if (digits.startsWith('0')) return undefined;
  for (let length = 1; length <= 3 && length <= digits.length; length++) {
    const callingCode = digits.slice(0, length);
    if (planOf(callingCode)) return digits.length > length ? { callingCode, number: digits.slice(length) } : undefined;
  }
  return undefined;
}

/**
 * "1 555 123 4567" without a '+': the leading 1 is the US calling code when only the
 * number without it fits the US pattern, or the number with it is too long.
 */
function withoutHomeCallingCode(digits: string): string {
  const { defaultCallingCode } = callingCodeTable();
  if (!digits.startsWith(defaultCallingCode)) return digits;
  const home = planOf(defaultCallingCode)!;
  const shorter = digits.slice(defaultCallingCode.length);
  const national = nationalNumberOf(digits, home);
  const fits = (n: string) => matchesEntirely(n, home.pattern!);
  if ((!fits(national) && fits(nationalNumberOf(shorter, home))) || national.length > home.lengths.at(-1)!) return shorter;
  return digits;
}

/** The national significant number: the digits after the code, less a national prefix where one belongs (extractNationalNumber). */
function nationalNumberOf(number: string, plan: CallingCodePlan): string {
  if (!plan.prefix) return number;
  const prefix = new RegExp(`^(?:${plan.prefix})`);
  const match = prefix.exec(number);
  if (!match) return number;
  const captured = match.length > 1 && match[match.length - 1];
  const national = plan.transform && captured ? number.replace(prefix, plan.transform) : number.slice(match[0].length);
  if (national === number) return number;
  // Keep the prefix when only the number with it is a valid one, or when what remains cannot be a number.
  if (plan.pattern && matchesEntirely(number, plan.pattern) && !matchesEntirely(national, plan.pattern)) return number;
  const lengths = lengthsFor(plan, national);
  const length = national.length;
  if (length < lengths[0]! || (!lengths.includes(length) && length <= lengths.at(-1)!)) return number;
  return national;
}

/** The possible lengths for this national number: those of the country that claims it, else the main country's. */
function lengthsFor(plan: CallingCodePlan, national: string): readonly number[] {
  for (const country of plan.countries ?? []) {
    if (country.leadingDigits ? national !== '' && national.search(new RegExp(country.leadingDigits)) === 0 : isValidFor(country.valid!, national)) return country.lengths;
  }
  return plan.lengths;
}

function isValidFor(valid: NonNullable<CountryPlan['valid']>, national: string): boolean {
  return matchesEntirely(national, valid.pattern) && valid.types.some(([pattern, lengths]) => lengths.includes(national.length) && matchesEntirely(national, pattern));
}

function matchesEntirely(text: string, pattern: string): boolean {
  return new RegExp(`^(?:${pattern})$`).test(text);
}
