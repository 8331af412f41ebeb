import type { OperationInfo } from '../../core/operation-info';
import { OPERATIONS, type Route } from '../../generated/operations';

/** The API lives under this prefix of the emulator's origin, as on a panel. */
export const API_PREFIX = '/api/v1';

export type RouteLookup =
  | { kind: 'match'; route: Route; operation: OperationInfo; params: Record<string, string> }
  | { kind: 'wrong-method'; allowed: string[] }
  | { kind: 'none' };

interface CompiledRoute {
  route: Route;
  operation: OperationInfo;
  segments: readonly string[];
  /** Literal segments win over parameters (`/compute/hypervisors/groups` over `/{hypervisorId}`). */
  literals: number;
}

function compile(route: Route): CompiledRoute {
  const operation = OPERATIONS[route];
  const segments = operation.path.split('/').filter((s) => s !== '');
  return { route, operation, segments, literals: segments.filter((s) => !s.startsWith('{')).length };
}

function matchSegments(compiled: CompiledRoute, parts: readonly string[]): Record<string, string> | undefined {
  if (compiled.segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i += 1) {
    const expected = compiled.segments[i]!;
    const actual = parts[i]!;
    if (!expected.startsWith('{')) {
      if (expected !== actual) return undefined;
      continue;
    }
    const name = expected.slice(1, -1);
    let value: string;
    try {
      value = decodeURIComponent(actual);
    } catch {
      return undefined;
    }
    const rule = compiled.operation.pathParams[name];
    // Like Laravel's route constraints, an id that is not a number does not match the route.
    if (rule && rule.types.length === 1 && rule.types[0] === 'integer' && !/^\d+$/.test(value)) return undefined;
    // A value matches the enum, or the pattern where the document gives one as the alternative.
    const inEnum = rule?.enum === undefined || rule.enum.includes(value);
    const matchesPattern = rule?.pattern !== undefined && new RegExp(rule.pattern, 'u').test(value);
    if (!inEnum && !matchesPattern) return undefined;
    params[name] = value;
  }
  return params;
}

/** Finds the operation for a method and a path below {@link API_PREFIX}. */
export function createRouter(): (method: string, pathname: string) => RouteLookup {
  const table = (Object.keys(OPERATIONS) as Route[]).map(compile).sort((a, b) => b.literals - a.literals);
  return (method, pathname) => {
    if (pathname !== API_PREFIX && !pathname.startsWith(`${API_PREFIX}/`)) return { kind: 'none' };
    const parts = pathname.slice(API_PREFIX.length).split('/').filter((s) => s !== '');
    const allowed = new Set<string>();
    for (const compiled of table) {
      const params = matchSegments(compiled, parts);
      if (params === undefined) continue;
      if (compiled.operation.method === method) return { kind: 'match', route: compiled.route, operation: compiled.operation, params };
      allowed.add(compiled.operation.method);
    }
    return allowed.size > 0 ? { kind: 'wrong-method', allowed: [...allowed] } : { kind: 'none' };
  };
}
