#!/usr/bin/env node
// Generates both Prisma clients from the one data model (docs/database.md):
//   prisma/schema.prisma            -> src/generated/prisma     (SQLite)
//   prisma/postgresql/schema.prisma -> src/generated/prisma-pg  (PostgreSQL, derived)
// after checking that the derived PostgreSQL files are in step with prisma/schema.prisma.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { exitUnlessInStep, POSTGRESQL_SCHEMA, root, SOURCE_SCHEMA } from './postgresql-schema.mjs';

exitUnlessInStep();

const generate = (schema) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'scripts/prisma.mjs'), 'generate', '--schema', schema], {
      cwd: root,
      stdio: 'inherit',
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });

const codes = await Promise.all([generate(SOURCE_SCHEMA), generate(POSTGRESQL_SCHEMA)]);
process.exit(codes.some((c) => c !== 0) ? 1 : 0);
