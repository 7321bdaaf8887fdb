/**
 * The map on the HTML page of a place, State, structure, field operation or meeting: the point is the place itself,
 * or its seat, headquarters or venue (schema:geo, data/geo.ttl); the highlighted country is the State itself, the
 * field operation's host, or the country the place lies in. Read with one query; drawn by map.ts.
 */
import { html, raw } from 'hono/html';
import type { KgStore, Row } from '../store/types.js';
import { NS, type Iris } from '../model/ns.js';
import { mapDescription, renderMap, type MapInput } from './map.js';
import type { Fragment } from './layout.js';

/** Kinds whose pages have a map. */
const MAPPED = new Set(['place', 'country', 'territory', 'structure', 'field-operation', 'meeting']);

/** An IRI that is safe between angle brackets (SPARQL grammar [139] IRIREF). */
const IRIREF = /^[^<>"{}|^`\\\x00-\x20]*$/;

/**
 * The entity's point (rank 3: a place itself, 4: its seat, headquarters or venue) and the countries to outline (1: the
 * State itself, 2: a field operation's host, 3 and 4: the country the place lies in, 5: a meeting held "in" a country);
 * each branch binds ?country before asking for its code, so an unbound ?country never matches every State.
 */
function mapQuery(entity: string): string {
  const e = `<${entity}>`;
  const english = (v: string) => `FILTER(langMatches(lang(${v}), "en"))`;
  return `PREFIX schema: <${NS.schema}> PREFIX osce: <${NS.osce}> PREFIX rdfs: <${NS.rdfs}>
SELECT ?rank ?lat ?long ?placeLabel ?country ?iso2 ?countryLabel WHERE {
  {
    { BIND(3 AS ?rank) BIND(${e} AS ?place) } UNION { BIND(4 AS ?rank) ${e} osce:seat|osce:headquarters|schema:location ?place }
    ?place schema:geo ?g . ?g schema:latitude ?lat ; schema:longitude ?long .
    OPTIONAL { ?place rdfs:label ?placeLabel ${english('?placeLabel')} }
    OPTIONAL { ?place schema:containedInPlace ?country .
      OPTIONAL { ?country osce:iso2 ?iso2 } OPTIONAL { ?country rdfs:label ?countryLabel ${english('?countryLabel')} } }
  } UNION {
    { BIND(1 AS ?rank) BIND(${e} AS ?country) } UNION { BIND(2 AS ?rank) ${e} osce:hostState ?country }
    UNION { BIND(5 AS ?rank) ${e} schema:location ?country }
    OPTIONAL { ?country osce:iso2 ?iso2 } OPTIONAL { ?country rdfs:label ?countryLabel ${english('?countryLabel')} }
  }
} ORDER BY ?rank`;
}

/** What to draw, from the query's rows: the first point found, the best-ranked country with an outline. */
export function mapInputOf(rows: readonly Row[], iris: Iris): MapInput {
  const input: MapInput = {};
  for (const row of rows) {
    const lat = Number(row.lat?.value);
    const long = Number(row.long?.value);
    if (!input.point && row.lat && row.long && Number.isFinite(lat) && Number.isFinite(long)) {
      input.point = { lat, long, label: row.placeLabel?.value ?? row.place?.value ?? '' };
    }
    const parsed = row.country ? iris.parseEntity(row.country.value) : undefined;
    const code = row.iso2?.value ?? (parsed?.kind === 'territory' && parsed.key === 'kosovo' ? 'kosovo' : undefined);
    if (!input.country && code) {
      input.country = code;
      input.countryLabel = row.countryLabel?.value;
    }
  }
  return input;
}

/** The map section of an entity's page, or nothing when the entity has no place and no outline. */
export async function entityMap(store: KgStore, iris: Iris, kind: string, entity: string): Promise<Fragment | undefined> {
  if (!MAPPED.has(kind) || !IRIREF.test(entity)) return undefined;
  const input = mapInputOf(await store.select(mapQuery(entity)), iris);
  const svg = renderMap(input);
  if (!svg) return undefined;
  return html`<section aria-labelledby="map-h"><h2 id="map-h">Map</h2>
<figure class="map">${raw(svg)}
<figcaption>${mapDescription(input)} Coordinates: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0);
outlines: <a href="https://www.naturalearthdata.com/">Natural Earth</a> (public domain).</figcaption></figure></section>`;
}
