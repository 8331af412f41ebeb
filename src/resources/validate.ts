import { ResponseValidationError } from '../core/errors';
import { RESPONSE_CHECKS, type Issue } from '../generated/checks';
import type { Route } from '../generated/operations';
import type { ValidateMode } from './invoker';

/** Where `warn` mode reports a mismatch. */
export type ValidationReporter = (details: { route: string; status: number; issues: string[] }, message: string) => void;

/** The ways an answer differs from the documented shape of its route and status; empty when it fits. */
export function answerIssues(route: Route, status: number, body: unknown): Issue[] {
  const check = RESPONSE_CHECKS[route]?.[status];
  if (check === undefined) return [];
  const issues: Issue[] = [];
  check(body, [], issues);
  if (issues.length < 2) return issues;
  // A shape made of several parts (a page: the paginator and its rows) may report one fault twice.
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path.join('\u0000')}\u0001${issue.message}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

/**
 * Checks an answer against the operation's documented shape for its status. Unknown fields and
 * unknown enum values always pass; what fails is a missing required field or a wrong type.
 */
export function checkAnswer(route: Route, status: number, body: unknown, mode: ValidateMode, report: ValidationReporter): void {
  if (mode === 'off') return;
  const found = answerIssues(route, status, body);
  if (found.length === 0) return;
  const issues = found.slice(0, 20).map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`);
  const message = `The panel's ${status} answer to ${route} does not match the documented shape: ${issues.slice(0, 3).join('; ')}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''}.`;
  if (mode === 'strict') {
    throw new ResponseValidationError({ message, status, route, details: issues });
  }
  report({ route, status, issues }, message);
}
