import fc from 'fast-check';
import type * as z from 'zod/mini';
import { routeList, type RouteDefinition } from '../../lib/routes.js';
import { encode, hostileKey, hostileNumber, hostileString, hostileValue, NumberLiteral, queryComponent, toJsonText } from './hostile-input.js';

/**
 * Whole hostile HTTP requests against the route table: every route, at its
 * REST path and (where it has one) its seed-000 query-string URL, with
 * mutated bodies, query strings and headers. A request is plain data, so
 * fast-check prints and shrinks it, and a failure reads as the request to replay.
 */

export interface FuzzRequest {
  /** The operation aimed at ('' for a path outside the table). */
  target: string;
  method: string;
  /** Path and query exactly as sent on the wire. */
  path: string;
  headers: Record<string, string | string[]>;
  /** The body: text (sent as UTF-8), or bytes as hex when they are not valid UTF-8 or are another charset. */
  body?: string;
  bodyHex?: string;
}

/** The API keys of the fixture: read-write and read-only of one tenant, read-write of another. */
export interface FuzzKeys {
  readWrite: string;
  readOnly: string;
  otherTenant: string;
}

/** Ids that exist in the fixture (so that some requests reach the use-cases). */
export interface FuzzIds {
  customerIds: number[];
  locationIds: number[];
  contactIds: number[];
  noteIds: number[];
}

const validCustomer = (n: number) => ({
  customer_name: 'Fuzz Facilities',
  customer_email: `fuzz-${n}@fuzz.example`,
  customer_phone: '+15551234567',
  default_sla_hours: 24,
  tax_exempt: false,
  tax_exemption_reason: null,
  // Issue 9's (and 10's tags) fields, so that mutations reach their rules too (numbers differ per request: they are unique).
  ...(n % 2 === 0
    ? {
        customer_number: `FZ-${n}`,
        status: n % 4 === 0 ? 'inactive' : 'active',
        billing_address: { street: '1 Main St', street2: null, city: 'Dallas', state: 'TX', zip: '75201' },
        account_credit: 12.5,
        tags: ['vip', `Pool Service ${n % 30}`],
        phones: [{ number: '+15551230000', label: 'mobile', sms_opt_in: true }],
        emails: [{ address: `billing-${n}@fuzz.example`, label: 'billing', is_billing: true }],
        custom_fields: { gate: '1234' },
      }
    : {}),
});
const validLocation = {
  location_name: 'East Wing',
  address_street: '456 Health Park Dr',
  address_city: 'Dallas',
  address_state: 'TX',
  address_zip: '75201',
  is_primary: false,
  latitude: 32.78,
  longitude: -96.8,
};

const validContact = (n: number) => ({
  first_name: 'Jane',
  last_name: `Doe ${n}`,
  title: 'Operations Manager',
  email: `jane${n}@fuzz.example`,
  phone: '+15552223333',
  mobile: '(555) 444-5555',
  role: 'billing',
  is_primary: n % 2 === 0,
  notes: 'Prefers mornings',
});
const validNote = (n: number) => ({ body: `Gate code ${n}`, pinned: n % 2 === 0 });

/** A valid body for the route, for mutations to start from (so that some requests pass validation). */
function templateOf(route: RouteDefinition, n: number): Record<string, unknown> {
  if (/activate$/.test(route.path)) return { ids: [1, 2, (n % 50) + 1] };
  if (route.path.includes('/contacts')) return validContact(n);
  if (route.path.includes('/notes')) return validNote(n);
  const customerBody = route.operationId.toLowerCase().includes('customer');
  return customerBody ? validCustomer(n) : { ...validLocation };
}

const shapeKeys = (schema: z.core.$ZodType | undefined): string[] => {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
};

