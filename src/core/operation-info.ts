/** What the SDK checks about one parameter before sending a request. */
export interface ParamRule {
  /** JSON types the value may take. */
  readonly types: readonly ('integer' | 'number' | 'string' | 'boolean')[];
  readonly required?: true;
  /** Sent as PHP-style `name[]=a&name[]=b`. */
  readonly array?: true;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly enum?: readonly (string | number | boolean)[];
  /** A regular expression a string value must match; with `enum`, matching either one is enough. */
  readonly pattern?: string;
  /** What the pattern stands for, in words, for error messages. */
  readonly patternTitle?: string;
}

/** One row of the generated operation table (see `src/generated/operations.ts`). */
export interface OperationInfo {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly operationId: string;
  /** Statuses the panel answers on success, as documented. */
  readonly success: readonly number[];
  readonly pathParams: Readonly<Record<string, ParamRule>>;
  readonly queryParams: Readonly<Record<string, ParamRule>>;
  /** `'required'`, `'optional'` or `'none'`. */
  readonly body: 'required' | 'optional' | 'none';
  /** The fields a required body must hold, when its schema names any. */
  readonly bodyFields?: readonly string[];
  /** Paged with Laravel's paginator (`page` and `results`). */
  readonly paged: boolean;
  /** First panel version that has this operation, when newer than the original v1 set. */
  readonly since?: string;
}
