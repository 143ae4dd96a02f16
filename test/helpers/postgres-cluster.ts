import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './process.js';

const run = promisify(execFile);

/**
 * PostgreSQL's binaries, found as scripts/test-postgres.sh finds them (PG_BINDIR, else the newest
 * /usr/lib/postgresql/<version>/bin); null when absent.
 */
export function postgresBinDir(): string | null {
  const given = process.env.PG_BINDIR;
  if (given) return existsSync(join(given, 'initdb')) ? given : null;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(a) - Number(b));
  const newest = versions.at(-1);
  return newest === undefined ? null : join(root, newest, 'bin');
}

/**
 * A private, throwaway PostgreSQL cluster that a test may stop and start (the shared cluster of
 * `npm run test:postgres` serves other test files in parallel, so it must never be stopped).
 * Like scripts/test-postgres.sh: trust authentication, loopback only, run as user postgres when
 * the tests run as root.
 */
export class PostgresCluster {
  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    readonly port: number,
  ) {}

  /** Administrator URL of the `postgres` database. */
  get adminUrl(): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private get asOwner(): string[] {
    return userInfo().uid === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  }

  private async exec(tool: string, args: string[]): Promise<void> {
    const [cmd, ...rest] = [...this.asOwner, join(this.bin, tool), ...args] as [string, ...string[]];
    await run(cmd, rest, { timeout: 60_000 });
  }

  static async create(bin: string): Promise<PostgresCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'breakeven-pg-durability-'));
    const cluster = new PostgresCluster(bin, dir, await freePort());
    if (userInfo().uid === 0) {
      chmodSync(dir, 0o755);
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: gid } = await run('id', ['-g', 'postgres']);
      chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
    }
    await cluster.exec('initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync']);
    await cluster.start();
    return cluster;
  }

  /** `pg_ctl start`, waiting until the server accepts connections. */
  async start(): Promise<void> {
    await this.exec('pg_ctl', [
      '-D',
      join(this.dir, 'data'),
      '-o',
      // fsync off as in scripts/test-postgres.sh: an immediate stop is a crash of the server
      // processes, not of the machine; commits already in the OS cache survive it either way.
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`,
      '-l',
      join(this.dir, 'log'),
      '-w',
      'start',
    ]);
  }

  /** `pg_ctl stop -m immediate`: every server process quits at once, without a checkpoint (crash recovery at the next start). */
  async stopImmediate(): Promise<void> {
    await this.exec('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'immediate', '-w', 'stop']);
  }

  async destroy(): Promise<void> {
    await this.exec('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'immediate', 'stop']).catch(() => {});
    rmSync(this.dir, { recursive: true, force: true });
  }
}
