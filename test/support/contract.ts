import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { z } from 'zod';
import { rewriteSeedUrl } from '../../lib/edge/seed-url-rewrite.js';
import { buildOpenApiDocument, type OpenApiDocument } from '../../lib/openapi/document.js';
import { isDocsSitePath } from '../../lib/openapi/docs-site.js';
import { errorEnvelope } from '../../lib/openapi/envelopes.js';
import { matchRoute } from '../../lib/routes.js';

/**
 * Contract check of one HTTP exchange against the OpenAPI document the code
 * generates: the request (seed-style URLs rewritten as the edge does) maps to
 * its operation, the status must be documented for it, the documented
 * headers must be present, and the body must match the response schema —
 * whose objects forbid undocumented fields. Every response of the e2e suite
 * goes through here (test/support/local-api.ts, the typed client's test).
 */

export interface Exchange {
  method: string;
  /** Absolute URL the request went to. */
  url: string;
  status: number;
  headers: Headers;
  /** The parsed JSON body, or the raw text when it is not JSON. */
  body: unknown;
}

export class ContractViolation extends Error {
  override name = 'ContractViolation';
}

type Json = Record<string, any>;

// ajv-formats is CommonJS with a `default` export; under NodeNext its callable sits on .default.
const addFormats = addFormatsModule.default;

interface Contract {
  document: OpenApiDocument;
  ajv: Ajv2020;
  paths: { template: string; pattern: RegExp }[];
  validators: Map<string, ValidateFunction>;
}

let contract: Contract | undefined;

function load(): Contract {
  if (contract) return contract;
  // Routes without a response schema are left out, so only requests reaching them fail (with the reason).
  const document = buildOpenApiDocument(undefined, { skipUndocumented: true });
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema(document as Json, 'openapi');
  const paths = Object.keys(document.paths ?? {}).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
  }));
  contract = { document, ajv, paths, validators: new Map() };
  return contract;
}

const pointer = (...segments: string[]) => segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

function validatorAt(c: Contract, jsonPointer: string): ValidateFunction {
  let validate = c.validators.get(jsonPointer);
  if (!validate) {
    validate = c.ajv.compile({ $ref: `openapi#/${jsonPointer}` });
    c.validators.set(jsonPointer, validate);
  }
  return validate;
}

const unmatchedValidators = new Map<string, ValidateFunction>();
function unmatchedValidator(c: Contract, code: 'route_not_found' | 'method_not_allowed'): ValidateFunction {
  let validate = unmatchedValidators.get(code);
  if (!validate) {
    validate = c.ajv.compile(z.toJSONSchema(errorEnvelope([code]), { target: 'draft-2020-12', io: 'output' }) as Json);
    unmatchedValidators.set(code, validate);
  }
  return validate;
}

function describeErrors(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .map((e) => {
      const at = e.instancePath || '(body)';
      const extra = e.keyword === 'additionalProperties' ? ` "${(e.params as { additionalProperty: string }).additionalProperty}"` : '';
      return `${at} ${e.message}${extra}`;
    })
    .join('; ');
}

/** Throws a ContractViolation describing every way the exchange breaks the documented contract. */
export function assertMatchesContract(x: Exchange): void {
  const c = load();
  const url = new URL(x.url);
  const method = x.method.toUpperCase();
  if (isDocsSitePath(url.pathname)) return; // the docs site itself, not an API operation
  const { path } = rewriteSeedUrl(method, url.pathname, url.searchParams);
  const what = `${method} ${url.pathname}${url.search} → ${x.status}`;
  const fail = (problem: string): never => {
    throw new ContractViolation(`Contract violation: ${what}: ${problem}\nbody: ${JSON.stringify(x.body)?.slice(0, 2000)}`);
  };

  // As OpenAPI (and API Gateway) match: a concrete path (/customers/deactivate) before a templated one (/customers/{customerId}).
  const candidates = c.paths.filter((p) => p.pattern.test(path)).sort((a, b) => a.template.split('{').length - b.template.split('{').length);
  const matchedPath = candidates.find((p) => (c.document.paths?.[p.template] as Json | undefined)?.[method.toLowerCase()]) ?? candidates[0];
  const operation = matchedPath && (c.document.paths?.[matchedPath.template] as Json | undefined)?.[method.toLowerCase()];

  if (!operation) {
    const inCode = matchRoute(method, path);
    if (inCode && inCode !== 'method_not_allowed') {
      fail(`route ${inCode.route.operationId} is not in the OpenAPI document: give it a \`response\` in lib/routes.ts`);
    }
    // No such operation: the fallback's 405 (path known under another method) or 404.
    const code = matchedPath ? 'method_not_allowed' : 'route_not_found';
    const status = matchedPath ? 405 : 404;
    if (x.status !== status) fail(`no operation matches, so the answer must be ${status} ${code}`);
    const validate = unmatchedValidator(c, code);
    if (!validate(x.body)) fail(describeErrors(validate));
    if (!x.headers.get('x-request-id')) fail('the X-Request-Id header is missing');
    if (status === 405 && !x.headers.get('allow')) fail('a 405 must name the allowed methods in an Allow header');
    return;
  }

  const opPointer = ['paths', matchedPath!.template, method.toLowerCase()];
  let responsePointer = [...opPointer, 'responses', String(x.status)];
  let response = operation.responses?.[String(x.status)] as Json | undefined;
  if (!response) {
    fail(`status ${x.status} is not documented for ${operation.operationId} (documented: ${Object.keys(operation.responses ?? {}).join(', ')})`);
  }
  if (typeof response!.$ref === 'string') {
    const ref = response!.$ref as string;
    const name = ref.replace('#/components/responses/', '');
    response = (c.document.components?.responses as Json | undefined)?.[name];
    responsePointer = ['components', 'responses', name];
    if (!response) fail(`dangling reference ${ref}`);
  }

  for (const [name, header] of Object.entries((response!.headers ?? {}) as Json)) {
    if (header.required && !x.headers.get(name)) fail(`the ${name} header is missing`);
  }
  const requestId = x.headers.get('x-request-id');
  const bodyId = (x.body as { request_id?: unknown } | null)?.request_id;
  if (requestId && bodyId !== undefined && bodyId !== requestId) {
    fail(`request_id ${JSON.stringify(bodyId)} differs from the X-Request-Id header ${requestId}`);
  }

  const media = response!.content?.['application/json'];
  if (!media) {
    if (x.body !== '' && x.body !== undefined) fail('the documented response has no body, yet one came');
    return;
  }
  const contentType = x.headers.get('content-type') ?? '';
  if (!contentType.includes('application/json')) fail(`content-type is "${contentType}", documented application/json`);
  if (typeof x.body === 'string') fail('the body is not JSON');
  const validate = validatorAt(c, pointer(...responsePointer, 'content', 'application/json', 'schema'));
  if (!validate(x.body)) fail(describeErrors(validate));
}
