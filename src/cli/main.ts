#!/usr/bin/env node
import { runCli } from './program.js';

/** Entry of the `breakeven` binary (package.json `bin`): runs the command, exits with its code. */
const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
process.exitCode = code;
