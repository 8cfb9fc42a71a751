import http from 'node:http';
import type { ErrorCode } from '../../lib/errors.js';
import { statusOf } from '../../lib/http/error-status.js';
import { assertMatchesContract } from '../support/contract.js';
import type { FuzzRequest } from './hostile-requests.js';

/**
 * Sends a fuzzed request over a raw socket-level client (node:http, so bytes,
 * methods and headers go out as generated) and judges the answer: it must
 * arrive, never be a 5xx, and every error must be the one envelope with a
 * documented code and the request id in body and header. Every answer must
 * also match the OpenAPI document (test/support/contract.ts).
 */

export interface FuzzResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export class Hang extends Error {}

export function send(baseUrl: string, req: FuzzRequest, timeoutMs: number): Promise<FuzzResponse> {
  const url = new URL(baseUrl);
  const body = req.bodyHex !== undefined ? Buffer.from(req.bodyHex, 'hex') : req.body !== undefined ? Buffer.from(req.body, 'utf8') : undefined;
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.path,
        headers: { ...req.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
        agent: keepAlive,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    const timer = setTimeout(() => {
      request.destroy(new Hang(`no complete answer within ${timeoutMs} ms`));
    }, timeoutMs);
    request.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    request.end(body);
  });
}

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 8 });

const documentedCodes = new Set(Object.keys(statusOf));

/** Everything wrong with an answer; empty when it holds. */
export function problemsOf(baseUrl: string, req: FuzzRequest, res: FuzzResponse): string[] {
  const problems: string[] = [];
  if (res.status >= 500) problems.push(`answered ${res.status}: a server error`);
  const requestId = res.headers['x-request-id'];
  if (req.method === 'HEAD') {
    // No body by definition; only the header can be judged.
    if (!requestId) problems.push('no X-Request-Id header');
    return problems;
  }
  let body: any;
  try {
    body = JSON.parse(res.text);
  } catch {
    problems.push(`the body is not JSON: ${JSON.stringify(res.text.slice(0, 200))}`);
    return problems;
  }
  if (res.status >= 400) {
    if (body?.success !== false) problems.push('error envelope: success is not false');
    const code = body?.error?.code;
    if (typeof code !== 'string' || !documentedCodes.has(code)) problems.push(`error envelope: code ${JSON.stringify(code)} is not a documented code`);
    else if (statusOf[code as ErrorCode] !== res.status) problems.push(`error envelope: code ${code} comes with ${statusOf[code as ErrorCode]}, not ${res.status}`);
    if (typeof body?.error?.message !== 'string') problems.push('error envelope: error.message is not a string');
    if (typeof body?.request_id !== 'string') problems.push('error envelope: request_id is not a string');
  }
  if (!requestId) problems.push('no X-Request-Id header');
  else if (body?.request_id !== undefined && body.request_id !== requestId) problems.push('X-Request-Id differs from request_id');
  if (problems.length === 0) {
    try {
      const headers = new Headers();
      for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
      assertMatchesContract({ method: req.method, url: `${baseUrl}${req.path}`, status: res.status, headers, body });
    } catch (err) {
      problems.push((err as Error).message.split('\nbody:')[0]!);
    }
  }
  return problems;
}

/** The failing exchange as the lead needs it to replay: method, URL, headers, body, status, answer. */
export function describeExchange(req: FuzzRequest, res: FuzzResponse | undefined, problems: string[]): string {
  const clip = (s: string, n = 400) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => clip(x, 80)) : clip(v, 80)]));
  return [
    problems.map((p) => clip(p, 300)).join('; '),
    `  request:  ${req.method} ${clip(req.path)}`,
    `  headers:  ${JSON.stringify(headers)}`,
    ...(req.body !== undefined ? [`  body:     ${clip(JSON.stringify(req.body))}`] : []),
    ...(req.bodyHex !== undefined ? [`  body hex: ${clip(req.bodyHex)}`] : []),
    ...(res ? [`  answer:   ${res.status} ${clip(res.text, 600)}`] : ['  answer:   none']),
  ].join('\n');
}

/** Sends and judges; throws with the whole exchange when the answer is wrong or never comes. */
export async function sendAndJudge(baseUrl: string, req: FuzzRequest, timeoutMs: number): Promise<void> {
  let res: FuzzResponse;
  try {
    res = await send(baseUrl, req, timeoutMs);
  } catch (err) {
    throw new Error(describeExchange(req, undefined, [err instanceof Hang ? `hang: ${err.message}` : `no answer: ${(err as Error).message}`]));
  }
  const problems = problemsOf(baseUrl, req, res);
  if (problems.length) throw new Error(describeExchange(req, res, problems));
}
