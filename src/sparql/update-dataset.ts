/**
 * `using-graph-uri` / `using-named-graph-uri` (SPARQL 1.1 Protocol §2.2.3) applied to an update: each DELETE/INSERT
 * operation gets the equivalent USING / USING NAMED clauses by editing the parsed update, never by splicing text.
 */
import sparqljs from 'sparqljs';
import { badRequest } from '../errors.js';
import type { DatasetSpec } from '../store/types.js';

type Iri = { termType: 'NamedNode'; value: string };
const iri = (value: string) => ({ termType: 'NamedNode', value }) as Iri;

/** Returns the update text with the protocol dataset as USING clauses (unchanged when there is none). */
export function applyUsingDataset(update: string, dataset: DatasetSpec | undefined, baseIri?: string): string {
  if (!dataset) return update;
  const tree = new sparqljs.Parser(baseIri ? { baseIRI: baseIri } : {}).parse(update);
  if (tree.type !== 'update') return update;
  for (const op of tree.updates) {
    if (!('updateType' in op) || op.updateType !== 'insertdelete') continue;
    if (op.graph || (op.using && (op.using.default.length > 0 || op.using.named.length > 0))) {
      // §2.2.3: the protocol dataset and one in the request itself together are an error
      throw badRequest('DATASET_CONFLICT', 'using-graph-uri/using-named-graph-uri cannot be combined with USING or WITH in the update.');
    }
    op.using = {
      default: (dataset.defaultGraphs ?? []).map(iri) as sparqljs.IriTerm[],
      named: (dataset.namedGraphs ?? []).map(iri) as sparqljs.IriTerm[],
    };
  }
  return new sparqljs.Generator().stringify(tree);
}
