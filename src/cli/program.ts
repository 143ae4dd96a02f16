import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ServiceClient } from './client.js';
import * as commands from './commands.js';
import { CliError, EXIT, type ExitCode } from './exit-codes.js';

export const DEFAULT_URL = 'http://localhost:3000';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

/**
 * The `breakeven` command line (README, "CLI"): parses `argv` (without `node` and the script),
 * runs one command against the service (options also from BREAKEVEN_URL and BREAKEVEN_API_KEY) and resolves with the exit code. Never exits the process.
 */
export async function runCli(argv: readonly string[], io: commands.Io): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  const program = new Command('breakeven')
    .description('Breakeven from cron and CI: compare workloads, run saved scenarios, batch jobs, price sync.')
    .addOption(new Option('--url <url>', 'service base URL').env('BREAKEVEN_URL').default(DEFAULT_URL))
    .addOption(new Option('--api-key <key>', 'API key, sent as Authorization: Bearer').env('BREAKEVEN_API_KEY'))
    .addOption(new Option('--timeout <ms>', 'longest wait for one HTTP exchange, ms').argParser(positiveInt).default(120_000))
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run breakeven --help for usage)');

  const client = () => {
    const o = program.opts<{ url: string; apiKey?: string; timeout: number }>();
    try {
      new URL(o.url);
    } catch {
      throw new CliError(`--url ${o.url} is not a URL (e.g. ${DEFAULT_URL})`, EXIT.usage);
    }
    return new ServiceClient({ url: o.url, apiKey: o.apiKey, timeoutMs: o.timeout });
  };
  const formats = (...f: string[]) => new Option('--format <format>', 'output format').choices(f).default(f[0]);

  program
    .command('compare')
    .description('POST /compare with a workload file (a /compare request body)')
    .requiredOption('--file <path>', 'JSON file: the /compare request body')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'csv', 'table']).default('json'))
    .action(async (o) => {
      code = await commands.compare(client(), io, o);
    });

  program
    .command('batch')
    .description('run many comparisons as a background job: progress on stderr, results on stdout')
    .requiredOption('--file <path>', 'NDJSON file: one /compare request body per line')
    .addOption(formats('ndjson', 'csv'))
    .addOption(
      new Option('--detail <detail>', 'full: engine breakdown per result; none: costs only').choices(['full', 'none']).default('none'),
    )
    .addOption(new Option('--poll <ms>', 'progress polling interval, ms').argParser(positiveInt).default(1000))
    .action(async (o) => {
      code = await commands.batch(client(), io, { file: o.file, format: o.format, detail: o.detail, pollMs: o.poll });
    });

  program
    .command('run')
    .description('evaluate a saved scenario now and store the run (trigger cli)')
    .argument('<scenario-id>', 'scenario id')
    .option('--fail-on-change', 'exit 3 when the cheapest option changed since the previous run', false)
    .addOption(formats('table', 'json'))
    .action(async (id: string, o) => {
      code = await commands.run(client(), io, id, o);
    });

  program
    .command('run-due')
    .description('run every due scheduled scenario once (for system cron instead of the in-process scheduler)')
    .addOption(formats('table', 'json'))
    .action(async (o) => {
      code = await commands.runDue(client(), io, o);
    });

  program
    .command('history')
    .description('monthly cost per candidate over the stored runs of a scenario')
    .argument('<scenario-id>', 'scenario id')
    .addOption(formats('table', 'json'))
    .action(async (id: string, o) => {
      code = await commands.history(client(), io, id, o);
    });

  program
    .command('sync')
    .description('sync API prices from the genai-prices dataset and print the diff')
    .option('--dry-run', 'only show the diff; write nothing', false)
    .addOption(formats('text', 'json'))
    .action(async (o) => {
      code = await commands.sync(client(), io, o);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    // Without a command commander prints help; that is a usage error for a script.
    if (program.args.length === 0 && argv.length === 0) {
      program.outputHelp({ error: true });
      return EXIT.usage;
    }
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof CliError) {
      io.err(`breakeven: ${err.message}\n`);
      return err.code;
    }
    io.err(`breakeven: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.failed;
  }
}