/** Body fields: a mutated valid body, random JSON, or text that is not the JSON it claims to be. */
function bodyArb(route: RouteDefinition): fc.Arbitrary<{ body?: string; bodyHex?: string; charset?: string }> {
  const fields = Object.keys(templateOf(route, 0));
  const mutated = fc
    .record({
      n: fc.nat(1_000_000),
      drop: fc.subarray(fields, { maxLength: Math.min(3, fields.length) }),
      set: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...fields), hostileKey), fc.oneof({ weight: 3, arbitrary: hostileString }, hostileNumber, hostileValue)), {
        maxLength: 3,
      }),
      numbers: fc.array(fc.tuple(fc.constantFrom('latitude', 'longitude', 'default_sla_hours'), hostileNumber), { maxLength: 2 }),
    })
    .map(({ n, drop, set, numbers }) => {
      const body: Record<string, unknown> = templateOf(route, n);
      for (const k of drop) delete body[k];
      for (const [k, v] of [...set, ...numbers]) {
        // defineProperty: `__proto__` becomes an own key of the JSON text, not a prototype change here.
        Object.defineProperty(body, k, { value: v, enumerable: true, writable: true, configurable: true });
      }
      return { body: toJsonText(body) };
    });
  const text = (s: string) => ({ body: s });
  const hex = (b: Buffer, charset?: string) => ({ bodyHex: b.toString('hex'), ...(charset ? { charset } : {}) });
  const raw = fc.oneof(
    fc.constantFrom(
      '', ' ', 'null', 'true', '0', '"text"', '[]', '{}', '[{}]', '{', '{"customer_name":', '{"a":1,}', "{'a':1}", 'NaN', '{"latitude":NaN}',
      '{"latitude":Infinity,"longitude":-Infinity}', '{"customer_name":"a","customer_name":"b"}', '{"__proto__":{"isAdmin":true}}',
      '{"constructor":{"prototype":{"polluted":1}}}', `${'['.repeat(5000)}${']'.repeat(5000)}`, `{"a":${'{"a":'.repeat(3000)}1${'}'.repeat(3001)}`,
      'customer_name=acme&customer_email=a@b.c', '<xml/>', '\u0000',
    ).map(text),
    hostileValue.map((v) => text(toJsonText(v))),
    fc.string({ unit: 'binary', maxLength: 200 }).map(text),
    // Bytes that are not UTF-8: lone continuation, overlong '/', an encoded surrogate, a truncated sequence.
    fc
      .tuple(fc.constantFrom('\xff\xfe', '\xc0\xaf', '\xed\xa0\x80', '\xe0\xa4', '\x80', '\xf8\x88\x80\x80\x80'), fc.boolean())
      .map(([bad, inString]) => {
        const json = Buffer.from(toJsonText(templateOf(route, 7)));
        const at = json.indexOf('"', 2) + 1;
        const bytes = Buffer.from(bad, 'latin1');
        return hex(inString ? Buffer.concat([json.subarray(0, at), bytes, json.subarray(at)]) : Buffer.concat([bytes, json]));
      }),
    // The right JSON in another charset, declared or not.
    fc.constantFrom<[BufferEncoding, string | undefined]>(['utf16le', 'utf-16'], ['utf16le', undefined], ['latin1', 'iso-8859-1'], ['utf8', 'UTF-8'], ['utf8', 'utf-32']).map(([enc, charset]) =>
      hex(Buffer.from(toJsonText({ ...templateOf(route, 8), customer_name: 'Crème', location_name: 'Crème' }), enc), charset),
    ),
    // A UTF-8 byte order mark before valid JSON.
    fc.constant(hex(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(toJsonText(templateOf(route, 9)))]))),
    // Around the 64 KiB body limit.
    fc.integer({ min: 65_536 - 300, max: 65_536 + 300 }).map((size) => {
      const base = toJsonText({ ...templateOf(route, 10), pad: '' });
      return text(base.replace('"pad":""', `"pad":"${'x'.repeat(Math.max(0, size - base.length))}"`));
    }),
    // Many unknown fields: every one is named in error.details.
    fc.integer({ min: 50, max: 3000 }).map((count) => text(toJsonText(Object.fromEntries(Array.from({ length: count }, (_, i) => [`unknown_${i}`, i]))))),
  );
  return fc.oneof({ weight: 5, arbitrary: mutated }, { weight: 3, arbitrary: raw });
}

