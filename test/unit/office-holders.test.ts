import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Iris, slugify } from '../../src/model/ns.js';
import { loadReferenceQuads } from '../../src/model/reference.js';
import { officeHolders, POST_KEYS, type PostKey } from '../../src/model/office-holders.js';

const BASE = 'http://localhost:8080/';
const iris = new Iris(BASE);
const holders = officeHolders(loadReferenceQuads(BASE));
const who = (post: PostKey, day: string) => holders.holderOn(post, day)?.name;

test('every post of the contract is described, with its terms and the persons at the IRIs ingestion mints', () => {
  assert.deepEqual([...holders.posts.keys()].sort(), [...POST_KEYS].sort());
  const counts = Object.fromEntries([...holders.posts].map(([k, p]) => [k, p.terms.length]));
  assert.deepEqual(counts, { 'secretary-general': 8, 'odihr-director': 7, hcnm: 7, rfom: 6, 'chairperson-in-office': 29 });
  for (const post of holders.posts.values()) {
    assert.equal(post.iri, iris.entity('post', post.key));
    for (const t of post.terms) assert.equal(t.iri, iris.entity('person', slugify(t.name)), t.name);
  }
  // one person, two posts: the same IRI
  const zannier = iris.entity('person', 'lamberto-zannier');
  assert.equal(holders.holderOn('secretary-general', '2014-05-01')?.iri, zannier);
  assert.equal(holders.holderOn('hcnm', '2018-05-01')?.iri, zannier);
});

test('Secretaries General: year-precision terms answer inside the years, not in a year two terms share', () => {
  assert.equal(who('secretary-general', '1994-01-01'), 'Wilhelm Höynck');
  assert.equal(who('secretary-general', '1995-12-31'), 'Wilhelm Höynck');
  assert.equal(who('secretary-general', '1996-06-15'), undefined); // Höynck until 1996, Aragona from 1996
  assert.equal(who('secretary-general', '1997-01-01'), 'Giancarlo Aragona');
  assert.equal(who('secretary-general', '1993-06-01'), undefined); // the first term began some time in 1993
  assert.equal(who('secretary-general', '1990-01-01'), undefined); // before the first known term
  assert.equal(who('secretary-general', '2016-12-31'), 'Lamberto Zannier');
  assert.equal(who('secretary-general', '2017-03-01'), undefined);
});

test('Secretaries General: the vacancy July-December 2020 and the month-precision changes', () => {
  assert.equal(who('secretary-general', '2020-06-30'), 'Thomas Greminger');
  assert.equal(who('secretary-general', '2020-07-15'), undefined); // the term ended in July: the day is not known
  assert.equal(who('secretary-general', '2020-09-01'), undefined); // vacant
  assert.equal(who('secretary-general', '2020-11-30'), undefined); // vacant
  assert.equal(who('secretary-general', '2020-12-10'), undefined); // Schmid from December: the day is not known
  assert.equal(who('secretary-general', '2021-01-01'), 'Helga Maria Schmid');
  assert.equal(who('secretary-general', '2024-08-31'), 'Helga Maria Schmid');
  assert.equal(who('secretary-general', '2024-09-15'), undefined);
  assert.equal(who('secretary-general', '2024-10-01'), 'Feridun H. Sinirlioğlu');
  assert.equal(who('secretary-general', '2030-01-01'), 'Feridun H. Sinirlioğlu'); // no end known: still in office
});

test('Chairpersons-in-Office: the whole Chairpersonship year, undetermined in a year with "X then Y"', () => {
  assert.equal(who('chairperson-in-office', '2010-01-01'), 'Kanat Saudabayev');
  assert.equal(who('chairperson-in-office', '2010-12-31'), 'Kanat Saudabayev');
  assert.equal(who('chairperson-in-office', '2011-01-01'), 'Audronius Ažubalis');
  assert.equal(who('chairperson-in-office', '1999-07-01'), 'Knut Vollebæk');
  for (const day of ['2008-01-01', '2008-06-30', '2008-12-31', '2009-03-01', '2018-11-30']) {
    assert.equal(who('chairperson-in-office', day), undefined, day);
  }
  assert.equal(who('chairperson-in-office', '2007-12-31'), 'Miguel Ángel Moratinos');
  assert.equal(who('chairperson-in-office', '2019-01-01'), 'Miroslav Lajčák');
  assert.equal(who('chairperson-in-office', '2002-05-01'), undefined); // year without a known holder
  assert.equal(who('chairperson-in-office', '2026-06-01'), 'Ignazio Cassis');
  assert.equal(who('chairperson-in-office', '2027-01-01'), undefined);
});

test('heads of the institutions: a start known only as "2023/2024" and terms before 1997 left out', () => {
  assert.equal(who('hcnm', '2022-06-01'), 'Kairat Abdrakhmanov');
  assert.equal(who('hcnm', '2023-12-01'), undefined);
  assert.equal(who('hcnm', '2024-06-01'), undefined); // Kamp's start lies in 2023 or 2024
  assert.equal(who('hcnm', '2025-01-01'), 'Christophe Kamp');
  assert.equal(who('hcnm', '2016-12-31'), undefined); // Thors until 2016, Zannier from 2017: possibly vacant
  assert.equal(who('odihr-director', '1996-01-01'), undefined);
  assert.equal(who('odihr-director', '2005-01-01'), 'Christian Strohal');
  assert.equal(who('odihr-director', '2025-01-01'), 'Maria Telalian');
  assert.equal(who('rfom', '2003-06-01'), undefined); // Duve until 2003, Haraszti from 2004: possibly vacant
  assert.equal(who('rfom', '2012-06-01'), 'Dunja Mijatović');
});

test('a day that is not YYYY-MM-DD is refused, not guessed', () => {
  assert.throws(() => holders.holderOn('rfom', '2012-6-1'), RangeError);
  assert.throws(() => holders.holderOn('rfom', '2012-02-30'), RangeError);
});

test('post labels are given for the extractor to match role phrases', () => {
  const labels = (k: PostKey) => holders.posts.get(k)!.labels.map((l) => l.text);
  assert.ok(labels('secretary-general').includes('Secretary General'));
  assert.ok(labels('chairperson-in-office').includes('Chairman-in-Office'));
  assert.ok(labels('odihr-director').includes('Director of ODIHR'));
});
