import { readFileSync } from 'node:fs';
import { CliError, EXIT } from './exit-codes.js';

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new CliError(`Cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`, EXIT.usage);
  }
}

/** A JSON file (e.g. a /compare request body); a missing or malformed file is a usage error. */
export function readJsonFile(path: string): unknown {
  const text = read(path);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new CliError(`${path} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`, EXIT.usage);
  }
}

/** An NDJSON file: one JSON value per non-blank line; names the first malformed line. */
export function readNdjsonFile(path: string): unknown[] {
  const items: unknown[] = [];
  const lines = read(path).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.trim() ?? '';
    if (line === '') continue;
    try {
      items.push(JSON.parse(line) as unknown);
    } catch (err) {
      throw new CliError(`${path} line ${i + 1} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`, EXIT.usage);
    }
  }
  if (items.length === 0) throw new CliError(`${path} holds no items (one JSON request body per line).`, EXIT.usage);
  return items;
}