const contentTypes = [
  'application/json', 'application/json; charset=utf-8', 'application/json;charset=UTF-8', 'APPLICATION/JSON', 'application/json; charset="utf-8"',
  'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/json; charset=utf-8; charset=utf-16', 'application/json; foo=bar',
  'text/plain', 'text/json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/vnd.api+json', 'application/json-patch+json',
  'application/xml', '', ';', '*/*', 'application/', 'application/json\t', `application/json; ${'x'.repeat(3000)}`,
];

/** Latin-1 text a header value can carry (no CR, LF or other control characters). */
const headerText = (maxLength: number) =>
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).filter((c) => c !== 0x7f).map((c) => String.fromCharCode(c)), maxLength });

/**
 * Long header values, but all headers together under 14 KB: past Node's
 * 16 KiB limit the local server's HTTP parser answers 431 (or resets the
 * connection) before any Fieldbook code runs, and in AWS the gateway's own
 * limits apply instead. Neither is the API's behaviour to judge.
 */
const maxHeaderBytes = 14_000;

function headersArb(keys: FuzzKeys): fc.Arbitrary<Record<string, string | string[]>> {
  const apiKey = fc.oneof(
    { weight: 8, arbitrary: fc.constant(keys.readWrite) },
    { weight: 2, arbitrary: fc.constant(keys.readOnly) },
    { weight: 1, arbitrary: fc.constant(keys.otherTenant) },
    {
      weight: 3,
      arbitrary: fc.oneof(
        fc.constantFrom<string | string[] | undefined>(undefined, '', ' ', 'fbk_', 'fbk_not_a_key', `${keys.readWrite} `, keys.readWrite.toUpperCase(), `${keys.readWrite}x`, keys.readWrite.slice(0, -1), [keys.readWrite, keys.readWrite], [keys.readOnly, keys.readWrite], 'Bearer x', 'null', 'x'.repeat(8000)),
        headerText(300),
      ),
    },
  );
  const requestId = fc.oneof(
    fc.constantFrom(undefined, 'fuzz-request-0001', 'short', 'x'.repeat(64), 'x'.repeat(65), 'a b c d e f g h', '../../etc/passwd', 'é'.repeat(10)),
    headerText(100),
  );
  const extra = fc.dictionary(
    fc.constantFrom('x-fuzz', 'accept', 'accept-charset', 'content-encoding', 'x-http-method-override', 'x-forwarded-for', 'x-fieldbook-seed-url', 'origin', 'cookie', 'authorization'),
    fc.oneof(fc.constantFrom('gzip', 'br', 'DELETE', '*/*', 'application/xml', '/api/v1/customers?id=1'), headerText(200), fc.integer({ min: 1000, max: 7000 }).map((n) => 'x'.repeat(n))),
    { maxKeys: 3 },
  );
  return fc
    .record({ apiKey, contentType: fc.option(fc.constantFrom(...contentTypes), { freq: 6 }), requestId, extra })
    .map(({ apiKey, contentType, requestId, extra }) => {
      const headers: Record<string, string | string[]> = { ...extra };
      if (apiKey !== undefined) headers['x-api-key'] = apiKey;
      if (contentType !== null) headers['content-type'] = contentType;
      if (requestId !== undefined) headers['x-request-id'] = requestId;
      return headers;
    })
    .filter((headers) => JSON.stringify(headers).length <= maxHeaderBytes);
}

