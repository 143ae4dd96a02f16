/**
 * The completion record that ends every streamed batch result (docs/edge.md "Streams"). Without it
 * a client cannot tell a stream that ended because every item was done from one cut by a
 * shutdown, a crash or a dropped connection: a stream is complete if and only if its last record
 * is an end record with `complete: true`.
 */
export interface StreamEnd {
  type: 'end';
  /** Item records written before this one. */
  items: number;
  /** Items in the request. */
  total: number;
  ok: number;
  failed: number;
  /** true when `items === total`. */
  complete: boolean;
  /** Why the stream stopped early (only when not complete). */
  reason?: string;
}

export function streamEnd(counts: { items: number; total: number; ok: number; failed: number }, reason?: string): StreamEnd {
  const complete = counts.items === counts.total;
  return { type: 'end', ...counts, complete, ...(complete || reason === undefined ? {} : { reason }) };
}

/** NDJSON: the end record as the last line. */
export function ndjsonEnd(end: StreamEnd): string {
  return `${JSON.stringify(end)}\n`;
}

/**
 * CSV: a trailer comment line after the last row, `# end items=3 total=3 ok=2 failed=1 complete=true`
 * (plus ` reason="..."` when cut). No data row starts with `#` (the first column is the item
 * index), so CSV readers with a comment character (`comment: '#'` in csv-parse, `comment='#'` in
 * pandas) skip it and a line-based check finds it.
 */
export function csvTrailer(end: StreamEnd): string {
  const reason = end.reason === undefined ? '' : ` reason=${JSON.stringify(end.reason)}`;
  return `# end items=${end.items} total=${end.total} ok=${end.ok} failed=${end.failed} complete=${end.complete}${reason}\n`;
}
