/** Exit codes of the `breakeven` CLI (README, "CLI"). */
export const EXIT = {
  ok: 0,
  /** The service answered an error, could not be reached, or a run/job failed. */
  failed: 1,
  /** Bad arguments, a missing or unreadable input file. */
  usage: 2,
  /** `run --fail-on-change`: the cheapest option changed since the previous run. */
  cheapestChanged: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error that ends the CLI with `code`, printing `message` to stderr. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code: ExitCode,
  ) {
    super(message);
  }
}