/** An id in a path or a seed URL: one that exists, one that does not, or not an id at all. */
const idArb = (existing: number[]) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...existing.map(String)) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 2_000_000_000 }).map(String) },
    {
      weight: 2,
      arbitrary: fc.constantFrom('0', '-1', '01', '1.5', '1e3', '9999999999', '10000000000', '9007199254740993', 'abc', '%31', '%D9%A1', '%EF%BC%91', '%201', '1%20', '+1', '1%00', '0x1', 'null', '%', '%zz', '%C3%28', '..', '.', '%2F', '1%2F2'),
    },
    { weight: 1, arbitrary: hostileString.map(encode) },
  );

/** A tag in a path: a plain one, one to fold, or hostile text (encoded, or raw where it parses as a path). */
const tagArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('vip', 'pool%20service', '%20VIP%20', 'überkunde', '%C3%BCberkunde', 'a'.repeat(40), 'a'.repeat(41)) },
  { weight: 1, arbitrary: fc.constantFrom('', '%23', 'a%23b', '%00', '%', '%zz', '..', '.', '%2F', 'x%2Fy', '%C3%28', '%ED%A0%80') },
  { weight: 2, arbitrary: hostileString.map(encode) },
);

/** The route's query parameters, the seed URL's, and unknown ones, with hostile values; repeats allowed. */
function queryArb(route: RouteDefinition): fc.Arbitrary<string[]> {
  const known = shapeKeys(route.request.query);
  const names = fc.oneof(
    { weight: 4, arbitrary: known.length ? fc.constantFrom(...known) : fc.constantFrom('page') },
    { weight: 1, arbitrary: fc.constantFrom('id', 'locations', 'location_id', 'foo', '__proto__', 'constructor', 'toString', 'PAGE', 'page[]', 'search[]', '') },
    { weight: 1, arbitrary: hostileKey },
  );
  const values = fc.oneof(
    fc.constantFrom('1', '0', '2', '100', '101', '-1', '1.5', '1e2', '', 'locations', 'contacts', 'locations,contacts', 'acme', 'acme corp', '6543', '2026-01-15T00:00:00Z', '2026-01-15'),
    hostileString,
    hostileNumber.map((n) => n.text),
  );
  return fc.array(fc.tuple(queryComponent(names), queryComponent(values), fc.boolean()), { maxLength: 5 }).map((pairs) =>
    pairs.map(([k, v, withValue]) => (withValue ? `${k}=${v}` : k)),
  );
}

/** The wire path of a route: its REST path or its seed-000 URL, with the ids filled in and the query appended. */
function pathArb(route: RouteDefinition, ids: FuzzIds): fc.Arbitrary<string> {
  return fc
    .record({
      customerId: idArb(ids.customerIds),
      locationId: idArb(ids.locationIds),
      contactId: idArb(ids.contactIds),
      noteId: idArb(ids.noteIds),
      tag: tagArb,
      seed: route.seedForm ? fc.boolean() : fc.constant(false),
      query: queryArb(route),
      trailingSlash: fc.boolean(),
    })
    .map(({ customerId, locationId, contactId, noteId, tag, seed, query, trailingSlash }) => {
      const template = seed ? route.seedForm! : route.path;
      const filled = template
        .replace('{customerId}', customerId)
        .replace('{locationId}', locationId)
        .replace('{contactId}', contactId)
        .replace('{noteId}', noteId)
        .replace('{tag}', tag);
      const [pathPart, seedQuery] = filled.split('?') as [string, string | undefined];
      const params = [...(seedQuery ? seedQuery.split('&') : []), ...query];
      return `${pathPart}${trailingSlash && !seed ? '/' : ''}${params.length ? `?${params.join('&')}` : ''}`;
    });
}

function withBody(req: Omit<FuzzRequest, 'body' | 'bodyHex'>, body: { body?: string; bodyHex?: string; charset?: string }): FuzzRequest {
  const headers = { ...req.headers };
  const contentType = headers['content-type'];
  if (body.charset && typeof contentType === 'string' && contentType.startsWith('application/json')) headers['content-type'] = `application/json; charset=${body.charset}`;
  return { ...req, headers, ...(body.body !== undefined ? { body: body.body } : {}), ...(body.bodyHex !== undefined ? { bodyHex: body.bodyHex } : {}) };
}

