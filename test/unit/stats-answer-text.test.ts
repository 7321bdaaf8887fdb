/**
 * The statistics' answers as text from the keys' kept pieces (decision 0038): for every shape of request the JSON is
 * `JSON.stringify` of the rows, the CSV `statsCsv` of them, the rows in `sortRows` order; and the kept names, labels
 * and order follow writes: a speaker renamed is labelled and placed by the new name in the next answer, a new one is
 * counted, a label removed falls back to the IRI.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import n3 from 'n3';
import { Iris, NS } from '../../src/model/ns.js';
import { loadReferenceQuads } from '../../src/model/reference.js';
import { FacetIndex, sortRows } from '../../src/stats/facet-index.js';
import { statsBody } from '../../src/stats/answer.js';
import { DIMENSIONS, type StatsFilters, type StatsRequest } from '../../src/stats/types.js';
import { ReleaseMaker, mulberry32, vocabulary } from '../support/stats-data.js';

const { namedNode, literal, quad } = n3.DataFactory;
const BASE = 'http://localhost:8080/';
const iris = new Iris(BASE);
const vocab = vocabulary(BASE);
const random = mulberry32(41);
const maker = new ReleaseMaker(iris, vocab, random);

function indexOf(releases: number): FacetIndex {
  const index = new FacetIndex();
  index.apply([], [...loadReferenceQuads(BASE), ...maker.persons()]);
  for (let i = 0; i < releases; i++) index.apply([], maker.release(maker.key()));
  return index;
}

/** Every dimension alone and with every other, unfiltered and under a few filters. */
function requests(): StatsRequest[] {
  const filters: StatsFilters[] = [{}, { field: vocab.fields[0]! }, { state: vocab.countries[1]! }, { from: '2018-01-01', to: '2021-06-30' },
    { publisher: `${BASE}id/organization/osce`, language: 'en' }, { speaker: iris.entity('person', 'chen-li') }];
  const out: StatsRequest[] = [];
  for (const f of filters) {
    for (const a of DIMENSIONS) {
      out.push({ by: [a], filters: f });
      for (const b of DIMENSIONS) if (a !== b) out.push({ by: [a, b], filters: f });
    }
  }
  return out;
}

function sameText(index: FacetIndex, req: StatsRequest): void {
  const counted = index.counted(req);
  const rows = counted.rows();
  const what = JSON.stringify(req);
  assert.deepEqual(rows, sortRows([...rows].reverse(), req.by), what);
  assert.equal(counted.json().toString(), statsBody(req, rows, 'application/json').body, what);
  assert.equal(counted.csv(), statsBody(req, rows, 'text/csv').body, what);
}

const person = (key: string) => namedNode(iris.entity('person', key));
const NAME = namedNode(`${NS.schema}name`);
const graphOf = (key: string) => namedNode(iris.entityGraph('person', key));

describe('statistics answers as text', () => {
  it('gives every shape of request as JSON.stringify and statsCsv give its rows, in sortRows order', () => {
    const index = indexOf(60);
    const all = requests();
    for (const req of all) sameText(index, req);
    assert.ok(all.some((req) => index.counted(req).length > 20), 'some answers have many rows');
  });

  it('follows a speaker renamed, a label removed and a new speaker, in labels and in order', () => {
    const index = indexOf(40);
    const req: StatsRequest = { by: ['speaker'], filters: {} };
    const labelOf = (key: string) => index.query(req).find((r) => r.key === iris.entity('person', key))?.label;
    // the kept table exists before the changes
    assert.equal(labelOf('ana-ionescu'), 'Ana Ionescu');
    const byYear: StatsRequest = { by: ['year', 'speaker'], filters: {} };
    sameText(index, byYear);
    // renamed so that it sorts last among equal counts, with characters JSON and CSV must escape
    index.apply([quad(person('ana-ionescu'), NAME, literal('Ana Ionescu'), graphOf('ana-ionescu'))],
      [quad(person('ana-ionescu'), NAME, literal('Zoë "Ana", Ionescu'), graphOf('ana-ionescu'))]);
    assert.equal(labelOf('ana-ionescu'), 'Zoë "Ana", Ionescu');
    assert.match(index.counted(req).json().toString(), /"label":"Zoë \\"Ana\\", Ionescu"/);
    assert.match(index.counted(req).csv(), /,"Zoë ""Ana"", Ionescu",/);
    sameText(index, req);
    sameText(index, byYear);
    // a second label of the same text changes nothing; the last one removed leaves the IRI as the label
    const chen = [quad(person('chen-li'), NAME, literal('Chen Li'), graphOf('chen-li'))];
    index.apply([], [quad(person('chen-li'), NAME, literal('Chen Li'), namedNode(`${BASE}graph/test/other`))]);
    assert.equal(labelOf('chen-li'), 'Chen Li');
    index.apply([...chen, quad(person('chen-li'), NAME, literal('Chen Li'), namedNode(`${BASE}graph/test/other`))], []);
    assert.equal(labelOf('chen-li'), iris.entity('person', 'chen-li'));
    sameText(index, req);
    // a speaker never counted before: a new key, placed among the others
    const release = maker.key();
    const s = namedNode(iris.entity('release', release));
    const g = namedNode(iris.releaseGraph(release));
    const q = namedNode(iris.entity('quotation', `${release}-1`));
    index.apply([], [
      quad(s, namedNode(`${NS.rdf}type`), namedNode(`${NS.osce}PressRelease`), g),
      quad(s, namedNode(`${NS.schema}datePublished`), literal('2019-05-04', namedNode(`${NS.xsd}date`)), g),
      quad(s, namedNode(`${NS.osce}quotation`), q, g), quad(q, namedNode(`${NS.schema}spokenByCharacter`), person('aaron-new'), g),
      quad(person('aaron-new'), NAME, literal('Aaron New'), graphOf('aaron-new')),
    ]);
    assert.equal(labelOf('aaron-new'), 'Aaron New');
    sameText(index, req);
    sameText(index, byYear);
  });
});
