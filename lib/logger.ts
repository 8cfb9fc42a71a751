/**
 * One structured JSON logger for every function: one line per entry with
 * level, message, timestamp and service, plus keys appended for the current
 * request (request_id). Written in-house rather than with Powertools Logger,
 * which added ~23 KB to every HTTP bundle for features we do not use
 * (buffering, sampling, Lambda-context injection).
 *
 * Errors are serialized as name, message, stack (and cause, code) only: an
 * SDK error's other fields can carry item values, and items carry PII.
 */

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';

type LogAttributes = Record<string, unknown>;

const severity: Record<LogLevel, number> = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40, SILENT: 100 };

/** Keys every line owns; appended keys and extras cannot overwrite them. */
const reserved = new Set(['level', 'message', 'timestamp', 'service', 'xray_trace_id']);

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
  cause?: unknown;
}

export function serializeError(error: Error, depth = 0): SerializedError {
  const code = (error as { code?: unknown }).code;
  const cause = (error as { cause?: unknown }).cause;
  return {
    name: error.name,
    message: error.message,
    stack: error.stack,
    ...(typeof code === 'string' ? { code } : {}),
    // Only an Error cause is kept: any other value is of unknown content.
    ...(cause instanceof Error && depth < 3 ? { cause: serializeError(cause, depth + 1) } : {}),
  };
}

/** JSON.stringify replacer: Errors as above, bigints as strings, cycles dropped. */
function jsonReplacer(): (this: unknown, key: string, value: unknown) => unknown {
  const ancestors: unknown[] = [];
  return function (this: unknown, _key: string, value: unknown) {
    if (value instanceof Error) return serializeError(value);
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'object' && value !== null) {
      while (ancestors.length > 0 && ancestors.at(-1) !== this) ancestors.pop();
      if (ancestors.includes(value)) return undefined;
      ancestors.push(value);
    }
    return value;
  };
}

export function parseLogLevel(value: string | undefined, fallback: LogLevel): LogLevel {
  const upper = value?.toUpperCase();
  return upper && upper in severity ? (upper as LogLevel) : fallback;
}

export interface LoggerOptions {
  service: string;
  level: LogLevel;
  /** Where a finished line goes; by default stdout, WARN and ERROR on stderr (as console does). */
  write?: (level: Exclude<LogLevel, 'SILENT'>, line: string) => void;
  now?: () => Date;
}

const writeToConsoleStreams = (level: LogLevel, line: string) => {
  (level === 'WARN' || level === 'ERROR' ? process.stderr : process.stdout).write(`${line}\n`);
};

export class Logger {
  private level: LogLevel;
  private readonly keys: LogAttributes = {};

  constructor(private readonly options: LoggerOptions) {
    this.level = options.level;
  }

  debug(message: string, extra?: Error | LogAttributes): void {
    this.log('DEBUG', message, extra);
  }

  info(message: string, extra?: Error | LogAttributes): void {
    this.log('INFO', message, extra);
  }

  warn(message: string, extra?: Error | LogAttributes): void {
    this.log('WARN', message, extra);
  }

  error(message: string, extra?: Error | LogAttributes): void {
    this.log('ERROR', message, extra);
  }

  /** Keys written on every line until removed (the request id, for one request). */
  appendKeys(attributes: LogAttributes): void {
    for (const [key, value] of Object.entries(attributes)) if (!reserved.has(key)) this.keys[key] = value;
  }

  removeKeys(keys: readonly string[]): void {
    for (const key of keys) delete this.keys[key];
  }

  setLogLevel(level: LogLevel): void {
    this.level = level;
  }

  getLevelName(): LogLevel {
    return this.level;
  }

  private log(level: Exclude<LogLevel, 'SILENT'>, message: string, extra?: Error | LogAttributes): void {
    if (severity[level] < severity[this.level]) return;
    const entry: LogAttributes = {
      level,
      message,
      timestamp: (this.options.now?.() ?? new Date()).toISOString(),
      service: this.options.service,
    };
    // Lambda sets the trace header per invocation; it ties the line to API Gateway's and X-Ray's records.
    const trace = /Root=([^;]+)/.exec(process.env._X_AMZN_TRACE_ID ?? '')?.[1];
    if (trace) entry.xray_trace_id = trace;
    const extras = extra instanceof Error ? { error: extra } : (extra ?? {});
    for (const source of [this.keys, extras]) {
      for (const [key, value] of Object.entries(source)) if (!reserved.has(key)) entry[key] = value;
    }
    let line: string;
    try {
      line = JSON.stringify(entry, jsonReplacer());
    } catch (err) {
      // A getter that throws, say: still say something, on one line.
      line = JSON.stringify({ level, message, timestamp: entry.timestamp, service: this.options.service, log_error: String(err) });
    }
    (this.options.write ?? writeToConsoleStreams)(level, line);
  }
}

export const logger = new Logger({
  service: 'fieldbook',
  level: parseLogLevel(process.env.LOG_LEVEL, process.env.VITEST ? 'SILENT' : 'INFO'),
});
