import { describe, expect, it } from 'vitest';
import {
  ApiError,
  InputValidationError,
  NotFoundError,
  ServerError,
  ValidationError,
  VirtFusionError,
  isApiError,
  isInputValidationError,
  isNotFoundError,
  isServerError,
} from '../../src/index';

describe('error classes', () => {
  it('follow the hierarchy with instanceof and guards', () => {
    const error = new NotFoundError({ message: 'gone', status: 404 });
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(VirtFusionError);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ServerError);
    expect(error).not.toBeInstanceOf(ValidationError);
    expect([isNotFoundError(error), isApiError(error), isServerError(error), isInputValidationError(error)]).toEqual([true, true, false, false]);
    expect(error.name).toBe('NotFoundError');
    expect(error.code).toBe('not_found');
  });

  it('recognise an instance made by another copy of the package (ESM beside CJS)', () => {
    // What a second copy's NotFoundError leaves on its instances: a plain Error carrying the same global brand.
    const foreign = Object.assign(new Error('from the other copy'), {});
    Object.defineProperty(foreign, Symbol.for('virtfusion-sdk.error'), { value: ['not_found', 'api_error', 'virtfusion_error'] });
    expect(foreign).toBeInstanceOf(NotFoundError);
    expect(foreign).toBeInstanceOf(ApiError);
    expect(foreign).toBeInstanceOf(VirtFusionError);
    expect(foreign).not.toBeInstanceOf(ServerError);
    expect(isNotFoundError(foreign)).toBe(true);
    expect(new Error('plain')).not.toBeInstanceOf(VirtFusionError);
    expect(null).not.toBeInstanceOf(VirtFusionError);
  });

  it('InputValidationError lists every issue', () => {
    const error = new InputValidationError({
      issues: [
        { path: ['body', 'memory'], message: 'must be at least 128' },
        { path: [], message: 'nothing to send' },
      ],
    });
    expect(error.message).toBe('Invalid input: body.memory: must be at least 128; nothing to send');
    expect(error.toJSON().error.details).toEqual(error.issues);
  });
});
