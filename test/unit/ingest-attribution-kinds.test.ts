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
  ['A13: the chairing State by its adjective (de)', '2020-05-14',
    ['"Wir wollen, dass der Dialog mit allen Seiten weitergeht", sagte der albanische Außenminister Edi Rama in Wien.'],
    [['Edi Rama', 'Amtierender Vorsitzender', 'structure/chairpersonship']]],
  ['A13: a ministry named "for Europe and Foreign Affairs" (sq)', '2020-05-14',
    ['"Duam që dialogu të vazhdojë edhe më tej", tha Ministri për Evropën dhe Punët e Jashtme i Shqipërisë, Edi Rama.'],
    [['Edi Rama', 'Kryetari në detyrë', 'structure/chairpersonship']]],
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
  // batches 2 and 3 (202-217)
  ['an occasion after the role ("zur Eröffnung") is no part of it (de)', '1998-11-03',
    ['"Wer Beschwerden beantwortet, verhindert Konflikte von morgen", sagte der Hohe Kommissar für nationale Minderheiten zur Eröffnung.'],
    [['Max van der Stoel', 'Hohe Kommissar für nationale Minderheiten', 'structure/high-commissioner-on-national-minorities']]],
  ['an impersonal attribution to a message ("hieß es darin") is the office that sent it in the sentence before', '1998-11-03',
    ['Der Amtierende Vorsitzende der OSZE ließ in einer Grußbotschaft erklären, die Ergebnisse würden dem Ständigen Rat vorgelegt. "Wer einen Ansprechpartner hat, braucht keinen Fürsprecher", hieß es darin.'],
    [[undefined, 'Amtierende Vorsitzende', 'structure/chairpersonship']]],
  ['a short role refers to the office the page wrote in full before it (mk)', '2016-09-27',
    ['Шефот на Мисијата на ОБСЕ во Скопје рече дека уделот на жените во советите расте. „Квотата ги отвори вратите на советите, но не и на кабинетите“, изјави шефот.'],
    [[undefined, 'шеф', 'field-operation/mission-to-skopje']]],
  ['an office before the name with a local council after it, without the suffixed article (mk)', '2019-04-10',
    ['Мисијата на ОБСЕ во Скопје ќе ја поддржи конференцијата, која ќе трае до четврток.',
      'Советничката во Советот на општина Охрид Марија Стојанова раскажа за буџетот. „Ги прашавме граѓаните, а не само директорите“, изјави таа.'],
    [['Марија Стојанова', 'Советничка во Советот на општина Охрид', undefined]]],
  ['an office before the name with the adjective before its noun, the operation in the genitive (uk)', '2019-04-10',
    ['Координатор проектів ОБСЄ в Україні проведе школу медіаграмотності.',
      'Національний радник Координатора проектів з питань освіти Тарас Гнатюк розповів про програму. «Торік найбільше запитань викликали саме фейкові фото», – додав він.'],
    [['Тарас Гнатюк', 'Національний радник з питань освіти', 'field-operation/project-co-ordinator-in-ukraine']]],
  ['a State\'s name as a given name at a sentence\'s start, with an apposition (fr)', '1995-03-14',
    ['France Dubois, juriste au Conseil de l\'Europe, qui présentera une étude, a souligné que « les lois sont souvent bonnes sur le papier, et muettes sur le financement ».'],
    [['France Dubois', 'juriste au Conseil de l\'Europe', undefined]]],
  ['a body named with the organization\'s name that the reference data lacks is no part of the role (uk)', '2026-02-17',
    ['«Кожне очищене поле – це не лише безпека, а й урожай», – сказала Олена Бондар, менеджерка проєктів з розмінування Програми підтримки ОБСЄ для України.'],
    [['Олена Бондар', 'менеджерка проєктів з розмінування', undefined]]],
  ['occupations before the name: deminers, methodologists (uk, ru)', '2026-02-17',
    ['Сапер Державної служби з надзвичайних ситуацій Остап Коваль розповів про курс. «Раніше ми за день проходили одну ділянку, тепер – три», – каже Коваль.',
      'Методист городского управления образования Дилноза Рахимова, которая будет вести занятия, рассказала о тренировках. «Первая тренировка заняла у нас восемь минут», – сказала она.'],
    [['Остап Коваль', 'Сапер Державної служби з надзвичайних ситуацій', undefined], ['Дилноза Рахимова', 'Методист городского управления образования', undefined]]],
  ['words between a compound tense\'s auxiliary and participle (fr "a pour sa part estimé que")', '2022-11-17',
    ['La Secrétaire générale de l\'OSCE, qui participera au Conseil ministériel, a pour sa part estimé que « l\'éducation multilingue est une politique de sécurité »'],
    [['Helga Maria Schmid', 'Secrétaire générale', 'structure/secretary-general']]],
  ['words quoted as what something was called, in a letter (ru "в письме … назвал программу «…»")', '2014-05-17',
    ['Действующий председатель ОБСЕ, президент Швейцарской Конфедерации и министр иностранных дел Дидье Буркхальтер, в письме участникам назвал программу «хорошим примером того, как безопасность начинается с класса».'],
    [['Дидье Буркхальтер', 'Действующий председатель', 'structure/chairpersonship']]],
  ['an adviser of an Office named by its head ("Советник Бюро Специального представителя")', '2012-10-17',
    ['Специальный представитель и координатор ОБСЕ по борьбе с торговлей людьми открыла встречу.',
      'Советник Бюро Специального представителя Ольга Ковальчук представила обзор. «В половине стран, которые мы изучили, нет ни одного приюта для мужчин», – добавила она.'],
    [['Ольга Ковальчук', 'Советник', 'structure/office-of-the-special-representative-and-co-ordinator-for-combating-trafficking-in-human-beings']]],
  ['"according to" inside a clause after a verb of saying is no attribution (sq "sipas")', '2020-09-20',
    ['Kreu i Prezencës së OSBE-së në Shqipëri shtoi se kampi do të zhvillohet sipas rregullave të reja: "Do të jemi më pak njerëz në një sallë, por jo më pak të hapur."'],
    [[undefined, 'Kreu', 'field-operation/presence-in-albania']]],
  ['a State\'s adjective in lower case before an office is no part of the role (de)', '2021-03-08',
    ['Die Konferenz über Frauen in der Polizei hat heute in Wien begonnen und dauert bis Mittwoch.',
      '„Quoten allein reichen nicht, wir brauchen Vorbilder“, sagte die norwegische Polizeidirektorin Ingrid Dahl in Wien.'],
    [['Ingrid Dahl', 'Polizeidirektorin', undefined]]],
  ['an English role keeps the State\'s adjective', '2021-03-08',
    ['"Rivers do not stop at borders," said Aliya Nurpeisova, Kazakh Deputy Minister of Natural Resources.'],
    [['Aliya Nurpeisova', 'Kazakh Deputy Minister of Natural Resources', undefined]]],
  ['a clause in the past tense after a name is no apposition (es "presentó hoy …")', '2007-01-11',
    ['El Presidente en ejercicio de la OSCE, el ministro español de Asuntos Exteriores, Miguel Ángel Moratinos, presentó hoy en Madrid las prioridades de la Presidencia.',
      '"La lucha contra la trata de personas será una prioridad de este año", afirmó Moratinos.'],
    [['Miguel Ángel Moratinos', 'Presidente en ejercicio', 'structure/chairpersonship']]],
  ['A14: a circumstantial phrase after the office ("en visite à …") ends it like a clause (fr)', '2014-03-14',
    ['« Nous voulons que le dialogue se poursuive avec tous », a déclaré le Haut Commissaire pour les minorités nationales, en visite à Kiev.'],
    [['Astrid Thors', 'Haut Commissaire pour les minorités nationales', 'structure/high-commissioner-on-national-minorities']]],
  ['A15: the operation\'s word heading the person\'s own office, in a State with two operations that day (uk, 2016)', '2016-03-14',
    ['«Ми хочемо відкритих судів для всіх», — сказала Ірина Сало, координаторка проектів ОБСЄ з питань верховенства права в Україні.'],
    [['Ірина Сало', 'координаторка проектів з питань верховенства права', 'field-operation/project-co-ordinator-in-ukraine']]],
];

for (const [what, day, paragraphs, expected, sources] of CASES) {
  test(`attribution by kind: ${what}`, () => {
    const quotes = findQuotes(paragraphs, referenceIndex(BASE), day, '', sources ?? []);
    assert.deepEqual(quotes.map((q) => [q.speaker.name, q.speaker.role, id(q.speaker.affiliation)]), expected);
  });
}

test('occupations named by a science are role words; the "-log" nouns of no person are not', () => {
  assert.deepEqual(['Гидролог', 'социолога', 'гідрологиня', 'hydrologist', 'Soziologin', 'sociologue', 'hidrologe', 'Shefi', 'Treasurer', 'менеджерка'].map(isRoleWord), [true, true, true, true, true, true, true, true, true, true]);
  assert.deepEqual(['диалог', 'пролог', 'монолог', 'ecological', 'Shefqet', 'Shefik'].map(isRoleWord), [false, false, false, false, false, false]);
});
