import { config } from 'zod/mini';

/**
 * zod/mini loads no locale: an issue its schema gives no message for would
 * read a bare "Invalid input". Our schemas name their own texts; this map
 * covers the rest with zod's English wording (zod classic's locale, e.g.
 * "Invalid input: expected string, received number", 'Unrecognized key:
 * "extra"'), for the issue codes our schemas can raise without a text of
 * their own (strings and arrays: no sets, maps, records or multiples), and a
 * plain "Invalid input" for any other. Written out rather than loading zod's
 * `en` locale, which names every string format zod knows (2.7 kB of every
 * bundle). Imported for its effect by every module that declares or parses
 * schemas.
 */

const typeOf = (input: unknown): string => {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  if (typeof input === 'number' && Number.isNaN(input)) return 'NaN';
  return typeof input;
};
const quoted = (values: readonly unknown[], separator: string) =>
  values.map((v) => (typeof v === 'string' ? JSON.stringify(v) : typeof v === 'bigint' ? `${v}n` : String(v))).join(separator);
const sizeUnits: Record<string, string> = { string: 'characters', array: 'items' };

type Issue = {
  code?: string;
  input?: unknown;
  expected?: string;
  values?: readonly unknown[];
  keys?: readonly string[];
  origin?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  inclusive?: boolean;
  exact?: boolean;
  format?: string;
};

/** zod's English texts for the issue codes that carry no text of their own. */
export function englishIssueText(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `Invalid input: expected ${issue.expected}, received ${typeOf(issue.input)}`;
    case 'invalid_value':
      return issue.values?.length === 1 ? `Invalid input: expected ${quoted(issue.values, '')}` : `Invalid option: expected one of ${quoted(issue.values ?? [], '|')}`;
    case 'too_big':
    case 'too_small': {
      const big = issue.code === 'too_big';
      const adj = issue.exact ? 'exactly ' : issue.inclusive ? (big ? '<=' : '>=') : big ? '<' : '>';
      const unit = sizeUnits[issue.origin ?? ''];
      const bound = String(big ? issue.maximum : issue.minimum);
      return `Too ${big ? 'big' : 'small'}: expected ${issue.origin ?? 'value'} ${unit ? `to have ${adj}${bound} ${unit}` : `to be ${adj}${bound}`}`;
    }
    case 'invalid_format':
      return `Invalid ${issue.format === 'email' ? 'email address' : issue.format === 'regex' ? 'input' : issue.format}`;
    case 'unrecognized_keys':
      return `Unrecognized key${(issue.keys?.length ?? 0) > 1 ? 's' : ''}: ${quoted(issue.keys ?? [], ', ')}`;
    default:
      return 'Invalid input';
  }
}

config({ localeError: (issue) => englishIssueText(issue as Issue) });
