import { CliError, EXIT } from './exit-codes.js';

export interface ClientOptions {
  /** Base URL of the service, e.g. http://localhost:3000. */
  url: string;
  /** API key, sent as `Authorization: Bearer <key>`. */
  apiKey?: string;
  /** Longest wait for one HTTP exchange, ms. */
  timeoutMs: number;
}

export interface RequestOptions {
  body?: unknown;
  accept?: string;
  headers?: Record<string, string>;
}

/** A problem+json body (RFC 9457) as the service sends it. */
interface Problem {
  title?: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

/** One line per problem: status and title, detail, then each offending field. */
export function describeProblem(status: number, text: string): string {
  let problem: Problem = {};
  try {
    problem = JSON.parse(text) as Problem;
  } catch {
    return `HTTP ${status}: ${text.slice(0, 500)}`;
  }
  const fields = (problem.errors ?? []).map((e) => `\n  ${e.field}: ${e.message}`).join('');
  return `HTTP ${status} ${problem.title ?? ''}: ${problem.detail ?? ''}${fields}`;
}

/** The service's HTTP API as the CLI uses it: errors become CliError (exit 1) with the problem's text. */
export class ServiceClient {
  constructor(private readonly options: ClientOptions) {}

  async request(method: string, path: string, { body, accept = 'application/json', headers = {} }: RequestOptions = {}): Promise<Response> {
    const url = new URL(path, this.options.url.endsWith('/') ? this.options.url : `${this.options.url}/`);
    const all: Record<string, string> = { accept, ...headers };
    if (this.options.apiKey) all.authorization = `Bearer ${this.options.apiKey}`;
    if (body !== undefined) all['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: all,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (err) {
      const reason = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
      throw new CliError(`Cannot reach the service at ${this.options.url}: ${reason}`, EXIT.failed);
    }
    if (!res.ok) throw new CliError(describeProblem(res.status, await res.text()), EXIT.failed);
    return res;
  }

  async json<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    return (await (await this.request(method, path, options)).json()) as T;
  }
}
