import { RateLimitedError } from '../errors.js';

/**
 * The per-deployment rate limits. In AWS they are WAF rate-based rules on the
 * CloudFront distribution (infra/constructs/web-acl.ts); the local server
 * emulates the same rules in process (lib/local/server.ts, LOCAL_RATE_LIMIT).
 * Both build their 429 from this file, so the two answers cannot drift.
 */
export interface RateLimitSettings {
  /** Requests per window for one X-API-Key value: one tenant's runaway job cannot take the others' capacity. */
  perKey: number;
  /** Requests per window from one client IP that send no X-API-Key (WAF cannot key on an absent header). */
  perIpWithoutKey: number;
  /** Requests per window from one client IP, keyed or not: bounds a client that sprays made-up keys. AWS only. */
  perIp: number;
  /** The window, seconds: WAF's rate-based rules accept only these. */
  windowSeconds: RateLimitWindow;
}

export const rateLimitWindows = [60, 120, 300, 600] as const;
export type RateLimitWindow = (typeof rateLimitWindows)[number];

/**
 * 3000 per 5 minutes is 10 requests/s sustained per key, a tenth of the
 * stage-wide 100 req/s: ten busy tenants fit before the stage throttle bites,
 * and one cannot take more than a tenth. Keyless traffic (the docs, probes,
 * mistakes) needs far less; the per-IP ceiling leaves room for a few keys
 * behind one NAT.
 */
export const rateLimitDefaults: RateLimitSettings = {
  perKey: 3000,
  perIpWithoutKey: 300,
  perIp: 15000,
  windowSeconds: 300,
};

/** WAF's bounds on a rate-based rule's limit. */
export const rateLimitBounds = { min: 10, max: 2_000_000_000 } as const;

/** The header the per-key rule aggregates on (lowercase: WAF matches header names case-insensitively). */
export const apiKeyHeader = 'x-api-key';

/**
 * What the edge's 429 carries as request_id. A WAF response body is static
 * text, so it cannot hold a per-request id; no Fieldbook function ran, so
 * there is none to give. The constant says where the answer came from;
 * CloudFront's X-Amz-Cf-Id response header identifies the request.
 */
export const edgeRequestId = 'edge';

export type RateLimitedBy = 'key' | 'ip';

/** The error envelope of a 429, as both the WAF rule and the local server send it. */
export function rateLimitedBody(by: RateLimitedBy, retryAfterSeconds: number, requestId: string): string {
  const { message } = new RateLimitedError(retryAfterSeconds);
  return JSON.stringify({
    success: false,
    error: { code: 'rate_limited', message: by === 'key' ? message : message.replace('for this API key', 'from this client address') },
    request_id: requestId,
  });
}

/**
 * The edge's Retry-After. WAF counts over a sliding window and lifts the block
 * once the count falls under the limit, which, for a client that stops, takes
 * at most one window: that upper bound is the honest static value.
 */
export const edgeRetryAfterSeconds = (settings: RateLimitSettings): number => settings.windowSeconds;

/** Throws on a setting WAF would reject at deploy time, naming it. */
export function checkRateLimitSettings(settings: RateLimitSettings): RateLimitSettings {
  for (const key of ['perKey', 'perIpWithoutKey', 'perIp'] as const) {
    const value = settings[key];
    if (!Number.isInteger(value) || value < rateLimitBounds.min || value > rateLimitBounds.max) {
      throw new Error(`rate limit "${key}" must be an integer from ${rateLimitBounds.min} to ${rateLimitBounds.max}, got ${String(value)}`);
    }
  }
  if (!(rateLimitWindows as readonly number[]).includes(settings.windowSeconds)) {
    throw new Error(`rate limit "windowSeconds" must be one of ${rateLimitWindows.join(', ')}, got ${String(settings.windowSeconds)}`);
  }
  return settings;
}

/**
 * A fixed-window counter per key, for the local server. WAF's window slides;
 * a fixed one is simpler and gives an exact Retry-After (the time to the
 * window's end), which is what a client is told to honour anyway.
 */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();
  private sweptAt = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request for `key`: undefined when allowed, else the whole seconds until the window resets. */
  take(key: string): number | undefined {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= this.windowMs) {
      this.sweep(now);
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= this.limit) return undefined;
    return Math.max(1, Math.ceil((window.startedAt + this.windowMs - now) / 1000));
  }

  /** Forgets expired windows (at most once a window), so made-up keys cannot grow the map for ever. */
  private sweep(now: number) {
    if (now - this.sweptAt < this.windowMs) return;
    this.sweptAt = now;
    for (const [key, w] of this.windows) if (now - w.startedAt >= this.windowMs) this.windows.delete(key);
  }
}

/** Why a request was refused, and for how long. */
export interface RateLimitVerdict {
  by: RateLimitedBy;
  retryAfterSeconds: number;
}

/**
 * The edge's rules, in process: per key for requests with a key, per client IP
 * for those without. The all-requests per-IP ceiling is left out: locally every
 * client is 127.0.0.1, so it would only re-count the per-key traffic.
 */
export class LocalRateLimiter {
  private readonly perKey: FixedWindowLimiter;
  private readonly perIpWithoutKey: FixedWindowLimiter;

  constructor(
    readonly settings: RateLimitSettings,
    now: () => number = Date.now,
  ) {
    checkRateLimitSettings(settings);
    this.perKey = new FixedWindowLimiter(settings.perKey, settings.windowSeconds * 1000, now);
    this.perIpWithoutKey = new FixedWindowLimiter(settings.perIpWithoutKey, settings.windowSeconds * 1000, now);
  }

  /** Counts the request; a verdict when it is over a limit. An empty key counts as none, as at the edge. */
  check(apiKey: string | undefined, clientIp: string): RateLimitVerdict | undefined {
    const retryAfterSeconds = apiKey ? this.perKey.take(apiKey) : this.perIpWithoutKey.take(clientIp);
    return retryAfterSeconds === undefined ? undefined : { by: apiKey ? 'key' : 'ip', retryAfterSeconds };
  }
}

/**
 * LOCAL_RATE_LIMIT: unset, empty, "0", "off" or "false" → no limit (the
 * default, so tests and `npm start` are unaffected); "on", "1" or "true" →
 * the deployed defaults; else overrides like "perKey=5,perIpWithoutKey=10,windowSeconds=60"
 * on top of the defaults.
 */
export function parseLocalRateLimit(value: string | undefined): RateLimitSettings | undefined {
  const raw = (value ?? '').trim();
  if (['', '0', 'off', 'false'].includes(raw.toLowerCase())) return undefined;
  if (['1', 'on', 'true'].includes(raw.toLowerCase())) return { ...rateLimitDefaults };
  const settings: Record<string, number> = { ...rateLimitDefaults };
  for (const part of raw.split(',')) {
    const [name, number] = part.split('=').map((s) => s.trim());
    if (!name || !(name in rateLimitDefaults) || number === undefined || !/^\d+$/.test(number)) {
      throw new Error(`LOCAL_RATE_LIMIT: expected "on" or name=value pairs of ${Object.keys(rateLimitDefaults).join(', ')}, got "${raw}"`);
    }
    settings[name] = Number(number);
  }
  return checkRateLimitSettings(settings as unknown as RateLimitSettings);
}
