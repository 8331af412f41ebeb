import { REQUEST_BODY_SCHEMAS } from '../generated/schemas';
import type { InputIssue } from './errors';
import { safeParse } from './schema-check';
import { closestIssues } from './zod-issues';

/** What is wrong with a request body, by the operation's schema (zod, every constraint enforced). */
export type BodyCheck = (body: unknown) => InputIssue[];

/** The check of `route`'s request body, or undefined when the operation declares no schema for it. */
export function bodyCheckOf(route: string): BodyCheck | undefined {
  const schema = REQUEST_BODY_SCHEMAS[route as keyof typeof REQUEST_BODY_SCHEMAS];
  if (schema === undefined) return undefined;
  return (body) => {
    const checked = safeParse(schema(), body);
    if (checked.success) return [];
    return closestIssues(checked.error.issues).map((issue) => ({ path: ['body', ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], message: issue.message }));
  };
}
