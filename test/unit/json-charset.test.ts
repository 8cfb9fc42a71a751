import { describe, expect, it } from 'vitest';
import { charsetOf, jsonCharsetMiddleware } from '../../lib/http/middleware/json-charset.js';
import type { HttpRequest } from '../../lib/http/types.js';

const check = (contentType: string | undefined) => {
  const request = { event: { headers: contentType === undefined ? {} : { 'content-type': contentType } } } as unknown as HttpRequest;
  try {
    jsonCharsetMiddleware().before(request);
    return 'accepted';
  } catch (err) {
    return (err as { code?: string }).code;
  }
};

describe('charsetOf', () => {
  it('reads the charset parameter, lowercased and unquoted', () => {
    expect(charsetOf('application/json')).toBeUndefined();
    expect(charsetOf(undefined)).toBeUndefined();
    expect(charsetOf('application/json; charset=UTF-8')).toBe('utf-8');
    expect(charsetOf('application/json;charset="utf-16"')).toBe('utf-16');
    expect(charsetOf('application/json; foo=bar; Charset = latin1 ')).toBe('latin1');
    expect(charsetOf('application/json; charsets=utf-16')).toBeUndefined();
  });
});

describe('jsonCharsetMiddleware', () => {
  it.each(['application/json', 'application/json; charset=utf-8', 'application/json; charset=UTF-8', 'application/json;charset="utf-8"', undefined])(
    'accepts %s',
    (type) => expect(check(type)).toBe('accepted'),
  );

  it.each(['application/json; charset=utf-16', 'application/json; charset=UTF-16LE', 'application/json; charset=iso-8859-1', 'application/json; charset=', 'application/json; charset=utf-8x'])(
    'refuses %s with 415 unsupported_media_type',
    (type) => expect(check(type)).toBe('unsupported_media_type'),
  );
});
