import { ResponseValidationError } from '../core/errors';
import type { Route } from '../generated/operations';
import { RESPONSE_SCHEMAS } from '../generated/schemas';
import { safeParse } from '../core/schema-check';
import type { ValidateMode } from './invoker';

/** Where `warn` mode reports a mismatch. */
export type ValidationReporter = (details: { route: string; status: number; issues: string[] }, message: string) => void;

/**
 * Checks an answer against the operation's response schema for its status. Unknown fields and
 * unknown enum values always pass; what fails is a missing required field or a wrong type.
 */
export function checkAnswer(route: Route, status: number, body: unknown, mode: ValidateMode, report: ValidationReporter): void {
  if (mode === 'off') return;
  const schema = RESPONSE_SCHEMAS[route]?.[status];
  if (schema === undefined) return;
  const result = safeParse(schema(), body);
  if (result.success) return;
  const issues = result.error.issues.slice(0, 20).map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`);
  const message = `The panel's ${status} answer to ${route} does not match the documented shape: ${issues.slice(0, 3).join('; ')}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''}.`;
  if (mode === 'strict') {
    throw new ResponseValidationError({ message, status, route, details: issues });
  }
  report({ route, status, issues }, message);
}
