/** The OpenAPI 3.1 description of `GET /api/stats` (merged into the document of src/api/openapi.ts). */
import { DIMENSIONS } from './types.js';

type Schema = Record<string, unknown>;

const iriParam = (name: string, what: string): Schema => ({
  name, in: 'query', required: false, description: `Only releases ${what}.`, schema: { type: 'string', format: 'iri' },
});
const dayParam = (name: string, what: string): Schema => ({
  name, in: 'query', required: false, description: `Only releases published ${what} (a year YYYY or a month YYYY-MM stands for its ${name === 'from' ? 'first' : 'last'} day).`,
  schema: { type: 'string', pattern: '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$' },
});

const ROW: Schema = {
  type: 'object',
  required: ['key', 'label', 'releases'],
  properties: {
    key: { type: 'string', description: 'An IRI (State, field, structure, content type, person), a year "2021", a month "2021-03" or a language code.' },
    label: { type: 'string', description: 'The English label of the key.' },
    key2: { type: 'string', description: 'The key of the second dimension, when two are asked.' },
    label2: { type: 'string' },
    releases: { type: 'integer', minimum: 1, description: 'Number of press releases.' },
  },
  additionalProperties: false,
};

export function statsOpenApiPaths(): Record<string, unknown> {
  return {
    '/api/stats': {
      get: {
        operationId: 'stats',
        summary: 'Release counts by facet',
        description: 'Number of press releases per year, month, State mentioned, field of work, publisher (a structure ' +
          'counts the releases of every unit under it), content type, language or speaker, or per pair of these, under ' +
          'filters. Answered from statistics kept current by every write. Example: `/api/stats?by=year,state&field=…&from=2015`.',
        tags: ['statistics'],
        parameters: [
          { name: 'by', in: 'query', required: true, description: 'One dimension, or two separated by a comma.', schema: { type: 'string', pattern: `^(${DIMENSIONS.join('|')})(,(${DIMENSIONS.join('|')}))?$` } },
          iriParam('state', 'mentioning this State'),
          iriParam('field', 'about this field of work'),
          iriParam('publisher', 'published by this structure or a unit under it'),
          iriParam('genre', 'of this content type'),
          iriParam('speaker', 'quoting this person'),
          { name: 'language', in: 'query', required: false, description: 'Only releases in this language (a code such as en).', schema: { type: 'string' } },
          dayParam('from', 'on or after this day'),
          dayParam('to', 'on or before this day'),
          { name: 'format', in: 'query', required: false, description: 'csv or json, instead of negotiating with Accept (for links).', schema: { type: 'string', enum: ['json', 'csv'] } },
        ],
        responses: {
          '200': {
            description: 'Rows sorted by time, or by count (most first) for things.',
            headers: { ETag: { $ref: '#/components/headers/ETag' } },
            content: { 'application/json': { schema: { type: 'array', items: ROW } }, 'text/csv': { schema: { type: 'string' } } },
          },
          '304': { description: 'Not modified: the ETag in If-None-Match is current.' },
          '400': { $ref: '#/components/responses/Error' },
          '406': { $ref: '#/components/responses/Error' },
        },
      },
    },
  };
}
