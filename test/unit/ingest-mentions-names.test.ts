/**
 * Structures named as pages of the 282-313 batches name them (written for this test): the CSCE's names before 1995
 * inside a structure's name ("Верховный комиссар СБСЕ …"), a State's chairmanship with the organization in the genitive
 * ("Шведское председательство СБСЕ"), the Chair in ijekavian ("predsjedavajući OEBS-a"), the RFoM's feminine title,
 * German and French names of operations and offices ("OSZE-Programmbüros in Duschanbe", "Kosovo-Verifikationsmission").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mentionedEntities } from '../../src/ingest/mentions.js';
import { referenceIndex } from '../../src/ingest/index.js';

const index = referenceIndex('http://localhost:8080/');
const keys = (text: string, date: string) => mentionedEntities([text], index, date).map((iri) => iri.replace(/^.*\/id\//u, '')).sort();

const CASES: [text: string, date: string, want: string[]][] = [
  ['Верховный комиссар СБСЕ по делам национальных меньшинств посетил Нарву.', '1993-06-10', ['structure/high-commissioner-on-national-minorities']],
  ['Шведское председательство СБСЕ приветствовало итоги визита.', '1993-06-10', ['country/se', 'structure/chairpersonship']],
  ['Польское председательство ОБСЕ приветствовало итоги визита.', '1998-06-10', ['country/pl', 'structure/chairpersonship']],
  ['„Građani ne gube povjerenje u medije“, rekao je predsjedavajući OEBS-a u video-poruci.', '2015-04-21', ['structure/chairpersonship']],
  ['Predstavnica OEBS-a za slobodu medija podsjetila je na napade na novinare.', '2015-04-21', ['structure/representative-on-freedom-of-the-media']],
  ['Der Lehrgang fand an der Akademie des OSZE-Programmbüros in Duschanbe statt.', '2021-07-02', ['field-operation/programme-office-in-dushanbe']],
  ['Die Kosovo-Verifikationsmission der OSZE eröffnet am Montag ein Koordinationszentrum.', '1999-01-14', ['field-operation/kosovo-verification-mission']],
  ['Das Projekt gehört zum Büro des OSZE-Sonderbeauftragten für die Bekämpfung des Menschenhandels.', '2023-09-07', ['structure/office-of-the-special-representative-and-co-ordinator-for-combating-trafficking-in-human-beings']],
  // the Chair's title after its State's demonym stands for the State
  ['The Polish Chairman-in-Office is expected to visit the Mission next week.', '1998-12-10', ['country/pl', 'structure/chairpersonship']],
  ['In a statement issued in Rome, the Italian Chairperson-in-Office welcomed the decision.', '2018-03-01', ['country/it', 'structure/chairpersonship']],
];

for (const [text, date, want] of CASES) {
  test(`mentions: ${text.slice(0, 60)}`, () => {
    assert.deepEqual(keys(text, date), want);
  });
}
