/**
 * Table-driven quotation attribution: speaker name, role and affiliation for each attribution pattern of
 * page-layouts.md ("Who said what"), in the languages pages are published in, with coreference (surname, title and
 * surname, pronoun, role without a name → office holder on the day).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { referenceIndex } from '../../src/ingest/index.js';
import { findQuotes, readSpeech } from '../../src/ingest/quotes.js';

const BASE = 'http://localhost:8080/';
const id = (iri: string | undefined) => iri?.slice(`${BASE}id/`.length);

type Who = [name: string | undefined, role: string | undefined, affiliation: string | undefined];

const CASES: [what: string, day: string, paragraphs: string[], expected: Who[]][] = [
  ['name, role at body after the quote', '2009-10-28',
    ['"We need trust between police and communities," said Andrzej Mirga, Senior Adviser on Roma and Sinti Issues at the ODIHR.'],
    [['Andrzej Mirga', 'Senior Adviser on Roma and Sinti Issues', 'structure/odihr']]],
  ['name, role, said', '2011-05-03', ['"Judges need this training today," Jan Novak, Head of the OSCE Mission to Serbia, said.'],
    [['Jan Novak', 'Head', 'field-operation/mission-to-serbia']]],
  ['role, honorific and name after the verb', '2011-05-03',
    ['"Dialogue is the only way forward," said the Head of the OSCE Mission to Serbia, Ambassador Jan Novak.'],
    [['Jan Novak', 'Head', 'field-operation/mission-to-serbia']]],
  ['the office as role, its structure as affiliation', '2011-05-03',
    ['"Dialogue is the only way forward," said Ambassador Anna Berg, OSCE Secretary General.'],
    [['Anna Berg', 'Secretary General', 'structure/secretary-general']]],
  ['role before the name', '2011-05-03', ['ODIHR Director Jan Novak said: "Elections must be free and fair for everyone."'],
    [['Jan Novak', 'Director', 'structure/odihr']]],
  ['according to', '2011-05-03',
    ['"The monitors are safe and well", according to Anna Berg, Chief of the Strategic Police Matters Unit.'],
    [['Anna Berg', 'Chief', 'structure/strategic-police-matters-unit']]],
  ['a quotation alone in the next paragraph continues the speaker', '2011-05-03',
    ['"We are deeply concerned about this," said Jan Novak.', '"We call on all sides to show restraint now."'],
    [['Jan Novak', undefined, undefined], ['Jan Novak', undefined, undefined]]],
  ['surname only after the full name', '2012-10-09',
    ['Knut Vollebæk, the High Commissioner on National Minorities, said: "Language must never be a barrier to voting."',
      '"We will apply these recommendations from next year," Vollebæk said.'],
    [['Knut Vollebæk', 'High Commissioner on National Minorities', 'structure/high-commissioner-on-national-minorities'],
      ['Knut Vollebæk', 'High Commissioner on National Minorities', 'structure/high-commissioner-on-national-minorities']]],
  ['title and surname', '2017-11-14',
    ['“Young people want to be asked, not only informed,” said Ambassador Johan Vreede, Head of the OSCE Mission to Skopje.',
      '“Municipal youth councils can become a school of democracy,” Ambassador Vreede said.'],
    [['Johan Vreede', 'Head', 'field-operation/mission-to-skopje'], ['Johan Vreede', 'Head', 'field-operation/mission-to-skopje']]],
  ['a pronoun is the person named last', '2016-09-21',
    ['Dilnoza Yusupova, a judge of the Supreme Court, opened the seminar. "Our courts decide more and more of these cases," she said.',
      'She was followed by Pieter de Vries, a legal expert from the Netherlands. "International standards give judges clear tests," he explained.'],
    [['Dilnoza Yusupova', 'judge of the Supreme Court', undefined], ['Pieter de Vries', 'legal expert from the Netherlands', undefined]]],
  ['a role without a name is the office holder on the day', '2013-11-13',
    ['"This plan gives every structure clear and measurable objectives," said the Secretary General.'],
    [['Lamberto Zannier', 'Secretary General', 'structure/secretary-general']]],
  ['no holder where the facts leave the year open (2008: Kanerva then Stubb)', '2008-10-14',
    ['"Only dialogue can bring a lasting solution to this conflict," the Chairman-in-Office said.'],
    [[undefined, 'Chairman-in-Office', 'structure/chairpersonship']]],
  ['a short office after its full name on the page', '2008-10-22',
    ['The OSCE Representative on Freedom of the Media today called on the authorities to release the editor.',
      '"Criticism of officials is not a crime in a democracy," the Representative said.'],
    [['Miklós Haraszti', 'Representative', 'structure/representative-on-freedom-of-the-media']]],
  ['a body speaks: no person', '2018-05-09',
    ['“Attacks on journalists are attacks on the public’s right to know,” the OSCE Mission to Montenegro said in a statement.'],
    [[undefined, undefined, 'field-operation/mission-to-montenegro']]],
  ['a minister speaking as Chairperson-in-Office', '2022-01-13',
    ['Polish Foreign Minister and OSCE Chairperson-in-Office Zbigniew Rau presented the priorities.',
      '"The OSCE needs to do what it was made for," Rau said.'],
    [['Zbigniew Rau', 'Chairperson-in-Office', 'structure/chairpersonship']]],
  ['a quotation over two paragraphs is one', '2013-12-10',
    ['“Thousands of property claims are still pending. The institutions have made progress.',
      '“We ask the courts to give priority to old cases,” said Ambassador Dimitrios Kallergis, Head of the OSCE Mission in Kosovo.'],
    [['Dimitrios Kallergis', 'Head', 'field-operation/mission-in-kosovo']]],
  ['Russian «», dash and verb, then a pronoun', '2018-03-03',
    ['«Независимое наблюдение укрепляет доверие граждан к выборам», – заявила Айнура Бекешова, советник по вопросам выборов.',
      '«Мы впервые провели занятия на двух языках», – добавила она.'],
    [['Айнура Бекешова', 'советник по вопросам выборов', undefined], ['Айнура Бекешова', 'советник по вопросам выборов', undefined]]],
  ['French « », surname and inverted pronoun', '2011-05-05',
    ['La Représentante de l\'OSCE pour la liberté des médias, Dunja Mijatović, a salué la libération du journaliste.',
      '« Aucun journaliste ne devrait être emprisonné pour son travail », a déclaré Mijatović.',
      '« J\'appelle les autorités à abandonner toutes les charges », a-t-elle ajouté.'],
    // the organization named inside the role ("de l'OSCE") is not part of it
    [['Dunja Mijatović', 'Représentante pour la liberté des médias', 'structure/representative-on-freedom-of-the-media'],
      ['Dunja Mijatović', 'Représentante pour la liberté des médias', 'structure/representative-on-freedom-of-the-media']]],
  ['German „ “, surname and "fügte er hinzu"', '2016-05-19',
    ['Der Amtierende Vorsitzende der OSZE, Bundesaußenminister Frank-Walter Steinmeier, hat heute alle Seiten aufgerufen.',
      '„Humanitäre Fragen dürfen nicht zur Geisel werden“, sagte Steinmeier nach einem Treffen.',
      '„Der Vorsitz wird dazu konkrete Vorschläge vorlegen“, fügte er hinzu.'],
    [['Frank-Walter Steinmeier', 'Amtierende Vorsitzende', 'structure/chairpersonship'], ['Frank-Walter Steinmeier', 'Amtierende Vorsitzende', 'structure/chairpersonship']]],
  ['single quotes, with apostrophes inside', '2016-05-17',
    ["'The Mission's work with young people doesn't stop at elections,' said Anna Berg, Head of the OSCE Presence in Albania.",
      '‘Attacks on journalists are attacks on the public’s right to know,’ Berg added.'],
    [['Anna Berg', 'Head', 'field-operation/presence-in-albania'], ['Anna Berg', 'Head', 'field-operation/presence-in-albania']]],
  ['the Chair named before a minister\'s role', '2015-08-24',
    ['OSCE Chairperson-in-Office, Serbian Foreign Minister Ivica Dačić, today welcomed the agreement.',
      '“This is an important step towards the full implementation,” said Dačić.'],
    [['Ivica Dačić', 'Chairperson-in-Office', 'structure/chairpersonship']]],
  ['the Chair named elsewhere in the sentence is not the role of another name', '2012-05-16',
    ['The OSCE Chairperson-in-Office held talks on the engagement in the South Caucasus and Central Asia.',
      '"Turkey is a bridge between regions that matter for security," the Chairperson-in-Office said.'],
    [['Eamon Gilmore', 'Chairperson-in-Office', 'structure/chairpersonship']]],
  ['a role before the name, cut to its noun phrase; a verb after the name is no apposition', '2016-05-16',
    ['The SMM visited a school in Avdiivka that had been damaged by shelling and spoke with the school director, Nataliia Kovalenko, who showed the damage.',
      '"The children came back last week, but the windows are still covered," she told the SMM.'],
    [['Nataliia Kovalenko', 'school director', undefined]]],
  ['where a person works, when it is not a structure, is not part of the role', '2014-05-30',
    ['"Borders are safer when the officers on both sides know each other," said Gulnora Rakhimova, a course director at the College.'],
    [['Gulnora Rakhimova', 'course director', undefined]]],
  ['a participle clause before the subject', '2001-05-04',
    ['Speaking after a briefing by the OSCE Spillover Monitor Mission to Skopje, the Chairman-in-Office said: "Reform of local government is in the interest of every citizen."'],
    [['Mircea Geoană', 'Chairman-in-Office', 'structure/chairpersonship']]],
  ['a publication title in quotes is not speech', '2019-11-14',
    ['The report titled "Police and Roma: Good Practices in Building Trust" was published today.'], []],
  ['a quotation no one is said to have said is not a quotation', '2019-06-18',
    ['The next meeting in the “5+2 format on settlement” will take place in autumn.'], []],
  ['a surname resolves to a full name written earlier without a role', '2020-05-04',
    ['The survey was led by Mirela Dobrescu and took three months.', '"Half of the schools had no plan," Dobrescu said.'],
    [['Mirela Dobrescu', undefined, undefined]]],
  ['a pronoun with no person before it: the name written earlier', '2020-05-04',
    ['Tomas Lindgren has run the shelter for ten years. "Nobody here asks where you are from," he says.'],
    [['Tomas Lindgren', undefined, undefined]]],
  ['German: capitalized nouns before a pronoun are no person', '2020-01-01',
    ['Die Teilnehmenden besuchten auch das Grenzmuseum Hohe Tauern und sprachen mit Behördenvertretern.',
      '„Wir brauchen mehr Zusammenarbeit über die Grenzen hinweg“, sagte er.'], []],
  ['a first name that is a State\'s name', '2021-06-21',
    ['"We counted every ballot twice," said Georgia Andreou, head of the count team.', 'Andreou visited 20 polling stations.'],
    [['Georgia Andreou', 'head of the count team', undefined]]],
  ['a title and a surname of a person of the graph', '2017-09-18', ['„Prävention wirkt, wenn sie früh beginnt“, sagte Außenminister Kurz.'],
    [['Sebastian Kurz', 'Außenminister', undefined]]],
];

for (const [what, day, paragraphs, expected] of CASES) {
  test(`attribution: ${what}`, () => {
    const quotes = findQuotes(paragraphs, referenceIndex(BASE), day);
    assert.deepEqual(quotes.map((q) => [q.speaker.name, q.speaker.role, id(q.speaker.affiliation)]), expected);
  });
}

test('a body, place or field of work named before a quotation is never its speaker', () => {
  const { quotes, persons } = readSpeech([
    'Nurlan Osmonov, an environmental officer at the Programme Office, has accompanied the council since its first meeting.',
    'The Roma and Sinti Youth Network met in the Hofburg Congress Centre. "The most important result is the habit of talking," he says.',
  ], referenceIndex(BASE), '2018-06-14');
  assert.deepEqual(quotes.map((q) => q.speaker.name), ['Nurlan Osmonov']);
  assert.deepEqual(persons, ['Nurlan Osmonov']);
});
