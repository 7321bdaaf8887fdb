import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataFactory, Store } from 'n3';
import type { Literal } from '@rdfjs/types';
import { Iris, NS, slugify } from '../../src/model/ns.js';
import { CLDR_LANGUAGES, loadReferenceQuads } from '../../src/model/reference.js';

const BASE = 'http://localhost:8080/';
const iris = new Iris(BASE);
const quads = loadReferenceQuads(BASE);
const store = new Store(quads);
const n = DataFactory.namedNode;
const id = (kind: string, key: string) => n(`${BASE}id/${kind}/${key}`);
const type = (cls: string) => store.getSubjects(n(`${NS.rdf}type`), n(cls), null).map((s) => s.value);
const values = (s: string, p: string) => store.getObjects(n(s), n(p), null);
const value = (s: string, p: string) => {
  const v = values(s, p);
  assert.equal(v.length, 1, `${s} ${p}: ${v.length} values`);
  // Literal gives access to datatype/language; for IRIs only .value is read.
  return v[0]! as Literal;
};

test('57 participating States and 11 partners, each a schema:Country with ISO codes, Wikidata and EU authority links', () => {
  const states = type(`${NS.osce}ParticipatingState`);
  const partners = type(`${NS.osce}PartnerForCooperation`);
  assert.equal(states.length, 57);
  assert.equal(partners.length, 11);
  for (const s of [...states, ...partners]) {
    const iso2 = value(s, `${NS.osce}iso2`).value;
    const iso3 = value(s, `${NS.osce}iso3`).value;
    assert.equal(s, id('country', iso2.toLowerCase()).value);
    assert.match(iso3, /^[A-Z]{3}$/);
    assert.equal(value(s, `${NS.skos}exactMatch`).value, `${NS.euCountry}${iso3}`);
    assert.match(value(s, `${NS.owl}sameAs`).value, /^http:\/\/www\.wikidata\.org\/entity\/Q\d+$/);
    assert.ok(type(`${NS.schema}Country`).includes(s));
  }
});

test('participation dates: listed dates as xsd:date, original participants 1973-06-25, partners by year', () => {
  const since = (k: string) => value(id('country', k).value, `${NS.osce}participatingSince`);
  assert.equal(since('al').value, '1991-06-19');
  assert.equal(since('al').datatype.value, `${NS.xsd}date`);
  assert.equal(since('at').value, '1973-06-25');
  assert.equal(since('mn').value, '2012-11-21');
  assert.equal(since('rs').value, '2000-11-10');
  assert.equal(since('cz').value, '1993-01-01');
  const jo = value(id('country', 'jo').value, `${NS.osce}partnerSince`);
  assert.deepEqual([jo.value, jo.datatype.value], ['1998', `${NS.xsd}gYear`]);
  assert.equal(value(id('country', 'au').value, `${NS.osce}partnerGroup`).value, 'asian');
  assert.equal(value(id('country', 'dz').value, `${NS.osce}partnerGroup`).value, 'mediterranean');
});

test('memberships are org:Membership with member, organization, role and a time:Interval beginning', () => {
  const m = id('membership', 'ua-participating').value;
  assert.equal(value(m, `${NS.org}member`).value, id('country', 'ua').value);
  assert.equal(value(m, `${NS.org}organization`).value, id('organization', 'osce').value);
  assert.equal(value(m, `${NS.org}role`).value, `${NS.osce}participatingStateRole`);
  const start = value(value(value(m, `${NS.org}memberDuring`).value, `${NS.time}hasBeginning`).value, `${NS.time}inXSDDate`);
  assert.equal(start.value, '1992-01-30');
  const memberships = type(`${NS.org}Membership`).filter((x) => x.includes('/id/membership/'));
  const terms = memberships.filter((x) => values(x, `${NS.org}member`).some((m) => m.value.includes('/id/person/')));
  assert.equal(memberships.length - terms.length, 57 + 11 + 1);
  assert.equal(terms.length, 8 + 7 + 7 + 6 + 29); // terms of office (data/office-holders.ttl): SG, ODIHR, HCNM, RFoM, CiO
});

test('State names: OSCE English naming plus CLDR names in fr, de, it, ru, es; none from CLDR for the Holy See', () => {
  const names = (k: string) =>
    Object.fromEntries(values(id('country', k).value, `${NS.schema}name`).map((l) => [(l as { language: string }).language, l.value]));
  const de = names('de');
  assert.equal(de.en, 'Germany');
  assert.equal(de.de, 'Deutschland');
  for (const lang of CLDR_LANGUAGES) assert.equal(de[lang], new Intl.DisplayNames([lang], { type: 'region' }).of('DE'));
  assert.equal(names('nl').en, 'The Netherlands');
  assert.equal(names('tr').en, 'Türkiye');
  assert.deepEqual(names('va'), { en: 'Holy See' });
  assert.equal(value(id('country', 'va').value, `${NS.owl}sameAs`).value, `${NS.wd}Q159583`);
});

test('field operations: 12 active and 8 closed, each with a host; dates keep their precision', () => {
  const ops = type(`${NS.osce}FieldOperation`);
  const closed = ops.filter((o) => values(o, `${NS.schema}dissolutionDate`).length > 0);
  assert.equal(ops.length, 20);
  assert.equal(closed.length, 8);
  for (const o of ops) assert.equal(values(o, `${NS.osce}hostState`).length, 1, o);
  const skopje = id('field-operation', 'mission-to-skopje').value;
  assert.deepEqual(
    [value(skopje, `${NS.schema}foundingDate`).value, value(skopje, `${NS.schema}foundingDate`).datatype.value],
    ['1992-09', `${NS.xsd}gYearMonth`],
  );
  const kosovo = id('field-operation', 'mission-in-kosovo').value;
  assert.equal(value(kosovo, `${NS.osce}hostState`).value, id('territory', 'kosovo').value);
  assert.equal(value(kosovo, `${NS.osce}headquarters`).value, id('place', 'prishtine-pristina').value);
  const smm = id('field-operation', 'special-monitoring-mission-to-ukraine').value;
  assert.equal(value(smm, `${NS.schema}dissolutionDate`).value, '2022-10-31');
});

