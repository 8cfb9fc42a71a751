import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.js';
import { jsonBodyMiddleware } from '../../lib/http/middleware/json-body.js';
import type { HttpRequest } from '../../lib/http/types.js';

/** The JSON body parser holds to @middy/http-json-body-parser's rules, answering with the envelope's errors. */
const parse = (body: string | undefined, contentType: string | null = 'application/json', isBase64Encoded = false) => {
  const request = { event: { headers: contentType === null ? {} : { 'content-type': contentType }, body, isBase64Encoded } } as unknown as HttpRequest;
  jsonBodyMiddleware().before(request);
  return request.event.body;
};
const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? { code: err.code, message: err.message } : err;
  }
  return undefined;
};

describe('jsonBodyMiddleware', () => {
  it('parses JSON bodies of application/json and +json types, with parameters, base64 included', () => {
    expect(parse('{"a":1}')).toEqual({ a: 1 });
    expect(parse('{"a":1}', 'application/json; charset=utf-8')).toEqual({ a: 1 });
    expect(parse('{"a":1}', 'Application/JSON')).toEqual({ a: 1 });
    expect(parse('{"a":[1]}', 'application/merge-patch+json')).toEqual({ a: [1] });
    expect(parse(Buffer.from('{"name":"Café"}').toString('base64'), 'application/json', true)).toEqual({ name: 'Café' });
    expect(parse('{"constructor":"plain value"}')).toEqual({ constructor: 'plain value' });
  });

  it('answers 415 for a body that is not declared JSON', () => {
    for (const type of [null, 'text/plain', 'application/jsonp', 'application/x-www-form-urlencoded', 'json']) {
      expect(failure(() => parse('{}', type)), String(type)).toEqual({
        code: 'unsupported_media_type',
        message: 'Request body must be JSON (Content-Type: application/json)',
      });
    }
  });

  it('answers 400 for what is not JSON, and for keys that could reach a prototype', () => {
    for (const body of [undefined, '', '{', "{'a':1}", '{"a":1}x', '{"__proto__":{"admin":true}}', '{"a":{"__proto__":1}}', '{"constructor":{"prototype":{}}}']) {
      expect(failure(() => parse(body)), String(body)).toEqual({ code: 'validation_failed', message: 'Request body is not valid JSON' });
    }
  });
});
