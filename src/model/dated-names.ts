/**
 * The names an entity had and when each was in force, read from the reference data: each `osce:DatedName` (a SKOS-XL
 * label) linked from its entity by `skosxl:altLabel`, with `time:hasTime` → a `time:Interval` (periods.ts).
 * A pure lookup over quads, like office-holders.ts.
 */
import type { Quad } from '@rdfjs/types';
import { NS } from './ns.js';
import { type Bounds, type Day, Graph, intervalBounds, isDay, onlyHolding } from './periods.js';

export interface DatedName {
  /** The name node (`{entity}#name-…`). */
  iri: string;
  entity: string;
  text: string;
  language: string;
  bounds: Bounds;
}

export interface DatedNames {
  /** Every dated name of `entity`, in the order of their beginnings. */
  namesOf(entity: string): DatedName[];
  /**
   * The name of `entity` in `language` in force on `day` (`YYYY-MM-DD`); undefined when the entity has no dated
   * names in that language or the data does not determine which was in force (a renaming whose date is not known
   * closely enough).
   */
  nameOn(entity: string, day: Day, language?: string): string | undefined;
}

function byBeginning(a: DatedName, b: DatedName): number {
  return (a.bounds.begin?.earliest ?? '').localeCompare(b.bounds.begin?.earliest ?? '');
}

export function datedNames(quads: Iterable<Quad>): DatedNames {
  const g = new Graph(quads);
  const byEntity = new Map<string, DatedName[]>();
  for (const iri of g.subjects(`${NS.rdf}type`, `${NS.osce}DatedName`)) {
    const form = g.one(iri, `${NS.skosxl}literalForm`);
    const interval = g.one(iri, `${NS.time}hasTime`)?.value;
    if (form?.termType !== 'Literal' || !interval) continue;
    for (const entity of g.subjects(`${NS.skosxl}altLabel`, iri)) {
      const list = byEntity.get(entity) ?? [];
      list.push({ iri, entity, text: form.value, language: form.language, bounds: intervalBounds(g, interval) });
      byEntity.set(entity, list);
    }
  }
  for (const list of byEntity.values()) list.sort(byBeginning);
  return {
    namesOf: (entity) => [...(byEntity.get(entity) ?? [])],
    nameOn(entity, day, language = 'en') {
      if (!isDay(day)) throw new RangeError(`not a day (YYYY-MM-DD): ${JSON.stringify(day)}`);
      const names = (byEntity.get(entity) ?? []).filter((n) => n.language === language);
      return onlyHolding(names, (n) => n.bounds, day)?.text;
    },
  };
}
