/**
 * The change log in the store's state graph, read as the shared change feed needs it: per version, its time, the
 * entity IRIs it touched and those present after it (meta.ts writes them inside each write's own update request).
 */
import type { Delta, LoggedChange, SharedChangeLog } from '../types.js';
import type { MetaGraph } from './meta.js';
import type { RemoteReader } from './reader.js';

/** Rows per page of the IRI lists (a bulk load or the initial content may list every entity). */
const PAGE = 10_000;

/** Entity IRIs under `prefix` that a delta touches: subjects and IRI objects, and the entity of each hash IRI. */
export function touchedIris(delta: Delta, prefix: string): string[] {
  const out = new Set<string>();
  const add = (iri: string) => {
    if (!iri.startsWith(prefix)) return;
    out.add(iri);
    const hash = iri.indexOf('#');
    if (hash > 0) out.add(iri.slice(0, hash));
  };
  for (const q of [...delta.added, ...delta.removed]) {
    if (q.subject.termType === 'NamedNode') add(q.subject.value);
    if (q.object.termType === 'NamedNode') add(q.object.value);
  }
  return [...out].sort();
}

export class RemoteChangeLog implements SharedChangeLog {
  constructor(private readonly reader: () => RemoteReader, private readonly meta: MetaGraph) {}

  async entries(from: number, to: number): Promise<LoggedChange[]> {
    if (to <= from) return [];
    const byVersion = new Map<number, LoggedChange>();
    for (const r of await this.reader().rawRows(this.meta.entryTimesQuery(from, to))) {
      const version = Number(r.v?.value);
      // instances initialising an empty store at once may both write entry 0's time: the earliest one counts
      if (!byVersion.has(version)) byVersion.set(version, { version, time: new Date(r.t?.value ?? 0), touched: [], present: [] });
    }
    for (const which of ['touched', 'present'] as const) {
      for (let offset = 0; ; offset += PAGE) {
        const rows = await this.reader().rawRows(this.meta.entryIrisQuery(which, from, to, PAGE, offset));
        for (const r of rows) byVersion.get(Number(r.v?.value))?.[which].push(r.i?.value ?? '');
        if (rows.length < PAGE) break;
      }
    }
    return [...byVersion.values()].sort((a, b) => a.version - b.version);
  }

  async initialTime(): Promise<Date | undefined> {
    const [first] = await this.reader().rawRows(this.meta.entryTimesQuery(-1, 0));
    return first?.t ? new Date(first.t.value) : undefined;
  }
}
