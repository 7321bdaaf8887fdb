/**
 * `GET /api/stats` parameters → StatsRequest. Every fault is a 400 INVALID_PARAMETER naming the parameter and what
 * it takes: an unknown name (a typo must not return unfiltered counts), a repeated one, a bad value.
 */
import { badRequest } from '../errors.js';
import { isCalendarDay } from '../model/xsd-dates.js';
import { DIMENSIONS, FILTERS, type Dimension, type StatsFilters, type StatsRequest } from './types.js';

const ACCEPTED = ['by', ...FILTERS] as const;

const invalid = (parameter: string, value: string, expected: string) =>
  badRequest('INVALID_PARAMETER', `Parameter "${parameter}" must be ${expected}; got "${value}".`, { parameter, value, expected });

function dimensions(value: string): StatsRequest['by'] {
  const parts = value.split(',');
  const expected = `one or two of ${DIMENSIONS.join(', ')}, separated by a comma`;
  if (parts.length > 2 || parts.some((p) => !(DIMENSIONS as readonly string[]).includes(p))) throw invalid('by', value, expected);
  if (parts.length === 2 && parts[0] === parts[1]) throw invalid('by', value, 'two different dimensions');
  return parts as [Dimension] | [Dimension, Dimension];
}

/** A day YYYY-MM-DD, or a year YYYY / month YYYY-MM taken as its first (`from`) or last (`to`) day. */
function day(name: 'from' | 'to', value: string): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  const y = Number(m?.[1]);
  const mo = m?.[2] === undefined ? (name === 'from' ? 1 : 12) : Number(m[2]);
  const lastDay = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  const d = m?.[3] === undefined ? (name === 'from' ? 1 : lastDay) : Number(m[3]);
  if (!m || !isCalendarDay(y, mo, d)) throw invalid(name, value, 'a date YYYY-MM-DD, a month YYYY-MM or a year YYYY');
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function iri(name: string, value: string): string {
  if (!/^[a-z][a-z0-9+.-]*:[^\s<>"{}|^`\\]*$/i.test(value) || !URL.canParse(value)) throw invalid(name, value, 'an absolute IRI');
  return value;
}

/** Parses and checks the query string of a statistics request (400 INVALID_PARAMETER on any fault). */
export function parseStatsRequest(search: URLSearchParams): StatsRequest {
  const seen = new Set<string>();
  for (const key of search.keys()) {
    if (!(ACCEPTED as readonly string[]).includes(key)) {
      throw badRequest('INVALID_PARAMETER', `Unknown parameter "${key}"; /api/stats takes ${ACCEPTED.join(', ')}.`, { parameter: key, accepted: ACCEPTED });
    }
    if (seen.has(key)) throw badRequest('INVALID_PARAMETER', `Parameter "${key}" is given more than once.`, { parameter: key });
    seen.add(key);
  }
  const by = search.get('by');
  if (by === null) throw badRequest('INVALID_PARAMETER', `Parameter "by" is required: one or two of ${DIMENSIONS.join(', ')}.`, { parameter: 'by' });
  const filters: StatsFilters = {};
  for (const name of ['state', 'field', 'publisher', 'genre', 'speaker'] as const) {
    const value = search.get(name);
    if (value !== null) filters[name] = iri(name, value);
  }
  const language = search.get('language');
  if (language !== null) {
    if (!/^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(language)) throw invalid('language', language, 'a language code such as en or fr');
    filters.language = language;
  }
  const from = search.get('from');
  const to = search.get('to');
  if (from !== null) filters.from = day('from', from);
  if (to !== null) filters.to = day('to', to);
  if (filters.from && filters.to && filters.from > filters.to) {
    throw badRequest('INVALID_PARAMETER', `Parameter "from" (${from}) is after "to" (${to}).`, { parameter: 'from', from, to });
  }
  return { by: dimensions(by), filters };
}

/** The canonical query string of a request (for ETags, cache keys and links): parameters in a fixed order. */
export function statsQueryString(req: StatsRequest): string {
  const params = new URLSearchParams({ by: req.by.join(',') });
  for (const name of FILTERS) {
    const value = req.filters[name];
    if (value !== undefined) params.set(name, value);
  }
  return params.toString();
}
