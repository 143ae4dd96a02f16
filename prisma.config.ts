import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { defineConfig } from 'prisma/config';

// Offline-capable Prisma CLI configuration: the JS schema engine talks to SQLite through the
// better-sqlite3 driver adapter, so no native engine download is needed (see docs/database.md).
// It also serves the derived PostgreSQL schema (`--schema prisma/postgresql/schema.prisma`) for
// `generate` and datamodel-to-datamodel `migrate diff`, which never touch a database.
const url = process.env.DATABASE_URL ?? 'file:./data/breakeven.db';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  adapter: async () => new PrismaBetterSQLite3({ url }),
});
