import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataFactory, Store } from 'n3';
import type { Literal } from '@rdfjs/types';
import { Iris, NS } from '../../src/model/ns.js';
import { DEMONYM_LANGUAGES, loadReferenceQuads } from '../../src/model/reference.js';

const BASE = 'http://localhost:8080/';
const iris = new Iris(BASE);
const store = new Store(loadReferenceQuads(BASE));
const n = DataFactory.namedNode;
const literals = (s: string, p: string) => store.getObjects(n(s), n(p), null) as Literal[];
const inLanguage = (s: string, p: string, lang: string) => literals(s, p).filter((l) => l.language === lang).map((l) => l.value).sort();

test('structures, field operations, places, fields of work and content types have names in other languages', () => {
  const odihr = iris.entity('structure', 'odihr');
  assert.deepEqual(inLanguage(odihr, `${NS.schema}name`, 'ru'), ['Бюро по демократическим институтам и правам человека']);
  assert.deepEqual(inLanguage(odihr, `${NS.skos}altLabel`, 'ru'), ['БДИПЧ']);
  assert.deepEqual(inLanguage(odihr, `${NS.skos}altLabel`, 'fr'), ['BIDDH']);
  assert.deepEqual(inLanguage(iris.entity('organization', 'osce'), `${NS.skos}altLabel`, 'de').includes('OSZE'), true);
  assert.deepEqual(inLanguage(iris.entity('field-operation', 'mission-to-skopje'), `${NS.schema}name`, 'mk'), ['Мисија на ОБСЕ во Скопје']);
  const vienna = iris.entity('place', 'vienna');
  assert.deepEqual(['ru', 'fr', 'de', 'es'].map((l) => inLanguage(vienna, `${NS.schema}name`, l)[0]), ['Вена', 'Vienne', 'Wien', 'Viena']);
  assert.deepEqual(inLanguage(iris.entity('content-type', 'press-release'), `${NS.skos}prefLabel`, 'ru'), ['Пресс-релиз']);
  assert.deepEqual(inLanguage(iris.entity('field', 'elections'), `${NS.skos}prefLabel`, 'de'), ['Wahlen']);
});

test('every name is language-tagged, one preferred name per language, and rdfs:label repeats it', () => {
  const predicates = [`${NS.schema}name`, `${NS.skos}prefLabel`];
  let checked = 0;
  for (const s of store.getSubjects(null, null, null)) {
    if (!s.value.startsWith(`${BASE}id/`) || s.value.includes('#')) continue;
    for (const p of predicates) {
      const names = literals(s.value, p);
      const languages = names.map((l) => l.language);
      assert.equal(new Set(languages).size, languages.length, `${s.value} has two ${p} in one language`);
      for (const l of names) {
        if (l.language === '') continue; // persons' names are plain literals, as ingestion writes them
        assert.match(l.language, /^[a-z]{2,3}$/, `${s.value}: ${l.value}`);
        assert.ok(literals(s.value, `${NS.rdfs}label`).some((x) => x.value === l.value && x.language === l.language), `${s.value}: no rdfs:label "${l.value}"@${l.language}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 800, `${checked}`);
});

test('demonyms come from the package, language-tagged, and never repeat a name of their State in that language or English', () => {
  const demonyms = (k: string, lang: string) => inLanguage(iris.entity('country', k), `${NS.osce}demonym`, lang);
  assert.deepEqual(demonyms('no', 'en'), ['Norwegian']);
  assert.deepEqual(demonyms('no', 'fr'), ['Norvégien']);
  assert.deepEqual(demonyms('ba', 'en'), ['Bosnian', 'Herzegovinian']);
  assert.deepEqual(demonyms('tm', 'en'), []); // the package's entry is the country's name
  assert.deepEqual(demonyms('ba', 'es'), []); // "Bosnia-Herzegovina" is the country's name
  assert.deepEqual(demonyms('va', 'en'), []); // the Holy See: the package names Vatican City State
  assert.deepEqual(demonyms('yu', 'en'), ['Yugoslav']);
  const all = store.getQuads(null, n(`${NS.osce}demonym`), null, null);
  const countries = new Set(all.map((q) => q.subject.value));
  assert.equal(countries.size, 67 + 2);
  for (const q of all) {
    const lang = (q.object as Literal).language;
    assert.ok([...DEMONYM_LANGUAGES].includes(lang as never), lang);
    const names = [`${NS.schema}name`, `${NS.skos}altLabel`]
      .flatMap((p) => literals(q.subject.value, p))
      .filter((l) => [lang, 'en'].includes(l.language))
      .map((l) => l.value);
    assert.ok(!names.includes(q.object.value), `${q.subject.value}: "${q.object.value}" is a name`);
  }
});
