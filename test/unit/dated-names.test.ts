import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataFactory, Store } from 'n3';
import { Iris, NS } from '../../src/model/ns.js';
import { loadReferenceQuads } from '../../src/model/reference.js';
import { datedNames } from '../../src/model/dated-names.js';

const BASE = 'http://localhost:8080/';
const iris = new Iris(BASE);
const quads = loadReferenceQuads(BASE);
const names = datedNames(quads);
const op = (key: string) => iris.entity('field-operation', key);

test('a renamed field operation is one entity whose name in force depends on the day', () => {
  const serbia = op('mission-to-serbia');
  assert.deepEqual(names.namesOf(serbia).map((n) => n.text), ['Mission to the Federal Republic of Yugoslavia', 'Mission to Serbia and Montenegro', 'Mission to Serbia']);
  assert.equal(names.nameOn(serbia, '2001-01-11'), 'Mission to the Federal Republic of Yugoslavia');
  assert.equal(names.nameOn(serbia, '2001-01-10'), undefined); // before the Mission existed
  assert.equal(names.nameOn(serbia, '2003-06-01'), undefined); // renamed some time in 2003
  assert.equal(names.nameOn(serbia, '2004-06-01'), 'Mission to Serbia and Montenegro');
  assert.equal(names.nameOn(serbia, '2007-01-01'), 'Mission to Serbia');
  const dushanbe = op('programme-office-in-dushanbe');
  assert.equal(names.nameOn(dushanbe, '2017-06-30'), undefined); // Office in Tajikistan, or an earlier name: renamings undated
  assert.equal(names.nameOn(dushanbe, '2017-07-01'), 'Programme Office in Dushanbe');
  assert.equal(names.nameOn(op('programme-office-in-bishkek'), '2000-01-01'), 'Centre in Bishkek');
  assert.equal(names.nameOn(op('mission-to-skopje'), '1995-05-05'), 'Spillover Monitor Mission to Skopje');
  assert.equal(names.nameOn(op('programme-office-in-astana'), '2016-01-01'), 'Programme Office in Astana');
  assert.equal(names.nameOn(op('programme-office-in-astana'), '2005-01-01'), undefined); // Almaty or Astana: not known when it moved
});

test('States, the OSCE and places: names in force before and after a renaming', () => {
  const mk = iris.entity('country', 'mk');
  assert.equal(names.nameOn(mk, '2010-01-01'), 'the former Yugoslav Republic of Macedonia');
  assert.equal(names.nameOn(mk, '2019-02-14'), undefined); // February 2019: the day is not given
  assert.equal(names.nameOn(mk, '2019-03-01'), 'North Macedonia');
  const osce = iris.entity('organization', 'osce');
  assert.equal(names.nameOn(osce, '1994-12-31'), 'Conference on Security and Co-operation in Europe');
  assert.equal(names.nameOn(osce, '1995-01-01'), 'Organization for Security and Co-operation in Europe');
  const astana = iris.entity('place', 'astana');
  assert.deepEqual(['1997-06-01', '2005-01-01', '2020-01-01', '2023-01-01'].map((d) => names.nameOn(astana, d)), ['Akmola', 'Astana', 'Nur-Sultan', 'Astana']);
  assert.equal(names.nameOn(iris.entity('country', 'tr'), '2023-01-01'), 'Türkiye');
  assert.equal(names.nameOn(iris.entity('country', 'tr'), '2010-01-01'), 'Turkey');
  assert.equal(names.nameOn(iris.entity('place', 'bishkek'), '1985-01-01'), 'Frunze');
});

test('every dated name is also a plain literal name of its entity (what the ingester indexes)', () => {
  const store = new Store(quads);
  const plain = [`${NS.skos}altLabel`, `${NS.schema}name`, `${NS.rdfs}label`];
  const entities = new Set(store.getSubjects(DataFactory.namedNode(`${NS.skosxl}altLabel`), null, null).map((s) => s.value));
  assert.ok(entities.size >= 10);
  for (const e of entities) {
    for (const n of names.namesOf(e)) {
      const literals = plain.flatMap((p) => store.getObjects(DataFactory.namedNode(e), DataFactory.namedNode(p), null));
      assert.ok(literals.some((l) => l.value === n.text), `${e}: "${n.text}" is not a plain name`);
    }
  }
});