/**
 * A request that passes every check but one value: the right key, JSON,
 * existing ids, a valid body or query with one field hostile but of the
 * right JSON type. These reach the use-cases and the store, where the
 * 500s of issue 7 lived (a long non-ASCII name, a 1e-131 latitude).
 */
function deepRequestArb(route: RouteDefinition, keys: FuzzKeys, ids: FuzzIds): fc.Arbitrary<FuzzRequest> {
  const stringFields = [
    'customer_name', 'customer_email', 'customer_phone', 'tax_exemption_reason', 'location_name', 'address_street', 'address_city', 'address_state', 'address_zip',
    'first_name', 'last_name', 'title', 'email', 'phone', 'mobile', 'role', 'notes', 'body',
  ];
  const numberFields = ['default_sla_hours', 'latitude', 'longitude'];
  const fields = Object.keys(templateOf(route, 0));
  const queryNames = shapeKeys(route.request.query);
  return fc
    .record({
      n: fc.nat(1_000_000),
      customerId: fc.constantFrom(...ids.customerIds),
      locationId: fc.constantFrom(...ids.locationIds),
      contactId: fc.constantFrom(...ids.contactIds),
      noteId: fc.constantFrom(...ids.noteIds),
      tag: fc.oneof(fc.constantFrom('vip', 'pool%20service'), hostileString.map(encode)),
      seed: route.seedForm ? fc.boolean() : fc.constant(false),
      field: fc.constantFrom(...fields),
      text: hostileString,
      number: hostileNumber,
      query: queryNames.length
        ? fc.array(fc.tuple(fc.constantFrom(...queryNames), fc.oneof(hostileString, hostileNumber.map((x) => x.text))), { maxLength: 2 })
        : fc.constant<[string, string][]>([]),
    })
    .map(({ n, customerId, locationId, contactId, noteId, tag, seed, field, text, number, query }) => {
      const template = seed ? route.seedForm! : route.path;
      const filled = template
        .replace('{customerId}', String(customerId))
        .replace('{locationId}', String(locationId))
        .replace('{contactId}', String(contactId))
        .replace('{noteId}', String(noteId))
        .replace('{tag}', tag);
      const params = query.map(([k, v]) => `${k}=${encode(v)}`);
      const path = `${filled}${params.length ? `${filled.includes('?') ? '&' : '?'}${params.join('&')}` : ''}`;
      const headers = { 'x-api-key': keys.readWrite, 'content-type': 'application/json' };
      if (!route.request.body) return { target: route.operationId, method: route.method, path, headers: { 'x-api-key': keys.readWrite } };
      const body: Record<string, unknown> = templateOf(route, n);
      if (stringFields.includes(field)) body[field] = text;
      else if (field === 'tags') body.tags = ['vip', text];
      else if (numberFields.includes(field)) body[field] = number;
      return { target: route.operationId, method: route.method, path, headers, body: toJsonText(body) };
    });
}

/** A hostile request aimed at one route (its own method; a body even where none belongs, sometimes). */
export function routeRequestArb(route: RouteDefinition, keys: FuzzKeys, ids: FuzzIds): fc.Arbitrary<FuzzRequest> {
  const body = route.request.body ? bodyArb(route) : fc.option(bodyArb(route), { freq: 5 }).map((b) => b ?? {});
  const hostile = fc
    .record({ path: pathArb(route, ids), headers: headersArb(keys), body })
    .map(({ path, headers, body }) => withBody({ target: route.operationId, method: route.method, path, headers }, body));
  return fc.oneof({ weight: 3, arbitrary: hostile }, { weight: 2, arbitrary: deepRequestArb(route, keys, ids) });
}

