/** `limit` and `offset` query parameters: non-negative integers, limit capped; anything else is a 400. */
import { badRequest } from '../errors.js';

export interface Paging {
  limit: number;
  offset: number;
}

function nonNegativeInt(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,9}$/.test(raw)) {
    throw badRequest('INVALID_PARAMETER', `Parameter "${name}" must be a non-negative integer, got "${raw}".`, { parameter: name, value: raw });
  }
  const n = Number(raw);
  if (n > max) throw badRequest('INVALID_PARAMETER', `Parameter "${name}" must be at most ${max}, got ${n}.`, { parameter: name, value: raw, maximum: max });
  return n;
}

/** Reads `limit` (1..maxLimit, default `defaultLimit`) and `offset` (default 0). */
export function parsePaging(
  get: (name: string) => string | undefined,
  defaultLimit: number,
  maxLimit: number,
): Paging {
  const limit = nonNegativeInt('limit', get('limit'), defaultLimit, maxLimit);
  if (limit === 0) throw badRequest('INVALID_PARAMETER', 'Parameter "limit" must be at least 1.', { parameter: 'limit', value: '0' });
  return { limit, offset: nonNegativeInt('offset', get('offset'), 0, 1_000_000_000) };
}
