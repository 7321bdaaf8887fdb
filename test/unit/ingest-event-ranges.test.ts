/**
 * Announced events, kinds M27-M28: ranges whose days carry their article or weekday ("le 7 et le 8 octobre", "lundi 7
 * et mardi 8", "l'8", "los días 9 y 10"), an until-date that beats a duration, the weekday of a meeting that has
 * opened, a body's possessive before the name, German "Lehrgang", and an infinitive of organizing after another kind.
 * Sentences invented for this test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findEvent } from '../../src/ingest/event.js';

const event = (s: string, today: string) => {
  const e = findEvent([s], today);
  return e && [e.name, e.startDate, e.endDate ?? null];
};

const CASES: [sentence: string, today: string, want: [string, string, string | null] | undefined][] = [
  ["Le séminaire régional de l'OSCE sur la jeunesse se tiendra le 7 et le 8 octobre à Namur.", '2019-10-02', ["séminaire régional de l'OSCE sur la jeunesse", '2019-10-07', '2019-10-08']],
  ["Le séminaire régional de l'OSCE sur la jeunesse se tiendra les lundi 7 et mardi 8 octobre à Namur.", '2019-10-02', ["séminaire régional de l'OSCE sur la jeunesse", '2019-10-07', '2019-10-08']],
  ['La Conferencia Mediterránea de la OSCE se celebrará en Cádiz los días 9 y 10 de octubre.', '2019-10-02', ['Conferencia Mediterránea de la OSCE', '2019-10-09', '2019-10-10']],
  ['Das Seminar der OSZE über Jugendarbeit findet am Montag, 7., und am Dienstag, 8. Oktober in Graz statt.', '2019-10-02', ['Seminar der OSZE über Jugendarbeit', '2019-10-07', '2019-10-08']],
  ['Il seminario regionale «Giovani e sicurezza» si terrà il 7 e l\'8 ottobre a Trento.', '2019-10-02', ['seminario regionale «Giovani e sicurezza»', '2019-10-07', '2019-10-08']],
  ['The OSCE Youth Conference will take place on Monday 7 and Tuesday 8 October in Vienna.', '2019-10-02', ['OSCE Youth Conference', '2019-10-07', '2019-10-08']],
  // a meeting that opened on the weekday before the page, still running, and its end by date rather than by duration
  ['Der dreiwöchige Lehrgang „Grenzkontrolle und Menschenrechte“ für 30 Beamte wurde am Montag in Graz eröffnet; er dauert bis zum 25. Oktober.', '2024-10-16', ['Lehrgang „Grenzkontrolle und Menschenrechte“', '2024-10-14', '2024-10-25']],
  // the organizer's possessive is not the name
  ["The OSCE Parliamentary Assembly's Autumn Meeting on Energy Security will take place in Baku from 29 September to 1 October.", '2026-06-18', ['Autumn Meeting on Energy Security', '2026-09-29', '2026-10-01']],
  // a body's session is where the decision was taken; the seminar it decides to organize is the event
  ["Le Comité, réuni à Lyon pour la session de son Bureau, a décidé d'organiser un Séminaire sur la médiation entre États, qui se tiendra à Lyon les 2 et 3 juin.", '1997-05-20', ['Séminaire sur la médiation entre États', '1997-06-02', '1997-06-03']],
];

for (const [sentence, today, want] of CASES) {
  test(`event: ${sentence.slice(0, 60)}`, () => {
    assert.deepEqual(event(sentence, today), want);
  });
}

const MORE: [sentence: string, today: string, want: [string, string, string | null] | undefined][] = [
  // a body named by a kind meets for the meeting the sentence leads into; the verb's particle closes the sentence
  ['Das Forum für Sicherheitskooperation der OSZE tritt am Mittwoch, dem 20. März, in Wien zu einer Sondersitzung über Munitionslager zusammen.', '2019-03-18', ['Sondersitzung über Munitionslager', '2019-03-20', null]],
  ["Le Conseil permanent tient aujourd'hui à Vienne une Séance spéciale sur la cybersécurité.", '2014-05-15', ['Séance spéciale sur la cybersécurité', '2014-05-15', null]],
  ['El ministro inauguró hoy en Cádiz el Seminario mediterráneo sobre la pesca ilegal, que se celebra los días 15 y 16 de octubre.', '2007-10-15', ['Seminario mediterráneo sobre la pesca ilegal', '2007-10-15', '2007-10-16']],
  ['Forumi kombëtar kundër trafikimit do të mbahet nga 22 deri më 24 shtator në Vlorë.', '2021-09-06', ['Forumi kombëtar kundër trafikimit', '2021-09-22', '2021-09-24']],
  ['The Regional Workshop on Flood Warnings will be held in Skopje on June 15 and 16.', '2009-06-03', ['Regional Workshop on Flood Warnings', '2009-06-15', '2009-06-16']],
];

for (const [sentence, today, want] of MORE) {
  test(`event: ${sentence.slice(0, 60)}`, () => {
    assert.deepEqual(event(sentence, today), want);
  });
}

const ALBANIAN: [sentence: string, today: string, want: [string, string, string | null] | undefined][] = [
  // the organization's genitive between the adjective and the subject (kind M28: end dates of Albanian ranges)
  ['Konferenca rajonale e OSBE-së për sigurinë kibernetike do të mbahet në Durrës më 12-14 tetor.', '2021-09-06', ['Konferenca rajonale e OSBE-së për sigurinë kibernetike', '2021-10-12', '2021-10-14']],
  ['Konferenca rajonale e OSBE-së për sigurinë kibernetike do të zhvillohet në Durrës prej 12 deri më 14 tetor.', '2021-09-06', ['Konferenca rajonale e OSBE-së për sigurinë kibernetike', '2021-10-12', '2021-10-14']],
  ['Konferenca rajonale e OSBE-së për sigurinë kibernetike, e cila do të mbahet më 12 dhe 13 tetor në Durrës, do të mbledhë ekspertë.', '2021-09-06', ['Konferenca rajonale e OSBE-së për sigurinë kibernetike', '2021-10-12', '2021-10-13']],
  ['Konferenca dyditore rajonale e OSBE-së për sigurinë kibernetike hapet sot në Durrës.', '2021-09-06', ['Konferenca rajonale e OSBE-së për sigurinë kibernetike', '2021-09-06', '2021-09-07']],
];

for (const [sentence, today, want] of ALBANIAN) {
  test(`event: ${sentence.slice(0, 60)}`, () => {
    assert.deepEqual(event(sentence, today), want);
  });
}

test('event place: a city after a capitalized preposition opening the sentence ("U Budvi danas počinje …")', async () => {
  const { eventOf } = await import('../../src/ingest/event.js');
  const { referenceIndex } = await import('../../src/ingest/index.js');
  const index = referenceIndex('http://localhost:8080/');
  const e = eventOf(['U Budvi danas počinje dvodnevna regionalna konferencija „Mediji i povjerenje javnosti“, koju organizuje Misija.'], '2015-04-21', [], index, index.iris);
  assert.equal(e?.place?.name, 'Budva');
  const online = eventOf(['The Online Forum of Women Mediators will take place on 28 and 29 July, hosted from Vienna.'], '2020-07-20', [], index, index.iris);
  assert.equal(online?.place, undefined);
  const origins = eventOf(['The Annual Meeting of Mediation Focal Points opened today, bringing together staff from Bishkek to Sarajevo for two days.'], '2016-09-27', [], index, index.iris);
  assert.equal(origins?.place, undefined);
});