/** Methods a route does not take, and paths outside the table. */
export function strayRequestArb(keys: FuzzKeys, ids: FuzzIds): fc.Arbitrary<FuzzRequest> {
  const route = fc.constantFrom(...routeList);
  const wrongMethod = fc
    .record({ route, method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE'), headers: headersArb(keys) })
    .chain(({ route, method, headers }) =>
      fc.record({ path: pathArb(route, ids), body: fc.option(bodyArb(route), { freq: 3 }).map((b) => b ?? {}) }).map(({ path, body }) =>
        withBody({ target: `${method} on ${route.operationId}`, method, path, headers }, body),
      ),
    );
  const strayPath = fc
    .record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
      path: fc.oneof(
        fc.constantFrom(
          '/', '/api', '/api/v1', '/api/v1/', '/api/v2/customers', '/API/V1/CUSTOMERS', '//api/v1/customers', '/api/v1//customers', '/api/v1/customers/1/locations/1/extra',
          '/api/v1/customers/%2e%2e/%2e%2e', '/api/v1/customers/1;x=1', '/api/v1/customers/1%00', '/api/v1/customers/%E0%A4%A', '/api/v1/customers/1/Locations',
          '/api/v1/customers?id=1&locations=2', '/api/v1/customers?id=&locations=1', '/api/v1/customers?location_id=1', '/api/v1/customers?id=1&id=2',
          '/api/v1/customers?id=1&locations=1&locations=1', '/api/v1/customers?id=1&locations=1&location_id=1&location_id=2', '/openapi.json/x', '/docs/../api/v1/customers',
        ),
        fc.array(queryComponent(hostileString), { minLength: 1, maxLength: 4 }).map((segs) => `/api/v1/${segs.join('/')}`),
      ),
      headers: headersArb(keys),
    })
    .map(({ method, path, headers }) => ({ target: '', method, path, headers }) satisfies FuzzRequest);
  return fc.oneof(wrongMethod, strayPath);
}

/** Any hostile request: mostly aimed at routes, some stray. */
export function anyRequestArb(keys: FuzzKeys, ids: FuzzIds): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    ...routeList.map((route) => ({ weight: 3, arbitrary: routeRequestArb(route, keys, ids) })),
    { weight: 4, arbitrary: strayRequestArb(keys, ids) },
  );
}


/**
 * The inputs that answered 500 when issue 7 was filed, replayed first on every
 * run so they cannot come back unnoticed whatever the seed draws.
 */
export function knownHostileRequests(route: RouteDefinition, keys: FuzzKeys, ids: FuzzIds): FuzzRequest[] {
  const path = route.path.replace('{customerId}', String(ids.customerIds[0])).replace('{locationId}', String(ids.locationIds[0]));
  const headers = { 'x-api-key': keys.readWrite, 'content-type': 'application/json' };
  const request = (body: Record<string, unknown>, n: number): FuzzRequest => ({
    target: route.operationId,
    method: route.method,
    path,
    headers,
    body: toJsonText({ ...templateOf(route, 900_000 + n), ...body }),
  });
  if (route.operationId === 'listCustomers') {
    return ['각'.repeat(114), '㌖'.repeat(60), 'ﷺ'.repeat(100), '!!!'].map((search) => ({
      target: route.operationId,
      method: 'GET',
      path: `${path}?search=${encode(search)}`,
      headers: { 'x-api-key': keys.readWrite },
    }));
  }
  if (!route.request.body) return [];
  if (route.operationId.toLowerCase().includes('customer')) {
    return [request({ customer_name: '각'.repeat(113) }, 1), request({ customer_name: '㌖'.repeat(57) }, 2), request({ customer_name: 'ﷺ'.repeat(255) }, 3)];
  }
  return [
    request({ latitude: new NumberLiteral('1e-131'), longitude: new NumberLiteral('1e-131') }, 1),
    request({ latitude: new NumberLiteral('-5e-324'), longitude: new NumberLiteral('5e-324') }, 2),
    request({ location_name: '각'.repeat(255), address_street: '㌖'.repeat(255), address_city: 'ﷺ'.repeat(100) }, 3),
  ];
}
