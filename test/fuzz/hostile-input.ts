import fc from 'fast-check';

/**
 * Arbitraries of hostile input: the strings, numbers, keys and percent
 * sequences that broke (or could break) a JSON API backed by DynamoDB. Each
 * list names the failure it aims at.
 */

/** Strings that grow under case folding or normalization, sit on length limits, or mean something to a backend. */
const nastyStrings = [
  '각'.repeat(113), // NFKD: 3 jamo, each 3 bytes in UTF-8 → over DynamoDB's 1,024-byte key
  '각'.repeat(114),
  '㌖'.repeat(57), // NFKD: 1 → 6 characters
  'ﷺ'.repeat(100), // NFKD: 1 → 18 characters
  'İ'.repeat(255), // lowercases to 2 code units
  'ß'.repeat(255), // uppercases to SS
  'ﬃ'.repeat(200),
  `e${'\u0301'.repeat(300)}`, // one grapheme, 301 code points
  '𝕳'.repeat(128), // astral: 2 UTF-16 units per character
  '😀'.repeat(255),
  '👨‍👩‍👧‍👦'.repeat(40), // ZWJ sequences
  '\ud800', // lone surrogate (JSON.stringify escapes it)
  'a\udc00b',
  '\u0000',
  'a\u0000b',
  '\u202eRTL override',
  '\u200b\u200c\u200d\ufeff',
  '\u3000', // ideographic space: whitespace to trim()
  ' '.repeat(300),
  '\t\n\r',
  'x'.repeat(255),
  'x'.repeat(256),
  'x'.repeat(1025),
  '<script>alert(1)</script>',
  "' OR '1'='1' --",
  '${jndi:ldap://x/a}',
  '{{7*7}}',
  '../../../../etc/passwd',
  '%00%ff',
  '__proto__',
  'constructor',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e-131',
  '0x1F',
  '１２３', // fullwidth digits
  '١٢٣', // Arabic-Indic digits
  '+15551234567',
  '(555) 123-4567',
  'a@b.c',
  `${'a'.repeat(64)}@${'b'.repeat(189)}.com`,
  '2026-02-30T00:00:00Z',
  '2026-01-15T00:00:00+99:99',
  '9999-12-31T23:59:59Z',
  '-000001-01-01T00:00:00Z',
  '!!!',
  '-',
  '1555',
  '* ? [ ] ( )',
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...nastyStrings) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) }, // any code point, astral and lone surrogates included
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 120 }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('각', '㌖', 'İ', 'ﷺ', '𝕳', 'a', 'é', '\u0301', '1', ' '), fc.integer({ min: 1, max: 600 }))
      .map(([c, n]) => c.repeat(n)),
  },
);

/**
 * Number literals as they appear in JSON text: underflows DynamoDB rejects
 * (1e-131), subnormals, overflows JSON.parse turns into Infinity, -0, and
 * integers past 2^53.
 */
const numberLiterals = [
  '0', '-0', '1', '-1', '0.0', '1e-131', '-1e-131', '1e-130', '5e-324', '-5e-324', '2.2250738585072014e-308',
  '1e308', '-1e308', '1.7976931348623157e308', '1e309', '-1e400', '1E-400', '9007199254740993',
  '123456789012345678901234567890', '0.1', '1.5', '24', '8760', '8761', '90', '90.0000000001', '-90', '180', '-180.0001',
  '2147483648', '-2147483649', '1e2', '0.00000000000000000000000000000000000000000001',
];

/** A number leaf: written into JSON text verbatim (see toJsonText). */
export class NumberLiteral {
  constructor(readonly text: string) {}
}

export const hostileNumber: fc.Arbitrary<NumberLiteral> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...numberLiterals) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? '-0' : String(n))) },
  { weight: 1, arbitrary: fc.integer().map(String) },
).map((t) => new NumberLiteral(t));

/** Keys that poison prototypes or clash with object internals. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '', ' ', 'customer_id', 'created_at', 'updated_at', 'version', 'tenant_id', 'pk', 'PK', 'sk', '$where', 'a.b', 'a[b]', 'x'.repeat(300)),
  hostileString,
);

/** Any JSON value, hostile at the leaves. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileKey, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** JSON text of a value; NumberLiteral leaves are written verbatim (-0, 1e-131, 1e400 survive). */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v instanceof NumberLiteral ? `\u0000NUM:${v.text}\u0000` : v)).replace(
    /"\\u0000NUM:([^"\\]*)\\u0000"/g,
    '$1',
  );
}

/** Percent-encoding of any string; a lone surrogate (which encodeURIComponent refuses) goes as U+FFFD, as a browser sends it. */
export const encode = (s: string): string => encodeURIComponent(s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));

/** A query-string component: percent-encoded, or raw bytes on the edge of what a URL parser accepts. */
export const queryComponent = (value: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: value.map(encode) },
    { weight: 1, arbitrary: value.map((v) => encode(v).replace(/%20/g, '+')) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '%', '%2', '%zz', '%C3%28', '%ED%A0%80', '%F0%9F%98', '%00', '%FF%FE', '%C0%AF', '%E0%A4%A', '+', '%2B', '%26', '%3D', '%25',
        '%u0041', '=', '==', ';', '%0D%0A', '%09', "'", '"', '<', '>', '%5B%5D', '[]', '..', '%2e%2e%2f',
      ),
    },
  );
