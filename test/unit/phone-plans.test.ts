import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import examples from 'libphonenumber-js/examples.mobile.json';
import metadata from 'libphonenumber-js/metadata.min.json';
import { getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../../lib/phone/phone.js';
import { decodePlan, encodePlan } from '../../lib/phone/plans/calling-code-plan.js';
import { callingCodeTable } from '../../lib/phone/plans/calling-code-table.js';
import { firstDigits } from '../../lib/phone/plans/first-digits.js';
import { callingCodePlans, callingCodePlansFile, defaultCountryPlan } from '../../lib/phone/plans/generate.js';

/** What lib/phone/phone.ts did before the table: the library itself, which the table must reproduce. */
function withLibphonenumber(input: string) {
  const trimmed = input.trim();
  if (!/^[+\d\s().\-]+$/.test(trimmed)) return undefined;
  const parsed = parsePhoneNumberFromString(trimmed, 'US');
  if (!parsed || !parsed.isPossible()) return undefined;
  return { e164: parsed.number as string, national: parsed.nationalNumber as string };
}

function agreesWithLibphonenumber(input: string): void {
  expect(normalizePhone(input), JSON.stringify(input)).toEqual(withLibphonenumber(input));
}

const callingCodeEntries = callingCodeTable().entries;
const callingCodes = Object.keys(callingCodeEntries);
const countries = Object.keys(examples) as CountryCode[];
const digit = fc.constantFrom(...'0123456789');
const digits = (minLength: number, maxLength: number) => fc.string({ unit: digit, minLength, maxLength });
/** What people put between digits; tab, no-break space and ideographic space are \s too, and the library treats them apart. */
const separator = fc.constantFrom('', '', '', ' ', '-', '.', '(', ')', ' (', ') ', '  ', '\t', '\u00a0', '\u3000', '+');

/** Spreads separators through a digit string, sometimes with a leading prefix such as '+', '011' or '00'. */
function formatted(lead: fc.Arbitrary<string>, body: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(lead, body, fc.array(separator, { minLength: 20, maxLength: 20 }), fc.constantFrom('', ' ', '  '))
    .map(([prefix, ds, seps, pad]) => pad + prefix + [...ds].map((d, i) => (i > 0 ? seps[i]! : '') + d).join('') + pad);
}

/** A national number as its country writes it or as the world does: random digits of about the country's lengths, sometimes after its trunk prefix. */
const realLooking = fc
  .tuple(fc.constantFrom(...callingCodes), fc.integer({ min: -1, max: 1 }), fc.constantFrom('', '', '0', '8', '1', '06', '00'), digits(20, 20))
  .map(([code, delta, trunk, pool]) => {
    const lengths = decodePlan(callingCodeEntries[code]!).lengths;
    const length = Math.max(1, lengths[pool.charCodeAt(0) % lengths.length]! + delta);
    return { code, national: trunk + pool.slice(0, length) };
  });

describe('normalizePhone agrees with libphonenumber-js (parsePhoneNumberFromString(input, "US") + isPossible())', () => {
  it('on random digit strings of 4-17 digits, with and without +', () => {
    fc.assert(fc.property(fc.constantFrom('', '+'), digits(4, 17), (plus, ds) => agreesWithLibphonenumber(plus + ds)), { numRuns: 20_000, seed: 8 });
  });

  it('on digit strings of 1-20 digits with formatting characters among them (and international prefixes)', () => {
    fc.assert(
      fc.property(formatted(fc.constantFrom('', '', '+', '+ ', '(', '011', '011 ', '00', '1 ', '+1 ', '0', ' +'), digits(1, 20)), agreesWithLibphonenumber),
      { numRuns: 20_000, seed: 8 },
    );
  });

  it('on real-looking numbers of every calling code: +code, 011 code, 00 code, and the bare national number', () => {
    fc.assert(
      fc.property(realLooking, fc.constantFrom('+', '+', '+ ', '011 ', '00', ''), fc.array(separator, { minLength: 20, maxLength: 20 }), ({ code, national }, lead, seps) => {
        const body = [...(code + national)].map((d, i) => (i > 0 ? seps[i]! : '') + d).join('');
        agreesWithLibphonenumber(lead === '' ? national : lead + body);
        agreesWithLibphonenumber(`+${code} (${national.slice(0, 1)})${national.slice(1)}`);
      }),
      { numRuns: 20_000, seed: 8 },
    );
  });

  it('on the example mobile number of every country, written six ways', () => {
    for (const country of countries) {
      const national = examples[country]!;
      const code = getCountryCallingCode(country);
      for (const input of [`+${code}${national}`, `+${code} ${national}`, `011${code}${national}`, `00${code}${national}`, `${code}${national}`, `+${code} (0) ${national}`]) {
        agreesWithLibphonenumber(input);
      }
      expect(normalizePhone(`+${code}${national}`), country).toEqual({ e164: `+${code}${national}`, national });
    }
  });

  it('on hand-picked edges: international prefixes, trunk prefixes, +1 seven-digit numbers, lengths', () => {
    const edges = [
      '011 44 20 7946 0958', '0114420 7946 0958', '01104420', '011', '0110', '0115551234', '00 44 20 7946 0958', '0012345678',
      '+44 (0)20 7946 0958', '+440 20 7946 0958', '+7 8 912 345 67 89', '+54 9 11 1234 5678', '+54 0 11 15 1234 5678',
      '+55 0 21 98765 4321', '+1 310 1234', '+1 268 1234', '1 310 1234', '+1 1 555 123 4567', '1 1 555 123 4567', '11 555 123 4567',
      '+800 1234 5678', '+979 123456789', '+0 555 123 4567', '+999 1234', '+1', '+12', '+123', '12', '1', '(555) 123-4567 )', '(+1) 555 123 4567',
      '555 123 4567 -', '+1555\t1234567', '+1 555\u00a0123\u00a04567', '1-555-123-4567-', `+1${'5'.repeat(16)}`, `+1${'5'.repeat(17)}`,
      // The library refuses input over 250 characters, whatever it holds.
      '('.repeat(240) + '5551234567', '('.repeat(241) + '5551234567', '5551234567' + ')'.repeat(240), '5551234567' + ')'.repeat(241),
    ];
    for (const input of edges) agreesWithLibphonenumber(input);
  });

  it('matches the library on what 011 and 00 mean from the US', () => {
    expect(normalizePhone('011 44 20 7946 0958')).toEqual({ e164: '+442079460958', national: '2079460958' });
    expect(normalizePhone('00 44 20 7946 0958')).toBeUndefined(); // 00 is not the US international prefix
    expect(normalizePhone('+44 (0)20 7946 0958')).toEqual({ e164: '+442079460958', national: '2079460958' });
  });
});

describe('calling-code table (lib/phone/plans)', () => {
  it('is what generate.ts writes from the installed libphonenumber-js (regenerate with `npx tsx lib/phone/plans/generate.ts` when this fails)', () => {
    const committed = readFileSync(new URL('../../lib/phone/plans/calling-code-plans.json', import.meta.url), 'utf8');
    expect(committed).toBe(callingCodePlansFile(callingCodePlans(), defaultCountryPlan()));
  });

  it('covers every calling code of the metadata and round-trips its compact form', () => {
    const known = [...Object.keys(metadata.country_calling_codes), ...Object.keys(metadata.nonGeographic ?? {})].sort();
    expect(callingCodes.sort()).toEqual(known);
    for (const plan of Object.values(callingCodePlans())) expect(decodePlan(encodePlan(plan))).toEqual(plan);
  });

  it('stays compact: under 12 kB (the library adds ~120 kB to a bundle)', () => {
    const committed = readFileSync(new URL('../../lib/phone/plans/calling-code-plans.json', import.meta.url), 'utf8');
    expect(committed.length).toBeLessThan(12_000);
  });

  it('knows which digits a pattern can begin with (to leave out patterns a national prefix can never meet)', () => {
    const first = (source: string) => {
      const { digits, nullable } = firstDigits(source);
      return { digits: [...digits].sort().join(''), nullable };
    };
    expect(first('[2-9]\\d{9}|3\\d{6}')).toEqual({ digits: '23456789', nullable: false });
    expect(first('0|180020')).toEqual({ digits: '01', nullable: false });
    expect(first('(?:0|90)(?:(1[245])(\\d{10}))?')).toEqual({ digits: '09', nullable: false });
    expect(first('0?(?:(11|2)15)?')).toEqual({ digits: '012', nullable: true });
    expect(first('8?\\d{2}')).toEqual({ digits: '0123456789', nullable: false });
    expect(first('([89]\\d{5})$')).toEqual({ digits: '89', nullable: false });
    expect(first('(?:00|[1-9]\\d)\\d{6}')).toEqual({ digits: '0123456789', nullable: false });
    for (const unknown of ['a', '[^0]', '(0', '0)', '.']) expect(() => firstDigits(unknown), unknown).toThrow();
  });
});
