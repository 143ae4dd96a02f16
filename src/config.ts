import { z } from 'zod';
import { SECRET_PATTERN } from './auth/secrets.js';

/**
 * Typed configuration, parsed once at start-up from the environment (see README "Configuration").
 * `buildApp` takes a `Config`; tests pass literal values.
 */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Listening address. Loopback by default: an install without API keys accepts writes only there (docs/auth.md). */
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, 'must be a file: URL (SQLite) or a postgresql:// URL')
    .default('file:./data/breakeven.db'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest request body accepted by ordinary routes, bytes. */
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  /** Largest request body accepted by POST /compare/batch, bytes. */
  BATCH_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(64 * 1_048_576),
  /** Time allowed to receive a whole request (headers and body), ms; past it the server answers 408 and closes. */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** Time allowed to receive the request headers, ms (at most REQUEST_TIMEOUT_MS); the slow-loris guard. */
  HEADERS_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Idle keep-alive connection timeout, ms. */
  KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().positive().default(72_000),
  /** Time allowed for in-flight requests to finish on SIGTERM before the process exits, ms. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().positive().default(10_000),
  /**
   * First part of the grace period during which /ready answers 503 (draining) while the listener
   * still accepts and serves requests, so a load balancer can stop routing here, ms.
   */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).default(2_000),
  /** How long the in-memory profile cache may serve a profile another instance changed, ms. */
  PROFILE_CACHE_TTL_MS: z.coerce.number().int().min(0).max(3_600_000).default(5_000),
  /**
   * Comparison answers kept in memory for repeated identical requests (src/services/answer-memo;
   * about 80 KB each for an 8-candidate answer with detail, its JSON text included); 0 turns it off.
   */
  ANSWER_MEMO_ENTRIES: z.coerce.number().int().min(0).max(10_000).default(128),
  /** Prices older than this many days draw a `stale-price` warning in comparison results. */
  PRICE_STALE_DAYS: z.coerce.number().int().min(1).max(36_500).default(90),
  /** Where the price sync reads the genai-prices dataset; unset: the snapshot bundled in the package. */
  PRICE_SYNC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Time allowed to download PRICE_SYNC_URL, ms. */
  PRICE_SYNC_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
  /** Run the price sync every this many minutes; 0 (default) turns the schedule off. */
  PRICE_SYNC_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(525_600).default(0),
  /**
   * Requests per minute per client (API key, else IP) on the computing routes (/compare,
   * /compare/batch, /estimates, /projections). 429 past it.
   */
  RATE_LIMIT_MAX: z.coerce.number().int().positive().default(120),
  /** Requests per minute per client on the other GET/HEAD routes. */
  RATE_LIMIT_READ_MAX: z.coerce.number().int().positive().default(1_200),
  /** Requests per minute per client on the other POST/PUT/PATCH/DELETE routes. */
  RATE_LIMIT_WRITE_MAX: z.coerce.number().int().positive().default(120),
  /** Load shedding: 503 while the mean event-loop delay of the last second exceeds this, ms (0 = off). */
  PRESSURE_MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).default(1_000),
  /** Load shedding: 503 while the V8 heap in use exceeds this, MiB (0 = off). */
  PRESSURE_MAX_HEAP_USED_MB: z.coerce.number().int().min(0).default(1_536),
  /** Load shedding: 503 while the resident set size exceeds this, MiB (0 = off). */
  PRESSURE_MAX_RSS_MB: z.coerce.number().int().min(0).default(2_048),
  /** `Retry-After` of a load-shedding 503, seconds. */
  PRESSURE_RETRY_AFTER_S: z.coerce.number().int().positive().default(10),
  /**
   * Origins (scheme://host[:port]) whose browser pages may call the API, comma-separated. Empty
   * (default): no CORS headers at all.
   */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o !== ''),
    )
    .pipe(z.array(z.string().regex(/^https?:\/\/[^/\s,]+$/, 'each origin must be scheme://host[:port], e.g. https://tool.example'))),
  /** Worker threads that render SVG charts (started on the first chart request); renders beyond them wait in a queue. */
  CHART_WORKERS: z.coerce.number().int().min(1).max(16).default(1),
  /** Load data/reference/profiles.json into an empty store at start-up. */
  LOAD_REFERENCE_DATA: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Run scheduled scenarios in this instance (docs/runs.md); false leaves it to other instances or to `breakeven run-due`. */
  SCHEDULER_ENABLED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** How often the scheduler looks for due scenarios, ms (keep it below the shortest schedule period). */
  SCHEDULER_POLL_MS: z.coerce.number().int().min(50).max(3_600_000).default(1_000),
  /** Send queued webhook events from this instance. */
  NOTIFY_DELIVERY_ENABLED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Comma-separated host names webhooks may be sent to (`*.example.com` for subdomains); empty allows any host (SSRF risk: docs/runs.md). */
  NOTIFY_ALLOWED_HOSTS: z.string().default(''),
  /** How often the delivery loop looks for due webhook events, ms. */
  NOTIFY_POLL_MS: z.coerce.number().int().min(50).max(3_600_000).default(1_000),
  /** Attempts per webhook event before it is marked failed. */
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  /** Delay before the first retry, ms; doubled for each further retry. */
  NOTIFY_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(2_000),
  /** Time allowed for one webhook POST, ms. */
  NOTIFY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  /** `open`: reads need no key; `key`: every read needs a key (any scope). Writes always need one (docs/auth.md). */
  AUTH_READS: z.enum(['open', 'key']).default('open'),
  /** An admin API key to ensure at start (stored hashed, named `bootstrap-admin`); generate one as docs/auth.md shows. */
  ADMIN_API_KEY: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().regex(SECRET_PATTERN, 'must be `bk_` followed by 43 base64url characters (32 random bytes; see docs/auth.md)').optional(),
  ),
  /** Whether this instance processes asynchronous batch jobs (POST /batch-jobs) in the background (docs/jobs.md). */
  BATCH_JOBS_ENABLED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Items of a batch job evaluated and committed together (one transaction per chunk). */
  BATCH_JOB_CHUNK_SIZE: z.coerce.number().int().min(1).max(10_000).default(200),
  /** How often an idle worker looks for a batch job to take, ms. */
  BATCH_JOB_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(1_000),
  /** How long a worker holds a job without committing a chunk before another instance (or a restart) may take it over, ms. */
  BATCH_JOB_LEASE_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /** Pause between two chunks of a batch job, ms (leaves CPU to requests on a busy instance; 0 = only yield to the event loop). */
  BATCH_JOB_CHUNK_PAUSE_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  /** How long an instance trusts a looked-up API key before reading it again (a revocation through another instance takes effect within this), ms. */
  AUTH_KEY_CACHE_TTL_MS: z.coerce.number().int().min(0).max(300_000).default(5_000),
});

export type Config = z.output<typeof configSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}

/** Literal configuration with every default, for tests and tools. */
export function defaultConfig(overrides: Partial<Config> = {}): Config {
  return { ...configSchema.parse({}), ...overrides };
}
