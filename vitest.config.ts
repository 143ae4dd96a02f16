import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One module graph per worker, not per file: importing the app (Fastify, Prisma, the zod
    // schemas) took ≈ 2.5 s before every one of ~130 files, and vitest runs one worker on 2 cores
    // (cores − 1). The SQLite pass went from 448 s to 286 s on this kind of machine, all tests
    // passing. Safe here because no test mocks modules, stubs globals or environment variables,
    // or fakes timers (test/house-rules.test.ts keeps it so); each file builds its own app and database.
    isolate: false,
  },
});
