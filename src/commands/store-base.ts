/**
 * The base IRI a data directory's data was made with. The store does not record it: it is in the IRIs the first
 * start seeded (README, Configuration). A command run on it with another base writes releases whose links resolve
 * to nothing there, which the SHACL gate then rejects as "3 SHACL violations" without saying why.
 */
import { NS } from '../model/ns.js';
import type { KgStore } from '../store/types.js';

const OSCE = 'id/organization/osce';

/** Throws, naming the data's base, when the OSCE's own IRI in the store is not under `base` (an empty store passes). */
export async function checkStoreBase(store: Pick<KgStore, 'select'>, base: string, dataDir: string, command: string): Promise<void> {
  const rows = await store.select(`SELECT DISTINCT ?o WHERE { GRAPH ?g { ?o a <${NS.org}FormalOrganization> }
    FILTER(STRENDS(STR(?o), "/${OSCE}")) } LIMIT 10`);
  const found = rows.map((r) => r.o?.value ?? '').filter(Boolean);
  if (found.length === 0 || found.includes(`${base}${OSCE}`)) return;
  const theirs = (found[0] as string).slice(0, -OSCE.length);
  throw new Error(`${command}: ${dataDir} holds data made with the base ${theirs}, not ${base}: `
    + `run with --base ${theirs} (or OSCE_KG_BASE), the base its server runs with.`);
}
