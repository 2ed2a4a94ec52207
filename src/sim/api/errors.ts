// Kubernetes API errors as `Status` objects, with the real reasons, codes and message shapes
// (k8s.io/apimachinery/pkg/api/errors and pkg/util/validation/field).

export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    uid?: string;
    causes?: StatusCause[];
    retryAfterSeconds?: number;
  };
  code: number;
}

export class ApiError extends Error {
  readonly status: Status;
  constructor(status: Omit<Status, 'kind' | 'apiVersion' | 'metadata' | 'status'>) {
    super(status.message);
    this.name = 'ApiError';
    this.status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', ...status };
  }
  get code(): number {
    return this.status.code;
  }
  get reason(): string {
    return this.status.reason;
  }
}

export function isApiError(e: unknown, reason?: string): e is ApiError {
  return e instanceof ApiError && (reason === undefined || e.reason === reason);
}

/** "pods" or "deployments.apps": how the API server names a resource in messages. */
export function qualifiedResource(resource: string, group: string): string {
  return group ? `${resource}.${group}` : resource;
}

export function notFound(resource: string, group: string, name: string): ApiError {
  return new ApiError({
    reason: 'NotFound',
    code: 404,
    message: `${qualifiedResource(resource, group)} "${name}" not found`,
    details: { name, group: group || undefined, kind: resource },
  });
}

export function alreadyExists(resource: string, group: string, name: string): ApiError {
  return new ApiError({
    reason: 'AlreadyExists',
    code: 409,
    message: `${qualifiedResource(resource, group)} "${name}" already exists`,
    details: { name, group: group || undefined, kind: resource },
  });
}

export function conflict(resource: string, group: string, name: string, why: string): ApiError {
  return new ApiError({
    reason: 'Conflict',
    code: 409,
    message: `Operation cannot be fulfilled on ${qualifiedResource(resource, group)} "${name}": ${why}`,
    details: { name, group: group || undefined, kind: resource },
  });
}

export const STALE_OBJECT =
  'the object has been modified; please apply your changes to the latest version and try again';

export function badRequest(message: string): ApiError {
  return new ApiError({ reason: 'BadRequest', code: 400, message });
}

export function methodNotSupported(resource: string, group: string, verb: string): ApiError {
  return new ApiError({
    reason: 'MethodNotAllowed',
    code: 405,
    message: `${verb} is not supported on resources of kind "${qualifiedResource(resource, group)}"`,
    details: { group: group || undefined, kind: resource },
  });
}

export function forbidden(resource: string, group: string, name: string, why: string): ApiError {
  const what = name ? `${qualifiedResource(resource, group)} "${name}"` : qualifiedResource(resource, group);
  return new ApiError({
    reason: 'Forbidden',
    code: 403,
    message: `${what} is forbidden: ${why}`,
    details: { name: name || undefined, group: group || undefined, kind: resource },
  });
}

export function gone(message: string): ApiError {
  return new ApiError({ reason: 'Expired', code: 410, message });
}

export function tooManyRequests(message: string, retryAfterSeconds: number): ApiError {
  return new ApiError({ reason: 'TooManyRequests', code: 429, message, details: { retryAfterSeconds } });
}

export function internalError(message: string): ApiError {
  return new ApiError({ reason: 'InternalError', code: 500, message: `Internal error occurred: ${message}` });
}

/** The error kubectl's REST mapper reports for an apiVersion/kind the server does not serve. */
export function noKindMatch(kind: string, apiVersion: string): ApiError {
  return new ApiError({
    reason: 'NotFound',
    code: 404,
    message: `no matches for kind "${kind}" in version "${apiVersion}"`,
  });
}

// ---- field errors (k8s.io/apimachinery/pkg/util/validation/field) ----

export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueDuplicate'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueNotFound';

export interface FieldError {
  type: FieldErrorType;
  field: string;
  /** The part after the field path, as Go's field.Error.ErrorBody() prints it. */
  body: string;
}

/** Go's %#v-ish rendering of a value, as "Invalid value: ..." prints it. */
export function goValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[]string{${v.map((x) => goValue(x)).join(', ')}}`;
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (entries.every(([, x]) => typeof x === 'string')) {
      return `map[string]string{${entries.map(([k, x]) => `${JSON.stringify(k)}:${JSON.stringify(x)}`).join(', ')}}`;
    }
    return JSON.stringify(v);
  }
  return String(v);
}

export const fieldErr = {
  required: (field: string, detail = ''): FieldError => ({
    type: 'FieldValueRequired',
    field,
    body: detail ? `Required value: ${detail}` : 'Required value',
  }),
  invalid: (field: string, value: unknown, detail = ''): FieldError => ({
    type: 'FieldValueInvalid',
    field,
    body: `Invalid value: ${goValue(value)}${detail ? `: ${detail}` : ''}`,
  }),
  notSupported: (field: string, value: unknown, supported: string[]): FieldError => ({
    type: 'FieldValueNotSupported',
    field,
    body: `Unsupported value: ${goValue(value)}: supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`,
  }),
  duplicate: (field: string, value: unknown): FieldError => ({
    type: 'FieldValueDuplicate',
    field,
    body: `Duplicate value: ${goValue(value)}`,
  }),
  forbidden: (field: string, detail: string): FieldError => ({
    type: 'FieldValueForbidden',
    field,
    body: `Forbidden: ${detail}`,
  }),
  tooLong: (field: string, max: number): FieldError => ({
    type: 'FieldValueTooLong',
    field,
    body: `Too long: may not be more than ${max} bytes`,
  }),
  tooMany: (field: string, actual: number, max: number): FieldError => ({
    type: 'FieldValueTooMany',
    field,
    body: `Too many: ${actual}: must have at most ${max} items`,
  }),
  notFound: (field: string, value: unknown): FieldError => ({
    type: 'FieldValueNotFound',
    field,
    body: `Not found: ${goValue(value)}`,
  }),
};

/** `Deployment.apps "web" is invalid: [a: Required value, b: Invalid value: ...]` (422). */
export function invalid(kind: string, group: string, name: string, errs: FieldError[]): ApiError {
  const parts = errs.map((e) => `${e.field}: ${e.body}`);
  const list = parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`;
  return new ApiError({
    reason: 'Invalid',
    code: 422,
    message: `${group ? `${kind}.${group}` : kind} "${name}" is invalid: ${list}`,
    details: {
      name,
      group: group || undefined,
      kind,
      causes: errs.map((e) => ({ reason: e.type, message: e.body, field: e.field })),
    },
  });
}
