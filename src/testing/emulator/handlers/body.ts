import { invalid } from '../answers';

/** `operatingSystemId` → `operating system id`, as Laravel names fields in its messages. */
function label(field: string): string {
  return field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
}

interface NumberRule {
  required?: boolean;
  min?: number;
  max?: number;
}

/**
 * Reads fields of a JSON body with Laravel-like validation, collecting every problem; `finish()`
 * answers 422 with all of them at once.
 */
export class BodyReader {
  readonly errors: string[] = [];
  readonly #body: Record<string, unknown>;
  readonly #read = new Set<string>();

  constructor(body: unknown) {
    this.#body = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  }

  /** Whether the field was sent as an explicit null (which clears a value where the panel allows it). */
  isNull(field: string): boolean {
    return field in this.#body && this.#body[field] === null;
  }

  /** The field's raw value, marked as read (for nested objects the caller checks itself). */
  raw(field: string): unknown {
    this.#read.add(field);
    return this.#body[field];
  }

  has(field: string): boolean {
    return this.#body[field] !== undefined && this.#body[field] !== null;
  }

  #missing(field: string, required: boolean | undefined): boolean {
    this.#read.add(field);
    if (this.has(field)) return false;
    if (required) this.errors.push(`The ${label(field)} field is required.`);
    return true;
  }

  #bounds(field: string, value: number, rule: NumberRule): boolean {
    if (rule.min !== undefined && rule.max !== undefined && (value < rule.min || value > rule.max)) {
      this.errors.push(`The ${label(field)} field must be between ${rule.min} and ${rule.max}.`);
      return false;
    }
    if (rule.min !== undefined && value < rule.min) {
      this.errors.push(`The ${label(field)} field must be at least ${rule.min}.`);
      return false;
    }
    if (rule.max !== undefined && value > rule.max) {
      this.errors.push(`The ${label(field)} field must not be greater than ${rule.max}.`);
      return false;
    }
    return true;
  }

  integer(field: string, rule: NumberRule = {}): number | undefined {
    if (this.#missing(field, rule.required)) return undefined;
    const value = this.#body[field];
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.errors.push(`The ${label(field)} field must be an integer.`);
      return undefined;
    }
    return this.#bounds(field, value, rule) ? value : undefined;
  }

  number(field: string, rule: NumberRule = {}): number | undefined {
    if (this.#missing(field, rule.required)) return undefined;
    const value = this.#body[field];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.errors.push(`The ${label(field)} field must be a number.`);
      return undefined;
    }
    return this.#bounds(field, value, rule) ? value : undefined;
  }

  string(field: string, rule: { required?: boolean; max?: number; oneOf?: readonly string[]; pattern?: RegExp; message?: string } = {}): string | undefined {
    if (this.#missing(field, rule.required)) return undefined;
    const value = this.#body[field];
    if (typeof value !== 'string' || (rule.required && value.trim() === '')) {
      this.errors.push(typeof value !== 'string' ? `The ${label(field)} field must be a string.` : `The ${label(field)} field is required.`);
      return undefined;
    }
    if (rule.max !== undefined && value.length > rule.max) {
      this.errors.push(`The ${label(field)} field must not be greater than ${rule.max} characters.`);
      return undefined;
    }
    if ((rule.oneOf && !rule.oneOf.includes(value)) || (rule.pattern && !rule.pattern.test(value))) {
      this.errors.push(rule.message ?? `The selected ${label(field)} is invalid.`);
      return undefined;
    }
    return value;
  }

  boolean(field: string, rule: { required?: boolean } = {}): boolean | undefined {
    if (this.#missing(field, rule.required)) return undefined;
    const value = this.#body[field];
    if (typeof value !== 'boolean') {
      this.errors.push(`The ${label(field)} field must be true or false.`);
      return undefined;
    }
    return value;
  }

  integerList(field: string, rule: { required?: boolean; min?: number; minItems?: number } = {}): number[] | undefined {
    if (this.#missing(field, rule.required)) return undefined;
    const value = this.#body[field];
    if (!Array.isArray(value)) {
      this.errors.push(`The ${label(field)} field must be an array.`);
      return undefined;
    }
    if (rule.minItems !== undefined && value.length < rule.minItems) {
      this.errors.push(`The ${label(field)} field must have at least ${rule.minItems} items.`);
      return undefined;
    }
    if (!value.every((item) => typeof item === 'number' && Number.isInteger(item) && (rule.min === undefined || item >= rule.min))) {
      this.errors.push(`The ${label(field)} field must hold whole numbers${rule.min === undefined ? '' : ` of at least ${rule.min}`}.`);
      return undefined;
    }
    return value as number[];
  }

  stringList(field: string, rule: { required?: boolean; minItems?: number } = {}): string[] | undefined {
    if (this.#missing(field, rule.required)) return undefined;
    const value = this.#body[field];
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
      this.errors.push(`The ${label(field)} field must be an array of strings.`);
      return undefined;
    }
    if (rule.minItems !== undefined && value.length < rule.minItems) {
      this.errors.push(`The ${label(field)} field must have at least ${rule.minItems} items.`);
      return undefined;
    }
    return value as string[];
  }

  /** Adds a problem found by the caller. */
  reject(message: string): void {
    this.errors.push(message);
  }

  /** Refuses every field no reader asked for (for the routes where the panel rejects unknown fields). */
  rejectUnknown(): void {
    for (const field of Object.keys(this.#body)) if (!this.#read.has(field)) this.errors.push(`The ${label(field)} field is not allowed.`);
  }

  /** Answers 422 with every problem found so far. */
  finish(): void {
    if (this.errors.length > 0) throw invalid(...this.errors);
  }
}
