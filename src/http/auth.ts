/**
 * Write authorization: `Authorization: Bearer <token>` (RFC 6750) against the configured token. Without a configured
 * token the service is read-only (403 READ_ONLY); a missing or wrong token is a 401 with `WWW-Authenticate`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { forbidden, unauthorized, AppError } from '../errors.js';

/** Hashing both sides first gives equal-length buffers, so the comparison time does not depend on the token. */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Whether `authorization` carries the configured bearer token (false when none is configured). */
export function hasToken(authorization: string | undefined, token: string | undefined): boolean {
  const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(authorization ?? '');
  return token !== undefined && token !== '' && match !== null && sameSecret(match[1] ?? '', token);
}

/** Throws unless `authorization` carries the configured bearer token. */
export function assertCanWrite(authorization: string | undefined, token: string | undefined): void {
  if (!token) throw forbidden('READ_ONLY', 'This service is read-only: no write token is configured (OSCE_KG_TOKEN).');
  const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(authorization ?? '');
  if (!match) throw unauthorized();
  if (!sameSecret(match[1] ?? '', token)) {
    throw new AppError(401, 'INVALID_TOKEN', 'The bearer token is not valid.', undefined, {
      'WWW-Authenticate': 'Bearer realm="osce-kg", error="invalid_token"',
    });
  }
}
