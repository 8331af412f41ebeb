import {
  AbortError,
  ApiError,
  BuildFailedError,
  ClientClosedError,
  AuthenticationError,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  HostNotFoundError,
  InputValidationError,
  LockedError,
  NotFoundError,
  PermissionError,
  ProvisionError,
  RateLimitError,
  ResponseUnreadableError,
  ResponseValidationError,
  ServerError,
  TaskFailedError,
  TimeoutError,
  ValidationError,
  VirtFusionError,
  WaitTimeoutError,
} from './errors';

type ErrorClass<T> = abstract new (...args: never[]) => T;

function guard<T>(cls: ErrorClass<T>): (value: unknown) => value is T {
  return (value: unknown): value is T => value instanceof cls;
}

export const isVirtFusionError = guard(VirtFusionError);
export const isApiError = guard(ApiError);
export const isAuthenticationError = guard(AuthenticationError);
export const isPermissionError = guard(PermissionError);
export const isNotFoundError = guard(NotFoundError);
export const isConflictError = guard(ConflictError);
export const isValidationError = guard(ValidationError);
export const isLockedError = guard(LockedError);
export const isRateLimitError = guard(RateLimitError);
export const isServerError = guard(ServerError);
export const isConnectionError = guard(ConnectionError);
export const isHostNotFoundError = guard(HostNotFoundError);
export const isTimeoutError = guard(TimeoutError);
export const isAbortError = guard(AbortError);
export const isClientClosedError = guard(ClientClosedError);
export const isResponseValidationError = guard(ResponseValidationError);
export const isResponseUnreadableError = guard(ResponseUnreadableError);
export const isInputValidationError = guard(InputValidationError);
export const isConfigurationError = guard(ConfigurationError);
export const isWaitTimeoutError = guard(WaitTimeoutError);
export const isBuildFailedError = guard(BuildFailedError);
export const isTaskFailedError = guard(TaskFailedError);
export const isProvisionError = guard(ProvisionError);
