import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

const samePath = (a: Issue, b: Issue): boolean => a.path.length === b.path.length && a.path.every((key, i) => key === b.path[i]);

/**
 * Replaces each failed union ("Invalid input", naming nothing) with the issues of the closest
 * alternative, the one with fewest problems, so that an error names the fields to fix. When every
 * alternative fails on the same single field (an enum of numbers), their messages are joined.
 */
export function closestIssues(issues: readonly Issue[]): Issue[] {
  return issues.flatMap((issue): Issue[] => {
    if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue];
    const branches = issue.errors.map((branch) => closestIssues(branch));
    const within = (inner: Issue): Issue => ({ ...inner, path: [...issue.path, ...inner.path] });
    const singles = branches.every((branch) => branch.length === 1) ? branches.map((branch) => branch[0]!) : [];
    if (singles.length > 1 && singles.every((inner) => samePath(inner, singles[0]!))) {
      const expected = singles.map((inner) => inner.message.replace(/^Invalid input: expected /, ''));
      return [within({ ...singles[0]!, message: `Invalid input: expected ${expected.join(' or ')}` })];
    }
    return branches.reduce((best, branch) => (branch.length < best.length ? branch : best)).map(within);
  });
}
