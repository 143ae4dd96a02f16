import { z } from 'zod';

/**
 * Typed configuration, parsed once at start-up from the environment (see README "Configuration").
 * `buildApp` takes a `Config`; tests pass literal values.
 */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
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
  /** Time allowed to receive a whole request, ms. */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** Idle keep-alive connection timeout, ms. */
  KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().positive().default(72_000),
  /** Time allowed for in-flight requests to finish on SIGTERM before the process exits, ms. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().positive().default(10_000),
  /** How long the in-memory profile cache may serve a profile another instance changed, ms. */
  PROFILE_CACHE_TTL_MS: z.coerce.number().int().min(0).max(3_600_000).default(5_000),
  /** Prices older than this many days draw a `stale-price` warning in comparison results. */
  PRICE_STALE_DAYS: z.coerce.number().int().min(1).max(36_500).default(90),
  /** Where the price sync reads the genai-prices dataset; unset: the snapshot bundled in the package. */
  PRICE_SYNC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Time allowed to download PRICE_SYNC_URL, ms. */
  PRICE_SYNC_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
  /** Run the price sync every this many minutes; 0 (default) turns the schedule off. */
  PRICE_SYNC_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(525_600).default(0),
  /** Load data/reference/profiles.json into an empty store at start-up. */
  LOAD_REFERENCE_DATA: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
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
