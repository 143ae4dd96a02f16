import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../errors.js';
import { conditionalWrite, MAX_ATTEMPTS } from './conditional-write.js';

const stale = () => new PreconditionFailedError('The scenario is at version 3, not 2');
const lost = () => new ConflictError('The scenario was changed by another request');

describe('conditionalWrite', () => {
  it('with If-Match: runs once with that version; a lost race is a 412, like a stale version', async () => {
    const seen: (number | undefined)[] = [];
    await expect(
      conditionalWrite(2, async (v) => {
        seen.push(v);
        throw lost();
      }),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(conditionalWrite(2, async () => Promise.reject(stale()))).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(seen).toEqual([2]);
    expect(await conditionalWrite(2, async (v) => `wrote at ${v}`)).toBe('wrote at 2');
  });

  it('without If-Match: a write that lost a race (412 or 409 from the repository) runs again from a fresh read', async () => {
    let calls = 0;
    const result = await conditionalWrite(undefined, async (v) => {
      calls++;
      expect(v).toBeUndefined();
      if (calls === 1) throw stale();
      if (calls === 2) throw lost();
      return 'saved';
    });
    expect(result).toBe('saved');
    expect(calls).toBe(3);
  });

  it(`without If-Match: never a 412; a 409 only after ${MAX_ATTEMPTS} lost races in a row`, async () => {
    let calls = 0;
    const outcome = conditionalWrite(undefined, async () => {
      calls++;
      throw stale();
    });
    await expect(outcome).rejects.toBeInstanceOf(ConflictError);
    expect(calls).toBe(MAX_ATTEMPTS);
  });

  it('passes other errors through at once (404, validation)', async () => {
    let calls = 0;
    const outcome = conditionalWrite(undefined, async () => {
      calls++;
      throw new NotFoundError('scenario', 'x');
    });
    await expect(outcome).rejects.toBeInstanceOf(NotFoundError);
    expect(calls).toBe(1);
  });
});
