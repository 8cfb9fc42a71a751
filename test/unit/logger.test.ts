import { afterEach, describe, expect, it, vi } from 'vitest';
import { Logger, parseLogLevel, type LogLevel } from '../../lib/logger.js';

const at = new Date('2026-03-01T12:34:56.789Z');

function capture(level: LogLevel = 'DEBUG') {
  const lines: { level: string; line: string }[] = [];
  const logger = new Logger({ service: 'fieldbook', level, now: () => at, write: (lvl, line) => lines.push({ level: lvl, line }) });
  const entries = () => lines.map(({ line }) => JSON.parse(line) as Record<string, any>);
  return { logger, lines, entries };
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('logger', () => {
  it('writes one JSON line per entry with level, message, timestamp and service first', () => {
    const { logger, lines, entries } = capture();
    logger.info('request', { method: 'GET', status: 200 });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.line).not.toContain('\n');
    expect(entries()[0]).toEqual({ level: 'INFO', message: 'request', timestamp: '2026-03-01T12:34:56.789Z', service: 'fieldbook', method: 'GET', status: 200 });
    expect(Object.keys(entries()[0]!).slice(0, 4)).toEqual(['level', 'message', 'timestamp', 'service']);
  });

  it('writes only entries at or above its level, and nothing when SILENT', () => {
    const levels: LogLevel[] = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT'];
    const written = levels.map((level) => {
      const { logger, entries } = capture(level);
      logger.debug('d');
      logger.info('i');
      logger.warn('w');
      logger.error('e');
      return entries().map((e) => e.level);
    });
    expect(written).toEqual([['DEBUG', 'INFO', 'WARN', 'ERROR'], ['INFO', 'WARN', 'ERROR'], ['WARN', 'ERROR'], ['ERROR'], []]);

    const { logger, entries } = capture('SILENT');
    logger.setLogLevel('WARN');
    logger.info('no');
    logger.warn('yes');
    expect(entries().map((e) => e.message)).toEqual(['yes']);
    expect(logger.getLevelName()).toBe('WARN');
  });

  it('puts appended keys (the request id) on every line until they are removed', () => {
    const { logger, entries } = capture();
    logger.appendKeys({ request_id: 'req-1' });
    logger.info('one');
    logger.error('two', new Error('boom'));
    logger.warn('three', { request_id: 'req-1', extra: true });
    logger.removeKeys(['request_id']);
    logger.info('after');
    expect(entries().map((e) => e.request_id)).toEqual(['req-1', 'req-1', 'req-1', undefined]);
  });

  it('never lets appended keys or extras overwrite level, message, timestamp or service', () => {
    const { logger, entries } = capture();
    logger.appendKeys({ level: 'DEBUG', service: 'other' });
    logger.info('real', { message: 'fake', timestamp: 'then' });
    expect(entries()[0]).toMatchObject({ level: 'INFO', message: 'real', timestamp: at.toISOString(), service: 'fieldbook' });
  });

  it('serializes an error as name, message, stack and cause', () => {
    const { logger, entries } = capture();
    class StoreError extends Error {
      override name = 'StoreError';
    }
    const cause = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    logger.error('request failed', new StoreError('write failed', { cause }));
    const { error } = entries()[0]!;
    expect(error).toMatchObject({ name: 'StoreError', message: 'write failed', cause: { name: 'Error', message: 'socket hang up', code: 'ECONNRESET' } });
    expect(error.stack).toMatch(/^StoreError: write failed\n\s+at /);
    expect(error.cause.stack).toMatch(/socket hang up/);

    // An error nested in the extras is serialized the same way.
    logger.warn('geocoder unavailable', { error: new TypeError('bad') });
    expect(entries()[1]!.error).toMatchObject({ name: 'TypeError', message: 'bad' });
  });

  it("leaves out an error's other fields: an SDK error can carry the item, and items carry PII", () => {
    const { logger, lines } = capture();
    const err = Object.assign(new Error('The conditional request failed'), {
      name: 'ConditionalCheckFailedException',
      Item: { customer_email: { S: 'john@acme.com' } },
      CancellationReasons: [{ Code: 'ConditionalCheckFailed', Item: { customer_phone: { S: '+15551234567' } } }],
      cause: { customer_name: 'Acme' },
    });
    logger.error('request failed', err);
    expect(lines[0]!.line).toContain('ConditionalCheckFailedException');
    expect(lines[0]!.line).not.toMatch(/john@acme\.com|\+15551234567|Acme/);
  });

  it('survives bigints and cycles in extras, still one line', () => {
    const { logger, entries } = capture();
    const cyclic: Record<string, unknown> = { name: 'a' };
    cyclic.self = cyclic;
    logger.info('odd values', { n: 12n, cyclic });
    expect(entries()[0]).toMatchObject({ n: '12', cyclic: { name: 'a' } });
  });

  it('adds the X-Ray trace id Lambda sets for the invocation', () => {
    const { logger, entries } = capture();
    vi.stubEnv('_X_AMZN_TRACE_ID', 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1');
    logger.info('traced');
    expect(entries()[0]!.xray_trace_id).toBe('1-5759e988-bd862e3fe1be46a994272793');
  });

  it('reads LOG_LEVEL (any case), falling back on an unknown value', () => {
    expect(parseLogLevel('debug', 'INFO')).toBe('DEBUG');
    expect(parseLogLevel('SILENT', 'INFO')).toBe('SILENT');
    expect(parseLogLevel('verbose', 'INFO')).toBe('INFO');
    expect(parseLogLevel(undefined, 'SILENT')).toBe('SILENT');
  });

  it('the shared logger is SILENT under vitest unless LOG_LEVEL says otherwise', async () => {
    vi.stubEnv('LOG_LEVEL', undefined);
    expect((await import('../../lib/logger.js')).logger.getLevelName()).toBe('SILENT');
    vi.resetModules();
    vi.stubEnv('LOG_LEVEL', 'WARN');
    expect((await import('../../lib/logger.js')).logger.getLevelName()).toBe('WARN');
  });

  it('the shared logger writes INFO to stdout and ERROR to stderr, as the service fieldbook', async () => {
    vi.stubEnv('LOG_LEVEL', 'INFO');
    const { logger } = await import('../../lib/logger.js');
    const out: string[] = [];
    const err: string[] = [];
    const spies = [
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => (out.push(String(chunk)), true)),
      vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => (err.push(String(chunk)), true)),
    ];
    try {
      logger.debug('hidden');
      logger.info('to stdout');
      logger.error('to stderr', new Error('x'));
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(out.map((l) => JSON.parse(l).message)).toEqual(['to stdout']);
    expect(err.map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ level: 'ERROR', message: 'to stderr', service: 'fieldbook' })]);
    expect([...out, ...err].every((l) => l.endsWith('\n') && l.indexOf('\n') === l.length - 1)).toBe(true);
  });
});
