/**
 * The one error type that crosses module boundaries. Library code throws these; `app.ts` turns them into HTTP
 * responses in exactly one place (`onError`), the CLI into a message and an exit code.
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: unknown;
  readonly headers: Record<string, string>;
  constructor(status: number, code: string, message: string, detail?: unknown, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'AppError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.headers = headers;
  }
}

export const badRequest = (code: string, message: string, detail?: unknown) => new AppError(400, code, message, detail);
export const unauthorized = (message = 'This operation needs an Authorization: Bearer token.') =>
  new AppError(401, 'UNAUTHORIZED', message, undefined, { 'WWW-Authenticate': 'Bearer realm="osce-kg"' });
export const forbidden = (code: string, message: string) => new AppError(403, code, message);
export const notFound = (code: string, message: string) => new AppError(404, code, message);
export const notAcceptable = (offered: readonly string[]) =>
  new AppError(406, 'NOT_ACCEPTABLE', `None of the offered media types is acceptable: ${offered.join(', ')}.`, { offered });
export const payloadTooLarge = (limit: number) =>
  new AppError(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than the limit of ${limit} bytes.`, { limit });
export const unsupportedMediaType = (got: string, accepted: readonly string[]) =>
  new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', `Content-Type ${got || '(none)'} is not supported; use one of ${accepted.join(', ')}.`, { accepted });
export const unprocessable = (code: string, message: string, detail?: unknown) => new AppError(422, code, message, detail);
export const unavailable = (code: string, message: string) => new AppError(503, code, message);
export const queryTimeout = (seconds: number, waiting?: string) =>
  waiting
    ? new AppError(503, 'QUERY_TIMEOUT', `The query waited its whole time limit of ${seconds} s ${waiting} and was not run: the service is busy.`, { seconds, queued: true }, { 'Retry-After': '1' })
    : new AppError(503, 'QUERY_TIMEOUT', `The query did not finish within the time limit of ${seconds} s and was stopped.`, { seconds }, { 'Retry-After': '1' });

/** SPARQL or RDF syntax errors, with the position where known. */
export const syntaxError = (code: string, message: string, line?: number, column?: number) =>
  new AppError(400, code, message, line === undefined ? undefined : { line, column });

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