test('Chairpersonship 1991-2026, 1992 held by Czechoslovakia as a former State', () => {
  const years = type(`${NS.osce}Chairpersonship`);
  assert.equal(years.length, 36);
  const chair = (y: number) => value(id('chairpersonship', String(y)).value, `${NS.org}member`).value;
  assert.equal(chair(1992), id('country', 'cs').value);
  assert.equal(chair(2025), id('country', 'fi').value);
  assert.equal(chair(2026), id('country', 'ch').value);
  assert.ok(type(`${NS.osce}FormerState`).includes(id('country', 'cs').value));
  assert.ok(!type(`${NS.osce}ParticipatingState`).includes(id('country', 'cs').value));
});

test('structures have parents and seats; old names are kept for the ingester', () => {
  const odihr = id('structure', 'odihr').value;
  assert.equal(value(odihr, `${NS.osce}seat`).value, id('place', 'warsaw').value);
  assert.equal(value(odihr, `${NS.org}unitOf`).value, id('organization', 'osce').value);
  const cpc = id('structure', 'conflict-prevention-centre').value;
  assert.equal(value(cpc, `${NS.org}unitOf`).value, id('structure', 'secretariat').value);
  const chair = id('structure', 'chairpersonship').value;
  assert.equal(value(chair, `${NS.osce}formerName`).value, 'Chairmanship');
  assert.equal(value(id('place', 'warsaw').value, `${NS.schema}containedInPlace`).value, id('country', 'pl').value);
});

test('23 fields of work in one SKOS scheme, with older variants as altLabel', () => {
  const fields = type(`${NS.osce}FieldOfWork`);
  assert.equal(fields.length, 23);
  for (const f of fields) assert.equal(value(f, `${NS.skos}inScheme`).value, id('scheme', 'fields-of-work').value);
  const thb = id('field', 'combating-trafficking-in-human-beings').value;
  assert.ok(values(thb, `${NS.skos}altLabel`).some((l) => l.value === 'Combating human trafficking'));
  assert.equal(type(`${NS.osce}ContentType`).length, 6);
  assert.equal(type(`${NS.osce}MeetingType`).length, 16);
});

test('summits and Ministerial Councils with dates and places', () => {
  const summits = store.getSubjects(n(`${NS.osce}meetingType`), id('meeting-type', 'summit-meetings'), null);
  assert.equal(summits.filter((s) => type(`${NS.osce}Meeting`).includes(s.value)).length, 7);
  const mc = id('meeting', 'ministerial-council-2025').value;
  assert.equal(value(mc, `${NS.schema}startDate`).value, '2025-12-04');
  assert.equal(value(mc, `${NS.schema}location`).value, id('place', 'vienna').value);
});

test('relative IRIs resolve against the base; graphs and cache are per base; no blank nodes', () => {
  const other = loadReferenceQuads('https://example.org/kg');
  const otherIris = new Iris('https://example.org/kg');
  assert.equal(other.length, quads.length);
  assert.equal(loadReferenceQuads('https://example.org/kg/'), other);
  assert.ok(other.every((q) => !q.subject.value.startsWith(BASE) && !q.object.value.startsWith(BASE)));
  assert.ok(other.some((q) => q.subject.value === otherIris.entity('country', 'al')));
  for (const q of quads) {
    assert.ok([iris.ontologyGraph, iris.referenceGraph].includes(q.graph.value));
    assert.ok(q.subject.termType !== 'BlankNode' && q.object.termType !== 'BlankNode', 'blank node');
    if (q.graph.value === iris.referenceGraph && !q.subject.value.includes('#')) {
      assert.ok(iris.parseEntity(q.subject.value), `not an entity IRI: ${q.subject.value}`);
    }
  }
});

test('every entity has an rdfs:label', () => {
  const subjects = new Set(quads.filter((q) => q.graph.value === iris.referenceGraph && !q.subject.value.includes('#')).map((q) => q.subject.value));
  const unlabelled = [...subjects].filter((s) => values(s, `${NS.rdfs}label`).length === 0);
  assert.deepEqual(unlabelled, []);
});

test('keys are slugify() of the English name (places, structures, field operations, concepts), so the ingester can mint them', () => {
  const checks: [string, string][] = [
    [`${NS.osce}Place`, `${NS.schema}name`],
    [`${NS.org}OrganizationalUnit`, `${NS.schema}name`],
    [`${NS.osce}FieldOfWork`, `${NS.skos}prefLabel`],
    [`${NS.osce}MeetingType`, `${NS.skos}prefLabel`],
    [`${NS.osce}ContentType`, `${NS.skos}prefLabel`],
  ];
  let checked = 0;
  for (const [cls, prop] of checks) {
    for (const s of type(cls)) {
      const key = iris.parseEntity(s)!.key;
      const name = values(s, prop).find((l) => (l as Literal).language === 'en')!.value;
      const abbreviation = values(s, `${NS.osce}abbreviation`)[0]?.value;
      assert.ok(key === slugify(name, 200) || (abbreviation !== undefined && key === slugify(abbreviation)), `${s}: key is not slugify("${name}")`);
      checked++;
    }
  }
  assert.ok(checked > 100);
  assert.equal(slugify('Łódź'), 'lodz');
});
