import type { FieldProblem } from '../errors.js';

/**
 * Turns zod issues into field problems named by their JSON path:
 * - an unknown key becomes one problem per key (`workload.extra: unknown field`);
 * - a union that failed (a profile id or an inline profile) reports the issues of the branch the
 *   input was meant for — the one that did not fail on the input's type — instead of
 *   "Invalid input".
 */
export interface IssueLike {
  code?: string;
  path?: readonly PropertyKey[];
  message?: string;
  keys?: readonly string[];
  errors?: readonly (readonly IssueLike[])[];
}

export function issuesToProblems(issues: readonly IssueLike[], prefix: readonly PropertyKey[] = []): FieldProblem[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...(issue.path ?? [])];
    if (issue.code === 'unrecognized_keys') {
      return (issue.keys ?? []).map((k) => ({ field: name([...path, k]), message: 'unknown field' }));
    }
    if (issue.code === 'invalid_union' && issue.errors && issue.errors.length > 0) {
      const meant = issue.errors.filter((branch) => !branch.some((i) => i.code === 'invalid_type' && (i.path ?? []).length === 0));
      if (meant.length === 1) return issuesToProblems(meant[0] as IssueLike[], path);
    }
    return [{ field: name(path), message: issue.message ?? 'invalid' }];
  });
}

function name(path: readonly PropertyKey[]): string {
  return path.length === 0 ? 'body' : path.map(String).join('.');
}
