import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Files that measure time, kill or stop processes, or race the clock (durability, shutdown, slow
 * clients, load shedding, schedules, several instances, browsers, worker threads): they run one at
 * a time after everything else, on an otherwise idle machine, as they did before the rest of the
 * suite ran two files at once.
 */
const alone = [
  'test/durability-*.test.ts',
  'test/edge-shutdown.test.ts',
  'test/edge-slow-loris.test.ts',
  'test/edge-load-shedding.test.ts',
  'test/edge-rate-limit.test.ts',
  'test/edge-charts.test.ts',
  'test/database-busy.test.ts',
  'test/concurrent-writes.test.ts',
  'test/batch-jobs-resume.test.ts',
  'test/schedules*.test.ts',
  'test/multi-instance.test.ts',
  'test/notify.test.ts',
  'test/*.browser.test.ts',
  'src/services/charts/render-workers.test.ts',
];

export default defineConfig({
  test: {
    // No root `include`: each project names its files (a project that extends the root would add
    // its own to the root's list, not replace it).
    exclude: configDefaults.exclude,
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One module graph per worker, not per file: importing the app (Fastify, Prisma, the zod
    // schemas) took ≈ 2.5 s before every one of ~130 files. Safe here because no test mocks
    // modules, stubs globals or environment variables, fakes timers or assigns process.env
    // (test/house-rules.test.ts keeps it so); each file builds its own app and database.
    isolate: false,
    // vitest's own default is cores − 1: one worker on the 2-core CI machine, which left a core
    // idle. Two workers for the files that tolerate a busy machine; `alone` runs after them, one
    // file at a time. The SQLite pass on 2 cores: 448 s (one worker, isolated) → 286 s
    // (isolate: false) → 237 s (this split), all passing.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'parallel',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          // Added to the root's exclude (and to one given on the command line, as scripts/test-postgres.sh does).
          exclude: alone,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: { name: 'alone', include: alone, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
