/**
 * Content negotiation (RFC 9110 §12.5.1): the one place that reads `Accept`.
 *
 * For each offered type the most specific matching range decides its quality (exact type with parameters, then exact
 * type, then `type/*`, then `*\/*`); a quality of 0 excludes it even when a wildcard would admit it. The highest
 * quality wins; ties go to the server's order of preference (the order of `offered`).
 */
import { notAcceptable } from '../errors.js';

interface MediaRange {
  type: string;
  subtype: string;
  params: Record<string, string>;
  q: number;
}

/** Parses an Accept header into media ranges; malformed members are skipped, as browsers send odd values. */
export function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const member of header.split(',')) {
    const [mediaType = '', ...paramParts] = member.split(';');
    const [type, subtype] = mediaType.trim().toLowerCase().split('/');
    if (!type || !subtype) continue;
    const params: Record<string, string> = {};
    let q = 1;
    for (const part of paramParts) {
      const eq = part.indexOf('=');
      if (eq < 0) continue;
      const key = part.slice(0, eq).trim().toLowerCase();
      const value = part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
      if (key === 'q') {
        const n = Number(value);
        q = Number.isFinite(n) ? Math.min(Math.max(n, 0), 1) : 1;
      } else params[key] = value;
    }
    ranges.push({ type, subtype, params, q });
  }
  return ranges;
}

function splitOffer(offer: string): { type: string; subtype: string; params: Record<string, string> } {
  const [mediaType = '', ...paramParts] = offer.split(';');
  const [type = '', subtype = ''] = mediaType.trim().toLowerCase().split('/');
  const params: Record<string, string> = {};
  for (const part of paramParts) {
    const [k, v] = part.split('=');
    if (k && v) params[k.trim().toLowerCase()] = v.trim();
  }
  // every text this service writes is UTF-8, so `;charset=utf-8` in a media range matches any offer
  params.charset ??= 'utf-8';
  return { type, subtype, params };
}

/** Specificity of `range` for `offer`, or -1 when it does not match. */
function specificity(range: MediaRange, offer: ReturnType<typeof splitOffer>): number {
  if (range.type !== '*' && range.type !== offer.type) return -1;
  if (range.subtype !== '*' && range.subtype !== offer.subtype) return -1;
  const keys = Object.keys(range.params);
  if (keys.some((k) => offer.params[k]?.toLowerCase() !== range.params[k]?.toLowerCase())) return -1;
  return (range.type === '*' ? 0 : 4) + (range.subtype === '*' ? 0 : 2) + (keys.length > 0 ? 1 : 0);
}

/** Quality of one offered type under the parsed Accept ranges (0 = not acceptable). */
export function qualityOf(ranges: readonly MediaRange[], offer: string): number {
  const parsed = splitOffer(offer);
  let best = -1;
  let q = 0;
  for (const range of ranges) {
    const s = specificity(range, parsed);
    if (s > best || (s === best && range.q > q)) {
      best = s;
      q = range.q;
    }
  }
  return best < 0 ? 0 : q;
}

/**
 * Picks the offered media type that best fits `accept`, or undefined when none is acceptable.
 * A missing or empty Accept header means any type: the first offer.
 */
export function pickMediaType(accept: string | undefined | null, offered: readonly string[]): string | undefined {
  if (!accept || !accept.trim()) return offered[0];
  let known = PICKED.get(offered);
  if (!known) PICKED.set(offered, (known = new Map()));
  if (known.has(accept)) return known.get(accept);
  const picked = pick(accept, offered);
  if (known.size >= PICKED_MAX) known.delete(known.keys().next().value!);
  known.set(accept, picked);
  return picked;
}

/**
 * Answers by offer list and Accept header: clients send the same few headers again and again, and parsing and
 * matching one cost tens of microseconds per request (a point query's whole evaluation is about a hundred).
 */
const PICKED = new WeakMap<readonly string[], Map<string, string | undefined>>();
const PICKED_MAX = 64;

function pick(accept: string, offered: readonly string[]): string | undefined {
  const ranges = parseAccept(accept);
  if (ranges.length === 0) return offered[0];
  let winner: string | undefined;
  let winnerQ = 0;
  for (const offer of offered) {
    const q = qualityOf(ranges, offer);
    if (q > winnerQ) {
      winner = offer;
      winnerQ = q;
    }
  }
  return winner;
}

/** Like {@link pickMediaType}, but throws AppError 406 NOT_ACCEPTABLE when nothing fits. */
export function negotiate(accept: string | undefined | null, offered: readonly string[]): string {
  const picked = pickMediaType(accept, offered);
  if (picked === undefined) throw notAcceptable(offered);
  return picked;
}
