import { describe, expect, it } from 'vitest';
import { BadRequestError, UnprocessableError } from '../../errors.js';
import type { Scenario } from '../../repositories/scenarios.js';
import { checkedRequest, mergePatch, splitWrite } from './stored-request.js';

const workload = { inputTokensPerMonth: 1e9, outputTokensPerMonth: 2e8, inputTokensPerRequest: 1000, outputTokensPerRequest: 200 };
const stored: Scenario = {
  id: '23724ed5-3726-4d4b-ae95-b99c710f4656',
  name: 'Support',
  description: 'bot',
  request: {
    workload,
    candidates: [{ type: 'api', offering: 'openai-gpt-5' }],
    assumptions: { utilization: 0.6 },
    constraints: { licenses: ['MIT'] },
  },
  version: 3,
  createdAt: '2026-11-27T04:00:00.000Z',
  updatedAt: '2026-11-27T04:00:00.000Z',
};

describe('splitWrite', () => {
  it('separates name and description from the /compare request; a missing description is null', () => {
    expect(splitWrite({ name: 'A', workload, candidates: [] })).toEqual({
      name: 'A',
      description: null,
      request: { workload, candidates: [] },
    });
    expect(splitWrite({ name: 'A', description: 'd', workload })).toEqual({ name: 'A', description: 'd', request: { workload } });
  });
});

describe('mergePatch (JSON merge patch on the stored scenario)', () => {
  it('replaces the members given as a whole and keeps the others', () => {
    const candidates = [{ type: 'api', offering: 'openai-gpt-5-mini' }];
    const w = mergePatch(stored, { name: 'Renamed', candidates, workload: undefined });
    expect(w).toEqual({ name: 'Renamed', description: 'bot', request: { ...stored.request, candidates } });
  });

  it('null removes assumptions and constraints, and sets the description to null', () => {
    const w = mergePatch(stored, { assumptions: null, constraints: null, description: null });
    expect(w).toEqual({ name: 'Support', description: null, request: { workload, candidates: stored.request.candidates } });
  });

  it('leaves the stored scenario untouched', () => {
    const before = structuredClone(stored);
    mergePatch(stored, { assumptions: null, name: 'x' });
    expect(stored).toEqual(before);
  });
});

describe('checkedRequest', () => {
  it('returns the parsed /compare request (defaults applied)', () => {
    const parsed = checkedRequest(stored.request);
    expect(parsed.candidates).toEqual(stored.request.candidates);
    expect(parsed.workload.inputTokensPerMonth).toBe(1e9);
  });

  it('an invalid request is a 400 when just sent and a 422 when stored earlier, naming the field', () => {
    const bad = { ...stored.request, workload: { ...workload, inputTokensPerMonth: -1 } };
    expect(() => checkedRequest(bad, { sentNow: true })).toThrow(BadRequestError);
    expect(() => checkedRequest(bad)).toThrow(UnprocessableError);
    const fields = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        return (err as UnprocessableError).errors.map((p) => p.field);
      }
      return [];
    };
    expect(fields(() => checkedRequest(bad))).toEqual(['workload.inputTokensPerMonth']);
    expect(fields(() => checkedRequest(bad, { sentNow: true }))).toEqual(['workload.inputTokensPerMonth']);
  });
});
