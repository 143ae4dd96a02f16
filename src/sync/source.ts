import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { waitForUpdate } from '@pydantic/genai-prices';
import { AppError } from '../errors.js';
import { type Dataset, DatasetError, parseDataset } from './dataset.js';

/**
 * Where the price dataset comes from: the snapshot bundled in the @pydantic/genai-prices package
 * (offline), or PRICE_SYNC_URL (the same JSON format, e.g. a newer copy of the upstream file).
 */
export class PriceSourceError extends AppError {
  constructor(status: 502 | 504, detail: string) {
    super(status, status === 504 ? 'Gateway timeout' : 'Bad gateway', detail);
  }
}

/** The installed package's version, e.g. `0.1.8`. */
export function packageVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@pydantic/genai-prices');
  const pkg = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** The snapshot shipped in the package; its version is the package's. */
export async function bundledDataset(): Promise<Dataset> {
  const providers = await waitForUpdate();
  return parseDataset(providers, packageVersion(), 'bundled');
}

/** Largest dataset body accepted from a URL (the upstream file is about 1 MB). */
const MAX_BYTES = 32 * 1_048_576;

/**
 * Downloads and validates the dataset at `url` within `timeoutMs`. Its version is the package
 * version plus the first 12 hex digits of the body's SHA-256 (`0.1.8+url.1a2b3c4d5e6f`), so two
 * different files never pass for the same version. Throws PriceSourceError (502, or 504 on a
 * timeout) for an unreachable source, a non-200 answer, a body too large, malformed JSON or
 * JSON not in the dataset's format; nothing is written in any of those cases.
 */
export async function remoteDataset(url: string, timeoutMs: number): Promise<Dataset> {
  let text: string;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    if (res.status !== 200) throw new PriceSourceError(502, `The price source ${url} answered HTTP ${res.status}.`);
    const length = Number(res.headers.get('content-length') ?? 0);
    if (length > MAX_BYTES) throw new PriceSourceError(502, `The price source ${url} sent ${length} bytes, more than ${MAX_BYTES}.`);
    text = await res.text();
  } catch (err) {
    if (err instanceof PriceSourceError) throw err;
    const name = (err as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new PriceSourceError(504, `The price source ${url} did not answer within ${timeoutMs} ms (PRICE_SYNC_TIMEOUT_MS).`);
    }
    throw new PriceSourceError(502, `The price source ${url} could not be read: ${(err as Error).message}.`);
  }
  if (text.length > MAX_BYTES) throw new PriceSourceError(502, `The price source ${url} sent more than ${MAX_BYTES} bytes.`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new PriceSourceError(502, `The price source ${url} sent malformed JSON: ${(err as Error).message}.`);
  }
  const version = `${packageVersion()}+url.${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
  try {
    return parseDataset(json, version, url);
  } catch (err) {
    if (err instanceof DatasetError) throw new PriceSourceError(502, err.message);
    throw err;
  }
}
