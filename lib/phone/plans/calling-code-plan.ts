/**
 * What the phone normalizer (../phone.ts) knows of one country calling code:
 * the part of libphonenumber-js's metadata that parsing a number and checking
 * that it is *possible* read. ./generate.ts writes it, in the compact entry
 * form below, to ./calling-code-plans.json.
 */
export interface CallingCodePlan {
  /** Possible national-number lengths of the code's main country (US for 1, GB for 44). */
  lengths: readonly number[];
  /** National (trunk) prefix, a regular expression source such as '0', stripped after the code. */
  prefix?: string;
  /**
   * The main country's national number pattern: a prefix is kept when only the number with it
   * matches. Absent where no number starting with the prefix can match it (./first-digits.ts).
   */
  pattern?: string;
  /** Replacement for a prefix match that captured digits (libphonenumber's national prefix transform rule). */
  transform?: string;
  /**
   * Only for codes whose countries differ in possible lengths (1, 44, 61, 290, 599): the countries,
   * in libphonenumber's order, that can claim a number; the first that does gives its lengths.
   */
  countries?: readonly CountryPlan[];
}

export interface CountryPlan {
  lengths: readonly number[];
  /** Claims a national number starting with this (a regular expression source)… */
  leadingDigits?: string;
  /** …or, without leading digits, one that matches `pattern` and one of `types` (of one of its lengths). */
  valid?: { pattern: string; types: readonly (readonly [pattern: string, lengths: readonly number[]])[] };
}

/** Compact form: [lengths "7,9,10", prefix, pattern, transform, countries]; 0 for absent. */
export type CallingCodeEntry = readonly [lengths: string, prefix?: string | 0, pattern?: string | 0, transform?: string | 0, countries?: readonly CountryEntry[]];
/** [lengths, leading digits or 0, validity pattern, ...[type pattern, type lengths]] */
export type CountryEntry = readonly [lengths: string, leadingDigits: string | 0, pattern?: string, ...types: (readonly [string, string])[]];

const lengthsOf = (list: string) => list.split(',').map(Number);

export function encodePlan(plan: CallingCodePlan): CallingCodeEntry {
  const entry: (string | 0 | CountryEntry[])[] = [plan.lengths.join(), plan.prefix ?? 0, plan.pattern ?? 0, plan.transform ?? 0];
  if (plan.countries) {
    entry.push(
      plan.countries.map((c): CountryEntry => {
        const head = [c.lengths.join(), c.leadingDigits ?? 0] as const;
        return c.valid ? [...head, c.valid.pattern, ...c.valid.types.map(([p, l]) => [p, l.join()] as const)] : head;
      }),
    );
  }
  while (entry.length > 1 && entry.at(-1) === 0) entry.pop();
  return entry as unknown as CallingCodeEntry;
}

export function decodePlan([lengths, prefix, pattern, transform, countries]: CallingCodeEntry): CallingCodePlan {
  const plan: CallingCodePlan = { lengths: lengthsOf(lengths) };
  if (prefix) plan.prefix = prefix;
  if (pattern) plan.pattern = pattern;
  if (transform) plan.transform = transform;
  if (countries) {
    plan.countries = countries.map(([lengths, leadingDigits, pattern, ...types]) => ({
      lengths: lengthsOf(lengths),
      ...(leadingDigits ? { leadingDigits } : {}),
      ...(pattern !== undefined ? { valid: { pattern, types: types.map(([p, l]) => [p, lengthsOf(l)] as const) } } : {}),
    }));
  }
  return plan;
}
