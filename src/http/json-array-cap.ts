/**
 * Counts, while a JSON text streams in, the elements of every array at the top level or one level
 * below it (`[...]` or `{"items": [...]}`), and reports the first one that grows past a cap: the
 * batch route refuses an oversized batch while its body is still arriving, before anything is
 * materialised.
 *
 * It works on bytes: every JSON structural character is ASCII, and no byte of a multi-byte UTF-8
 * sequence is below 0x80, so a chunk boundary inside a character does not matter. Strings (with
 * their escapes) are skipped. It does not validate the JSON (JSON.parse does, afterwards): on
 * malformed input its count may be wrong, which can only make a malformed body a 413 instead of a 400.
 */
export class JsonArrayCap {
  private inString = false;
  private escaped = false;
  /** Open containers, innermost last: 0x7b `{` or 0x5b `[`. */
  private readonly stack: number[] = [];
  /** Element counts of the open arrays at depth 1 and 2 (index = depth). */
  private readonly counts = [0, 0, 0];
  /** Whether the next value at depth 1 / 2 starts a new element. */
  private readonly pending = [false, false, false];
  /** Largest element count reached by a capped array so far. */
  largest = 0;

  constructor(readonly cap: number) {}

  /** Feeds the next bytes; returns true once some capped array holds more than `cap` elements. */
  feed(chunk: Uint8Array): boolean {
    const { stack, counts, pending } = this;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (b === 0x5c) this.escaped = true;
        else if (b === 0x22) this.inString = false;
        continue;
      }
      if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) continue;
      const depth = stack.length;
      if (depth <= 2 && depth >= 1 && stack[depth - 1] === 0x5b && b !== 0x5d && b !== 0x2c && pending[depth]) {
        pending[depth] = false;
        const n = ++(counts[depth] as number);
        if (n > this.largest) this.largest = n;
        if (n > this.cap) return true;
      }
      switch (b) {
        case 0x22:
          this.inString = true;
          break;
        case 0x7b:
          stack.push(b);
          break;
        case 0x5b:
          stack.push(b);
          if (stack.length <= 2) {
            counts[stack.length] = 0;
            pending[stack.length] = true;
          }
          break;
        case 0x7d:
        case 0x5d:
          stack.pop();
          break;
        case 0x2c:
          if (depth <= 2) pending[depth] = true;
          break;
        default:
          break;
      }
    }
    return false;
  }
}
