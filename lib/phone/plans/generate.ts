/**
 * Regenerates the committed calling-code table from libphonenumber-js's metadata:
 *
 *   npx tsx lib/phone/plans/generate.ts
 *
 * The table holds what `parsePhoneNumberFromString(input, 'US')` and
 * `isPossible()` of libphonenumber-js/min read for a number (see
 * ./calling-code-plan.ts), not its formats nor most of its patterns: ~9 kB
 * instead of the ~120 kB the library adds to every customer function.
 *
 * Runs only here and in tests: nothing that runs in a Lambda imports this file
 * or libphonenumber-js (a devDependency). test/unit/phone-plans.test.ts fails
 * when the committed file differs from what this produces, and compares the
 * normalizer with the library on generated numbers.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import metadataJson from 'libphonenumber-js/metadata.min.json';
import { encodePlan, type CallingCodePlan, type CountryPlan } from './calling-code-plan.js';
import { firstDigits } from './first-digits.js';

/** A country (or non-geographic entity) of metadata.min.json, by position (libphonenumber-js's es6/metadata.js). */
type RawCountry = [
  callingCode: string,
  iddPrefix: string | 0,
  nationalNumberPattern: string,
  possibleLengths: number[],
  formats: unknown,
  nationalPrefix?: string | 0,
  nationalPrefixFormattingRule?: unknown,
  nationalPrefixForParsing?: string | 0,
  nationalPrefixTransformRule?: string | 0,
  nationalPrefixIsOptional?: unknown,
  leadingDigits?: string | 0,
  types?: ([pattern: string, lengths?: number[]] | 0 | null)[] | 0,
];
interface RawMetadata {
  version: number;
  country_calling_codes: Record<string, string[]>;
  countries: Record<string, RawCountry>;
  nonGeographic: Record<string, RawCountry>;
}

const metadata = metadataJson as unknown as RawMetadata;

/** The country numbers without a country code are read as. */
export const defaultCountry = 'US';

/**
 * What a country's lengths decide for a national number of `length`: whether it
 * is possible, and whether a national prefix may be stripped to leave it
 * (libphonenumber's checkNumberLength: not too short, not an impossible length).
 */
function verdict(lengths: readonly number[], length: number): string {
  const possible = lengths.includes(length);
  return `${possible}${length >= lengths[0]! && (possible || length > lengths.at(-1)!)}`;
}

/** The national-number lengths for which it matters which of these countries a number belongs to. */
function decisiveLengths(lengthLists: readonly (readonly number[])[]): Set<number> {
  const decisive = new Set<number>();
  for (let length = 0; length <= 20; length++) {
    if (new Set(lengthLists.map((lengths) => verdict(lengths, length))).size > 1) decisive.add(length);
  }
  return decisive;
}

/**
 * libphonenumber's getNumberType() is defined: matches the national number pattern and one
 * type. Only types of a decisive length are kept: for other lengths every country gives the
 * same verdict, so which one claims the number changes nothing.
 */
function validityOf(raw: RawCountry, decisive: Set<number>): CountryPlan['valid'] {
  const types: [string, number[]][] = [];
  for (const type of raw[11] || []) {
    if (!type || !type[0]) continue;
    const lengths = (type[1] ?? raw[3]).filter((l) => decisive.has(l));
    if (lengths.length > 0) types.push([type[0], lengths]);
  }
  return { pattern: raw[2], types };
}

/**
 * Whether a number that starts with a match of the national prefix can match the national
 * number pattern; when it cannot, parsing never needs the pattern to decide to keep the prefix.
 */
function patternCanFollowPrefix(prefix: string, pattern: string): boolean {
  const before = firstDigits(prefix);
  const national = firstDigits(pattern);
  return before.nullable || national.nullable || [...before.digits].some((d) => national.digits.has(d));
}

function planOf(main: RawCountry, members: readonly RawCountry[]): CallingCodePlan {
  const plan: CallingCodePlan = { lengths: main[3] };
  const prefix = main[7] || main[5];
  if (prefix) {
    plan.prefix = prefix;
    // The default country's pattern also decides whether "1 555…" begins with its calling code.
    if (main[0] === metadata.countries[defaultCountry]![0] || patternCanFollowPrefix(prefix, main[2])) plan.pattern = main[2];
    if (main[8]) plan.transform = main[8];
  }
  const decisive = decisiveLengths(members.map((raw) => raw[3]));
  if (decisive.size > 0) {
    const countries = members
      .map((raw): CountryPlan => ({ lengths: raw[3], ...(raw[10] ? { leadingDigits: raw[10] } : { valid: validityOf(raw, decisive) }) }))
      .filter((c) => c.leadingDigits || c.valid!.types.length > 0);
    // A claim by the last countries changes nothing when they have the main country's lengths, the fallback.
    while (countries.length > 0 && countries.at(-1)!.lengths.join() === main[3].join()) countries.pop();
    if (countries.length > 0) plan.countries = countries;
  }
  return plan;
}

/** Every calling code libphonenumber-js/min knows, countries' and non-geographic ones'. */
export function callingCodePlans(): Record<string, CallingCodePlan> {
  if (metadata.version !== 4) throw new Error(`metadata version ${metadata.version}: check the positions in RawCountry`);
  const plans: Record<string, CallingCodePlan> = {};
  for (const [code, ids] of Object.entries(metadata.country_calling_codes)) {
    const members = ids.map((id) => metadata.countries[id]!);
    plans[code] = planOf(members[0]!, members);
  }
  for (const [code, raw] of Object.entries(metadata.nonGeographic)) plans[code] = planOf(raw, [raw]);
  for (const [code, plan] of Object.entries(plans)) if (plan.lengths.length === 0) throw new Error(`no possible lengths for ${code}`);
  return Object.fromEntries(Object.entries(plans).sort(([a], [b]) => a.localeCompare(b)));
}

/** The default country's calling code and international (IDD) prefix, e.g. 011 in `011 44 20 7946 0958`. */
export function defaultCountryPlan(): { callingCode: string; iddPrefix: string } {
  const raw = metadata.countries[defaultCountry]!;
  if (metadata.country_calling_codes[raw[0]]?.[0] !== defaultCountry || !raw[1] || !/^\d+$/.test(raw[1])) throw new Error(`${defaultCountry} is not the main country of +${raw[0]}, or its international prefix is not plain digits`);
  return { callingCode: raw[0], iddPrefix: raw[1] };
}

/**
 * The table as the JSON data file lib/phone/plans/calling-code-table.ts reads
 * on first use (one calling code a line, so a metadata update diffs by line).
 */
export function callingCodePlansFile(plans: Record<string, CallingCodePlan>, home: { callingCode: string; iddPrefix: string }): string {
  const entries = Object.entries(plans).map(([code, plan]) => `    ${JSON.stringify(code)}: ${JSON.stringify(encodePlan(plan))}`);
  return [
    '{',
    `  "generatedBy": "lib/phone/plans/generate.ts from libphonenumber-js/metadata.min.json; do not edit",`,
    `  "defaultCountry": ${JSON.stringify(defaultCountry)},`,
    `  "defaultCallingCode": ${JSON.stringify(home.callingCode)},`,
    `  "defaultIddPrefix": ${JSON.stringify(home.iddPrefix)},`,
    '  "entries": {',
    entries.join(',\n'),
    '  }',
    '}',
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const plans = callingCodePlans();
  writeFileSync(new URL('calling-code-plans.json', import.meta.url), callingCodePlansFile(plans, defaultCountryPlan()));
  console.log(`${Object.keys(plans).length} calling codes written`);
}
