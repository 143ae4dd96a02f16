import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { ServiceUnavailableError } from '../errors.js';

type PressureConfig = Pick<
  Config,
  'PRESSURE_MAX_EVENT_LOOP_DELAY_MS' | 'PRESSURE_MAX_HEAP_USED_MB' | 'PRESSURE_MAX_RSS_MB' | 'PRESSURE_RETRY_AFTER_S'
>;

/** Routes still answered under pressure: liveness and metrics must not fail because the process is busy. */
const NEVER_SHED = new Set(['/health', '/metrics', '/ready']);

const MIB = 1_048_576;

const WHAT: Record<string, string> = {
  eventLoopDelay: 'event-loop delay',
  heapUsedBytes: 'heap in use',
  rssBytes: 'resident memory',
  eventLoopUtilization: 'event-loop utilisation',
  healthCheck: 'health check',
};

/**
 * Load shedding (@fastify/under-pressure). Once a second the plugin samples the mean event-loop
 * delay of the last second, the heap in use and the RSS; while one is over its threshold
 * (PRESSURE_MAX_EVENT_LOOP_DELAY_MS, PRESSURE_MAX_HEAP_USED_MB, PRESSURE_MAX_RSS_MB; 0 disables
 * one), every request except /health, /metrics and /ready is answered 503 problem+json with
 * `Retry-After: PRESSURE_RETRY_AFTER_S` before any work is done. /ready answers 503 itself
 * (`pressureReason`), so a load balancer stops sending traffic.
 */
export async function registerLoadShedding(app: FastifyInstance, config: PressureConfig): Promise<void> {
  await app.register(underPressure, {
    maxEventLoopDelay: config.PRESSURE_MAX_EVENT_LOOP_DELAY_MS,
    maxHeapUsedBytes: config.PRESSURE_MAX_HEAP_USED_MB * MIB,
    maxRssBytes: config.PRESSURE_MAX_RSS_MB * MIB,
    retryAfter: config.PRESSURE_RETRY_AFTER_S,
    pressureHandler: (req, reply, type, value) => {
      if (req.routeOptions.url !== undefined && NEVER_SHED.has(req.routeOptions.url)) return undefined;
      reply.header('retry-after', String(config.PRESSURE_RETRY_AFTER_S));
      return Promise.reject(new ServiceUnavailableError(overloadDetail(type, value, config)));
    },
  });
}

function overloadDetail(type: string, value: number | undefined, config: PressureConfig): string {
  const measured =
    type === 'eventLoopDelay'
      ? `${Math.round(value ?? 0)} ms (limit ${config.PRESSURE_MAX_EVENT_LOOP_DELAY_MS} ms)`
      : type === 'heapUsedBytes'
        ? `${Math.round((value ?? 0) / MIB)} MiB (limit ${config.PRESSURE_MAX_HEAP_USED_MB} MiB)`
        : type === 'rssBytes'
          ? `${Math.round((value ?? 0) / MIB)} MiB (limit ${config.PRESSURE_MAX_RSS_MB} MiB)`
          : String(value);
  return `The server is overloaded (${WHAT[type] ?? type} ${measured}); retry after ${config.PRESSURE_RETRY_AFTER_S} s.`;
}

/** Why the process should not receive traffic now because of load, or null. */
export function pressureReason(app: FastifyInstance): string | null {
  if (!app.isUnderPressure()) return null;
  const m = app.memoryUsage();
  return `The server is overloaded (event-loop delay ${Math.round(m.eventLoopDelay)} ms, heap ${Math.round(m.heapUsed / MIB)} MiB, RSS ${Math.round(m.rssBytes / MIB)} MiB).`;
}
