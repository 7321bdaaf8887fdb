/**
 * Attribution rules by kind of miss (decision 0033): each case is one rule, written with invented sentences in the
 * languages the kind was seen in, and asserts speaker, role and affiliation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { referenceIndex } from '../../src/ingest/index.js';
import { isRoleWord } from '../../src/ingest/persons.js';
import { findQuotes } from '../../src/ingest/quotes.js';

const BASE = 'http://localhost:8080/';
const id = (iri: string | undefined) => iri?.slice(`${BASE}id/`.length);
const PA = `${BASE}id/structure/parliamentary-assembly`;

type Who = [name: string | undefined, role: string | undefined, affiliation: string | undefined];

const CASES: [what: string, day: string, paragraphs: string[], expected: Who[], sources?: string[]][] = [
  ['A13: the Chair introduced by the foreign ministry of the chairing State (uk genitive): the post in the page language', '2013-03-12',
    ['Міністр закордонних справ України Леонід Кожара відвідав Молдову.', '«Діалог має тривати й надалі», – сказав він.'],
    [['Леонід Кожара', 'Чинний голова', 'structure/chairpersonship']]],
  ['A13: the Chair\'s title as the page writes it in the nominative, not its oblique case (ru)', '2015-06-02',
    ['«Мы поддерживаем переговоры в любом формате», — заявил министр иностранных дел Сербии Ивица Дачич, который исполняет обязанности Действующего председателя.'],
    [['Ивица Дачич', 'Действующий председатель', 'structure/chairpersonship']]],
  ['A13: a foreign minister the page names without the State keeps the office the page gives', '2017-03-20',
    ['„Wir brauchen mehr Vertrauen“, sagte Außenminister Kurz in Linz.'],
    [['Sebastian Kurz', 'Außenminister', undefined]]],
  ['A13: a foreign minister of a State that does not chair that year is a State\'s official', '2013-03-12',
    ['«Діалог має тривати і надалі», – сказав Міністр закордонних справ Польщі Радослав Кравчик.'],
    [['Радослав Кравчик', 'Міністр закордонних справ Польщі', undefined]]],
  ['A14: a French role ends where a relative clause starts, with or without its comma', '2019-02-05',
    ['« Les menaces en ligne précèdent les agressions », a déclaré la Directrice du BIDDH, qui se rendra à Tirana jeudi.',
      '« Chaque agression doit être jugée », a souligné le Représentant de l\'OSCE pour la liberté des médias qui participera lundi au débat.'],
    [['Ingibjörg Sólrún Gísladóttir', 'Directrice', 'structure/odihr'], ['Harlem Désir', 'Représentant pour la liberté des médias', 'structure/representative-on-freedom-of-the-media']]],
  ['A14: an attribution before the quotation whose speaker is followed by a relative clause; a sentence after it naming a body is no attribution', '2019-02-05',
    ['La Directrice du BIDDH, qui participera à un débat à Bakou, a rappelé que « les statistiques sont la première protection des journalistes ». Selon le Bureau, les condamnations restent rares.'],
    [['Ingibjörg Sólrún Gísladóttir', 'Directrice', 'structure/odihr']]],
  ['a clause about a thing holds the speaker ("в обращении, которое направил … Действующий председатель")', '2022-04-11',
    ['«Соседи договариваются лучше всего за одним столом», – говорится в обращении, которое направил участникам Действующий председатель ОБСЕ, министр иностранных дел Польши.'],
    [['Zbigniew Rau', 'Действующий председатель', 'structure/chairpersonship']]],
  ['a participle clause between the verb and the subject (ru)', '2019-09-17',
    ['«Вербовщики давно ушли в интернет», – сказала, открывая совещание, Специальный представитель и координатор ОБСЕ по борьбе с торговлей людьми.'],
    [[undefined, 'Специальный представитель и координатор по борьбе с торговлей людьми', 'structure/office-of-the-special-representative-and-co-ordinator-for-combating-trafficking-in-human-beings']]],
  ['A17: the anti-trafficking office in Russian, its Office speaking as a body', '2019-09-17',
    ['Специальный представитель и координатор ОБСЕ по борьбе с торговлей людьми выступила на совещании в Вене.',
      'Бюро Специального представителя в своем заявлении отметило, что «число выявленных жертв снова выросло за год».'],
    [[undefined, undefined, 'structure/office-of-the-special-representative-and-co-ordinator-for-combating-trafficking-in-human-beings']]],
  ['A17: a scientist named by a "-logy" noun before or after the name (ru)', '2007-05-15',
    ['Гидролог Душанбинского университета Зарина Каримова представила расчеты. «Без общих данных каждый планирует вслепую», – отметила она.',
      'Олег Панин, социолог Томского университета, добавил: «Люди уезжают, когда вода уходит из каналов».'],
    [['Зарина Каримова', 'Гидролог Душанбинского университета', undefined], ['Олег Панин', 'социолог Томского университета', undefined]]],
  ['a pronoun after a person whose apposition names an office is that person, not the office', '2016-11-08',
    ['Ірина Литвин, національна координаторка проектів з питань молоді Координатора проектів ОБСЄ в Україні, нагадала про минулорічні підсумки. «Цього року дівчат більше, ніж хлопців», – додала вона.'],
    [['Ірина Литвин', 'національна координаторка проектів з питань молоді', 'field-operation/project-co-ordinator-in-ukraine']]],
  ['an office that starts a clause before a colon, whatever its verb (uk)', '2014-10-08',
    ['Генеральний секретар ОБСЄ звернувся до учасників у відеозверненні: «Молодь залишається там, де її голос щось змінює»'],
    [['Lamberto Zannier', 'Генеральний секретар', 'structure/secretary-general']]],
  ['A15: Albanian roles with the operation in an inflected form; a definite title before the operation\'s genitive', '2021-03-09',
    ['"Gratë janë ende pak në poste drejtuese", tha Drita Berisha, zyrtare për të drejtat e njeriut në Misionin e OSBE-së në Kosovë.',
      'Shefi i Misionit të OSBE-së në Kosovë tha se projekti do të vazhdojë: "Një polici e afërt me qytetarët fiton besimin e tyre."'],
    [['Drita Berisha', 'zyrtare për të drejtat e njeriut', 'field-operation/mission-in-kosovo'], [undefined, 'Shefi', 'field-operation/mission-in-kosovo']]],
  ['A15: an operation whose host is two names joined by a conjunction (sr, 2004)', '2004-06-14',
    ['„Локални медији морају преживети приватизацију“, рекла је Милена Јовић, саветница за медије у Мисији ОЕБС-а у Србији и Црној Гори.'],
    [['Милена Јовић', 'саветница за медије', 'field-operation/mission-to-serbia']]],
  ['A15: a role that refers back to an operation the page names only in its Source field', '2018-05-15',
    ['«Суд должен слышать обе стороны», — сказал Павел Орлов, руководитель проектов Координатора по вопросам правосудия.'],
    [['Павел Орлов', 'руководитель проектов по вопросам правосудия', 'field-operation/project-co-ordinator-in-uzbekistan']],
    [`${BASE}id/field-operation/project-co-ordinator-in-uzbekistan`]],
  ['A16: a PA office on a page the Assembly publishes; a national parliament\'s office is not the Assembly\'s', '2018-07-10',
    ['"Targets that nobody measures are wishes," said Special Representative on Gender Issues Anna Lindqvist (Sweden).',
      '"Our ports stay open," said Nino Beridze, deputy chair of the defence committee of the Georgian Parliament.'],
    [['Anna Lindqvist', 'Special Representative on Gender Issues', 'structure/parliamentary-assembly'], ['Nino Beridze', 'deputy chair of the defence committee of the Georgian Parliament', undefined]],
    [PA]],
  ['A16: without the Assembly as the page\'s source, the office has no affiliation', '2018-07-10',
    ['"Targets that nobody measures are wishes," said Special Representative on Gender Issues Anna Lindqvist (Sweden).'],
    [['Anna Lindqvist', 'Special Representative on Gender Issues', undefined]]],
];

for (const [what, day, paragraphs, expected, sources] of CASES) {
  test(`attribution by kind: ${what}`, () => {
    const quotes = findQuotes(paragraphs, referenceIndex(BASE), day, '', sources ?? []);
    assert.deepEqual(quotes.map((q) => [q.speaker.name, q.speaker.role, id(q.speaker.affiliation)]), expected);
  });
}

test('occupations named by a science are role words; the "-log" nouns of no person are not', () => {
  assert.deepEqual(['Гидролог', 'социолога', 'гідрологиня', 'hydrologist', 'Soziologin', 'sociologue', 'hidrologe', 'Shefi'].map(isRoleWord), [true, true, true, true, true, true, true, true]);
  assert.deepEqual(['диалог', 'пролог', 'монолог', 'ecological', 'Shefqet', 'Shefik'].map(isRoleWord), [false, false, false, false, false, false]);
});
