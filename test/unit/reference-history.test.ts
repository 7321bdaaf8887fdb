import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataFactory, Store } from 'n3';
import { Iris, NS } from '../../src/model/ns.js';
import { loadReferenceQuads } from '../../src/model/reference.js';
import { ReferenceIndex } from '../../src/ingest/reference-index.js';

const BASE = 'http://localhost:8080/';
const iris = new Iris(BASE);
const quads = loadReferenceQuads(BASE);
const store = new Store(quads);
const n = DataFactory.namedNode;
const country = (k: string) => iris.entity('country', k);
const objects = (s: string, p: string) => store.getObjects(n(s), n(p), null).map((o) => o.value).sort();
const types = (s: string) => objects(s, `${NS.rdf}type`);

test('the Federal Republic of Yugoslavia and Serbia and Montenegro are former States of their own, never Serbia', () => {
  for (const k of ['yu', 'scg', 'cs']) {
    assert.deepEqual(types(country(k)), [`${NS.schema}Country`, `${NS.osce}FormerState`], k);
  }
  assert.deepEqual(objects(country('yu'), `${NS.osce}successorState`), [country('scg')]);
  assert.deepEqual(objects(country('scg'), `${NS.osce}successorState`), [country('me'), country('rs')]);
  assert.deepEqual(objects(country('scg'), `${NS.osce}predecessorState`), [country('yu')]);
  assert.deepEqual(objects(country('rs'), `${NS.osce}predecessorState`), [country('scg')]);
  assert.deepEqual(objects(country('cz'), `${NS.osce}predecessorState`), [country('cs')]);
  // FRY 1992-2003, Serbia and Montenegro 2003-2006, years only (osce-facts.md gives no days)
  const years = (k: string) => ['hasBeginning', 'hasEnd'].map((p) => {
    const [instant] = objects(objects(country(k), `${NS.time}hasTime`)[0]!, `${NS.time}${p}`);
    const [lit] = store.getObjects(n(instant!), n(`${NS.time}inXSDgYear`), null);
    return lit?.value;
  });
  assert.deepEqual(years('yu'), ['1992', '2003']);
  assert.deepEqual(years('scg'), ['2003', '2006']);
});

test('every name that changed resolves to the one entity it names (contract: names as literals on the entity)', () => {
  const index = new ReferenceIndex(quads, iris);
  const cases: [string, string][] = [
    ['the former Yugoslav Republic of Macedonia', country('mk')],
    ['FYROM', country('mk')],
    ['fYROM', country('mk')],
    ['Turkey', country('tr')],
    ['Czech Republic', country('cz')],
    ['Kyrgyz Republic', country('kg')],
    ['Republic of Moldova', country('md')],
    ['Russia', country('ru')],
    ['USA', country('us')],
    ['United States', country('us')],
    ['Great Britain', country('gb')],
    ['UK', country('gb')],
    ['Federal Republic of Yugoslavia', country('yu')],
    ['FRY', country('yu')],
    ['Serbia and Montenegro', country('scg')],
    ['CSCE', iris.entity('organization', 'osce')],
    ['Conference on Security and Co-operation in Europe', iris.entity('organization', 'osce')],
    ['Chairman-in-Office', iris.entity('structure', 'chairpersonship')],
    ['Centre in Almaty', iris.entity('field-operation', 'programme-office-in-astana')],
    ['Centre in Astana', iris.entity('field-operation', 'programme-office-in-astana')],
    ['Centre in Bishkek', iris.entity('field-operation', 'programme-office-in-bishkek')],
    ['Centre in Dushanbe', iris.entity('field-operation', 'programme-office-in-dushanbe')],
    ['Office in Tajikistan', iris.entity('field-operation', 'programme-office-in-dushanbe')],
    ['Spillover Monitor Mission to Skopje', iris.entity('field-operation', 'mission-to-skopje')],
    ['Mission to the FRY', iris.entity('field-operation', 'mission-to-serbia')],
    ['Mission to Serbia and Montenegro', iris.entity('field-operation', 'mission-to-serbia')],
    ['Kiev', iris.entity('place', 'kyiv')],
    ['Chisinau', iris.entity('place', 'chisinau')],
    ['Pristina', iris.entity('place', 'prishtine-pristina')],
    ['Ashkhabad', iris.entity('place', 'ashgabat')],
    ['Erevan', iris.entity('place', 'yerevan')],
    ['Alma-Ata', iris.entity('place', 'almaty')],
    ['Frunze', iris.entity('place', 'bishkek')],
    ['Akmola', iris.entity('place', 'astana')],
    ['Nur-Sultan', iris.entity('place', 'astana')],
  ];
  const wrong = cases.filter(([name, iri]) => index.find(name)?.iri !== iri).map(([name]) => `${name} -> ${index.find(name)?.iri}`);
  assert.deepEqual(wrong, []);
  assert.equal(index.find('Serbia')?.iri, country('rs'));
});
