/** A failed API call, normalised from an RFC 9457 problem document (or a network failure). */
export interface FieldError {
  field: string;
  /** Machine-readable reason: `invalid` in general, or e.g. `unknown_user`, `user_disabled`. */
  code: string;
  /** The server's English wording; shown only when there is no translation. */
  message: string;
}

const DEFAULT_TYPES: Record<number, string> = {
  0: 'network_error',
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  412: 'precondition_failed',
  413: 'payload_too_large',
  415: 'unsupported_image',
  422: 'validation_failed',
  429: 'rate_limited',
};

export class ApiProblem extends Error {
  readonly status: number;
  readonly type: string;
  readonly detail: string;
  readonly errors: FieldError[];
  /** Seconds from the Retry-After header of a 429 answer. */
  readonly retryAfter: number | undefined;
  /** Why an administrator suspended the account (`account_disabled`), in their words. */
  readonly reason: string | undefined;

  constructor(status: number, type: string, detail = '', errors: FieldError[] = [], retryAfter?: number, reason?: string) {
    super(`${status} ${type}${detail ? `: ${detail}` : ''}`);
    this.name = 'ApiProblem';
    this.status = status;
    this.type = type;
    this.detail = detail;
    this.errors = errors;
    this.retryAfter = retryAfter;
    this.reason = reason;
  }
}

/** Problem types may be bare (`invalid_credentials`) or URIs ending in the name. */
function normaliseType(type: unknown, status: number): string {
  if (typeof type === 'string' && type && type !== 'about:blank') {
    const last = type.split(/[/#]/).filter(Boolean).pop();
    if (last) return last;
  }
  return DEFAULT_TYPES[status] ?? (status >= 500 ? 'server_error' : 'unexpected');
}

export function toProblem(body: unknown, response: Response): ApiProblem {
  const doc = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const errors = Array.isArray(doc.errors)
    ? (doc.errors as unknown[]).flatMap((e) => {
        const fe = e as Partial<FieldError>;
        if (typeof fe?.field !== 'string') return [];
        const code = typeof fe.code === 'string' && fe.code ? fe.code : 'invalid';
        return [{ field: fe.field, code, message: String(fe.message ?? '') }];
      })
    : [];
  const retry = Number(response.headers.get('Retry-After'));
  return new ApiProblem(
    response.status,
    normaliseType(doc.type, response.status),
    typeof doc.detail === 'string' ? doc.detail : '',
    errors,
    Number.isFinite(retry) && retry > 0 ? retry : undefined,
    typeof doc.reason === 'string' && doc.reason ? doc.reason : undefined,
  );
}

type Result<D> = { data?: D; error?: unknown; response: Response };

/** Awaits an openapi-fetch call; returns its data or throws an ApiProblem. */
export async function unwrap<D>(call: Promise<Result<D>>): Promise<D> {
  let result: Result<D>;
  try {
    result = await call;
  } catch (e) {
    if (e instanceof ApiProblem) throw e;
    throw new ApiProblem(0, 'network_error', e instanceof Error ? e.message : '');
  }
  if (!result.response.ok) throw toProblem(result.error, result.response);
  return result.data as D;
}

export const isProblem = (e: unknown, type?: string): e is ApiProblem =>
  e instanceof ApiProblem && (type === undefined || e.type === type);
