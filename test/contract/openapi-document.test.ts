import { createConfig, lintFromString } from '@redocly/openapi-core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { statusOf } from '../../lib/http/error-status.js';
import { buildOpenApiDocument, errorCodesOf } from '../../lib/openapi/document.js';
import { routeList, type RouteDefinition } from '../../lib/routes.js';

type Json = Record<string, any>;
const document = buildOpenApiDocument() as Json;
const operationOf = (route: RouteDefinition): Json => document.paths[route.path][route.method.toLowerCase()];
const resolve = (response: Json): Json =>
  response.$ref ? document.components.responses[response.$ref.replace('#/components/responses/', '')] : response;

const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
ajv.addSchema(document, 'openapi');
const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document (Redocly recommended rules: no error, no warning)', async () => {
    // A private API: no license to declare.
    const config = await createConfig({ extends: ['recommended'], rules: { 'info-license': 'off' } });
    const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
  });

  it('is OpenAPI 3.1 with the X-API-Key scheme', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.components.securitySchemes.ApiKey).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-API-Key' });
  });

  describe.each(routeList.map((r) => [r.operationId, r] as const))('%s', (_id, route) => {
    it('is documented at its REST path with its scope and seed form', () => {
      const op = operationOf(route);
      expect(op.operationId).toBe(route.operationId);
      expect(op.security).toEqual(route.scope ? [{ ApiKey: [route.scope] }] : []);
      if (route.seedForm) {
        expect(op['x-seed-form']).toBe(`${route.method} ${route.seedForm}`);
        expect(op.description).toContain(route.seedForm);
      }
    });

    it('documents its success envelope with request_id and the X-Request-Id header', () => {
      const success = operationOf(route).responses[String(route.successStatus)];
      expect(success.headers['X-Request-Id'].required).toBe(true);
      const schema = document.components.schemas[success.content['application/json'].schema.$ref.split('/').at(-1)];
      expect(schema.required).toContain('request_id');
      expect(schema.additionalProperties).toBe(false);
    });

    it('documents every error code it can answer, with the error envelope', () => {
      const op = operationOf(route);
      for (const code of errorCodesOf(route)) {
        const response = resolve(op.responses[String(statusOf[code])]);
        expect(response, `${code}`).toBeDefined();
        const schema = JSON.stringify(response.content['application/json'].schema);
        expect(schema).toContain(`"${code}"`);
      }
      if (route.scope) expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '403']));
      if (route.request.body) expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['400', '413', '415']));
      if (route.request.params) expect(Object.keys(op.responses)).toContain('404');
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['400', '429', '500', '503']));
    });

    it('has examples that match its own schemas and that the server accepts', () => {
      const op = operationOf(route);
      const pointer = `openapi#/paths/${escape(route.path)}/${route.method.toLowerCase()}`;
      expect(op.responses[String(route.successStatus)].content['application/json'].examples, 'a success example').toBeDefined();
      for (const [status, ref] of Object.entries(op.responses as Json)) {
        const at = ref.$ref ? `openapi#/components/responses/${ref.$ref.split('/').at(-1)}` : `${pointer}/responses/${status}`;
        for (const [name, example] of Object.entries((resolve(ref).content['application/json'].examples ?? {}) as Json)) {
          const validate = ajv.compile({ $ref: `${at}/content/application~1json/schema` });
          expect(validate(example.value), `${status} ${name}: ${ajv.errorsText(validate.errors)}`).toBe(true);
        }
      }
      const body = op.requestBody?.content['application/json'];
      for (const [name, example] of Object.entries((body?.examples ?? {}) as Json)) {
        const validate = ajv.compile({ $ref: `${pointer}/requestBody/content/application~1json/schema` });
        expect(validate(example.value), `${name}: ${ajv.errorsText(validate.errors)}`).toBe(true);
        expect(z.safeParse(route.request.body!, example.value).success, `${name} is refused by the request schema`).toBe(true);
      }
    });
  });

  it('documents request limits: required body fields, integer ids, page sizes', () => {
    const create = document.paths['/api/v1/customers'].post.requestBody.content['application/json'].schema;
    expect(create.required).toEqual(['customer_name', 'customer_email', 'customer_phone', 'default_sla_hours']);
    expect(create.additionalProperties).toBe(false);
    expect(create.properties.customer_name).toMatchObject({ minLength: 1, maxLength: 255 });
    const list = document.paths['/api/v1/customers'].get.parameters as Json[];
    expect(list.find((p) => p.name === 'per_page')).toMatchObject({ in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } });
    const get = document.paths['/api/v1/customers/{customerId}'].get.parameters as Json[];
    expect(get.find((p) => p.name === 'customerId')).toMatchObject({ in: 'path', required: true, schema: { type: 'integer', minimum: 1 } });
  });

  it('fails loudly on a route without a response schema', () => {
    const bare = { ...routeList[0]!, response: undefined };
    expect(() => buildOpenApiDocument([bare])).toThrow(/has no `response` in lib\/routes\.ts/);
  });
});
