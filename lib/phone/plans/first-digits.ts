/**
 * The digits a match of a libphonenumber pattern can begin with, and whether it
 * can match the empty string: enough to tell that a national number pattern
 * never matches a number that starts with the national prefix. Understands the
 * subset of regular expressions the metadata uses (digits, \d, classes, groups,
 * alternation, quantifiers, `$`) and throws on anything else. Used by
 * ./generate.ts only.
 */
export interface FirstDigits {
  digits: Set<string>;
  nullable: boolean;
}

const allDigits = () => new Set('0123456789');

export function firstDigits(source: string): FirstDigits {
  let at = 0;

  function alternation(): FirstDigits {
    const result: FirstDigits = { digits: new Set(), nullable: false };
    for (;;) {
      const branch = sequence();
      branch.digits.forEach((d) => result.digits.add(d));
      result.nullable ||= branch.nullable;
      if (source[at] !== '|') return result;
      at++;
    }
  }

  function sequence(): FirstDigits {
    const result: FirstDigits = { digits: new Set(), nullable: true };
    while (at < source.length && source[at] !== '|' && source[at] !== ')') {
      const item = quantified(atom());
      if (result.nullable) item.digits.forEach((d) => result.digits.add(d));
      result.nullable &&= item.nullable;
    }
    return result;
  }

  function atom(): FirstDigits {
    const c = source[at++]!;
    if (/\d/.test(c)) return { digits: new Set(c), nullable: false };
    if (c === '$') return { digits: new Set(), nullable: true };
    if (c === '\\' && source[at] === 'd') return at++, { digits: allDigits(), nullable: false };
    if (c === '(') {
      if (source.startsWith('?:', at)) at += 2;
      const inner = alternation();
      if (source[at++] !== ')') throw new Error(`unbalanced group in ${source}`);
      return inner;
    }
    if (c === '[') {
      const end = source.indexOf(']', at);
      const body = source.slice(at, end);
      at = end + 1;
      if (!/^(?:\d-\d|\d|\\d)+$/.test(body)) throw new Error(`class [${body}] in ${source}`);
      const digits = new Set<string>();
      for (const [, from, to, single, any] of body.matchAll(/(\d)-(\d)|(\d)|(\\d)/g)) {
        if (any) return { digits: allDigits(), nullable: false };
        if (single) digits.add(single);
        else for (let d = Number(from); d <= Number(to); d++) digits.add(String(d));
      }
      return { digits, nullable: false };
    }
    throw new Error(`'${c}' at ${at - 1} in ${source}`);
  }

  function quantified(item: FirstDigits): FirstDigits {
    const q = /^(?:[?*+]|\{(\d+)(?:,\d*)?\})/.exec(source.slice(at));
    if (!q) return item;
    at += q[0].length;
    const optional = q[0] === '?' || q[0] === '*' || q[1] === '0';
    return { digits: item.digits, nullable: item.nullable || optional };
  }

  const result = alternation();
  if (at !== source.length) throw new Error(`unexpected '${source[at]}' at ${at} in ${source}`);
  return result;
}
