/**
 * Attribution rules of the fifth round (decision record of ext-attrib4): each case is one rule, written with invented
 * sentences (invented persons, real office holders only as in osce-facts.md) in the languages the kind was seen in,
 * and asserts speaker, role and affiliation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { referenceIndex } from '../../src/ingest/index.js';
import { findQuotes } from '../../src/ingest/quotes.js';

const BASE = 'http://localhost:8080/';
const id = (iri: string | undefined) => iri?.slice(`${BASE}id/`.length);

type Who = [name: string | undefined, role: string | undefined, affiliation: string | undefined];

const CASES: [what: string, day: string, paragraphs: string[], expected: Who[], sources?: string[]][] = [
  ['A24: a role without a name in the month the facts give for a change of holder stays open (30 September 2024)', '2024-09-30',
    ['"Our work on the ground continues every single day," said the OSCE Secretary General.'],
    [[undefined, 'Secretary General', 'structure/secretary-general']]],
  ['A24: a month before the change the facts date by month is the holder of the day', '2024-06-20',
    ['"Our work on the ground continues every single day," said the OSCE Secretary General.'],
    [['Helga Maria Schmid', 'Secretary General', 'structure/secretary-general']]],
  ['A25: Spanish perfect tense of saying ("ha declarado", "ha añadido"); the Chair\'s minister named after an apposition of both offices', '2024-10-15',
    ['«La cooperación en el Mediterráneo es una prioridad para todos», ha declarado el ministro de Asuntos Exteriores de Malta y presidente en ejercicio de la OSCE, Ian Borg.',
      'La ministra Nuria Salvat explicó que la cooperación regional era esencial. «No podemos esperar otra década de promesas», ha añadido Salvat.'],
    [['Ian Borg', 'presidente en ejercicio', 'structure/chairpersonship'], ['Nuria Salvat', 'ministra', undefined]]],
  ['A23: a Chair\'s foreign minister under a national title that names no State, on a page that names the Chairperson-in-Office', '2012-05-10',
    ['"Media freedom is a shared commitment of all of us," said Tánaiste and Minister for Foreign Affairs and Trade Eamon Gilmore, OSCE Chairperson-in-Office.'],
    [['Eamon Gilmore', 'Chairperson-in-Office', 'structure/chairpersonship']]],
  ['A23: the same national title on a page that never names the Chair\'s office stays the national office', '2012-05-10',
    ['"Media freedom is a shared commitment of all of us," said Tánaiste and Minister for Foreign Affairs and Trade Eamon Gilmore.'],
    [['Eamon Gilmore', 'Tánaiste and Minister for Foreign Affairs and Trade', undefined]]],
  ['A22: the portfolios of a ministry before a name are the office\'s words, never the name\'s (en, with a comma enumeration)', '2020-05-10',
    ['"We need more engineers in the villages, not fewer," said Deputy Minister of Education and Science Aizhan Temirova.',
      '"A child in Stolac should not need a different diploma," said Deputy Minister of Education, Science, Culture and Sports Aida Kovač.',
      '"Our farmers lose a third of their water in old canals," said First Vice-Minister of Water Resources and Irrigation Daniyar Omarov.'],
    [['Aizhan Temirova', 'Deputy Minister of Education and Science', undefined], ['Aida Kovač', 'Deputy Minister of Education, Science, Culture and Sports', undefined], ['Daniyar Omarov', 'First Vice-Minister of Water Resources and Irrigation', undefined]]],
  ['A22: a German noun after an article is no part of the name that follows it', '2020-05-10',
    ['„Vor zehn Jahren gab es an unseren Grenzübergängen keine Frauen“, sagte die Leiterin der Abteilung für Ausbildung und Forschung des Grenzdienstes Aigerim Nurlanova.'],
    [['Aigerim Nurlanova', 'Leiterin der Abteilung für Ausbildung und Forschung des Grenzdienstes', undefined]]],
  ['A22: a feminine deputy or assistant before an office in the genitive keeps the whole office (uk, sr)', '2021-05-10',
    ['«Ми хочемо, щоб кожна школа мала психолога», – сказала заступниця голови Одеської обласної державної адміністрації Олена Петрук.',
      '„Lažna vest putuje brže od ispravke“, rekla je pomoćnica ministra kulture i informisanja Milica Jovanov.'],
    [['Олена Петрук', 'заступниця голови Одеської обласної державної адміністрації', undefined], ['Milica Jovanov', 'pomoćnica ministra kulture i informisanja', undefined]]],
  ['a quotation split by its attribution outside the marks is one quotation, the second part in lower case (en, it)', '2018-02-20',
    ['The Forum met today. “Stockpiles that nobody needs,” said Ambassador Tomas Varga, Chairman of the FSC, “become the arsenal of whoever finds them first.”',
      "«La fiducia», ha detto il Ministro degli Affari Esteri e della Cooperazione Internazionale italiano Angelino Alfano, Presidente in esercizio dell'OSCE, «non si ordina per decreto: si costruisce pattuglia dopo pattuglia»."],
    [['Tomas Varga', 'Chairman', 'structure/forum-for-security-co-operation'], ['Angelino Alfano', 'Presidente in esercizio', 'structure/chairpersonship']]],
  ['a quotation split by its attribution inside the marks (fr « …, a précisé X, … », ru «…, – сказал X, – …»)', '2010-10-10',
    ['Le président en exercice, Kanat Saudabayev, a ouvert la réunion.',
      "« Un sommet, a précisé le Secrétaire général de l'OSCE, n'est utile que s'il confie aux ambassadeurs un travail précis. » « Le projet de déclaration est prêt à plus de moitié », a-t-il ajouté."],
    [['Marc Perrin de Brichambaut', 'Secrétaire général', 'structure/secretary-general'], ['Marc Perrin de Brichambaut', 'Secrétaire général', 'structure/secretary-general']]],
  ['a quotation split by its attribution inside the marks, with dashes (ru «…, – сказал X, – …»)', '2010-10-10',
    ['Гидролог Национального института пустынь Берды Овезов напомнил, что уровень воды падает. «Амударья, – сказал Овезов, – каждый год приносит нам не только воду, но и соль».'],
    [['Берды Овезов', 'Гидролог Национального института пустынь', undefined]]],
  ['a full stop after the closing mark ends the sentence; "according to X, reported speech «…»" is X\'s (it)', '2018-02-20',
    ['Secondo il Capo della Missione OSCE in Kosovo, i comitati locali per la sicurezza sono «il luogo dove un sindaco e un comandante imparano a rispondere». Lirije Gashi, comandante della stazione di polizia di Gjilan, ha raccontato che le pattuglie parlano due lingue: «Quando un agente risponde nella lingua di chi chiama, metà del lavoro è fatta».'],
    [[undefined, 'Capo', 'field-operation/mission-in-kosovo'], ['Lirije Gashi', 'comandante della stazione di polizia di Gjilan', undefined]]],
  ['a pronoun followed by where it spoke is a pronoun ("– заявил он на пресс-конференции в …"); "главы" is the head\'s title "глава"', '1999-03-15',
    ['Министр иностранных дел Норвегии Кнут Воллебек, действующий председатель ОБСЕ, завершил визит в Молдову. «Переговоры о школах и мостах должны продолжаться и весной», – заявил он на пресс-конференции в Кишиневе.',
      'По словам главы Миссии ОБСЕ в Молдове, «обе стороны согласны говорить о школах, мостах и пенсиях».'],
    [['Кнут Воллебек', 'действующий председатель', 'structure/chairpersonship'], [undefined, 'глава', 'field-operation/mission-to-moldova']]],
  ['an Italian office before the name with its complement ("La sostituta procuratrice di Agrigento X"), then a bare verb', '2018-03-15',
    ['La sostituta procuratrice di Agrigento Carla Vitale ha spiegato che i testimoni vengono rimpatriati. «Senza testimoni, resta solo la carta», ha detto.'],
    [['Carla Vitale', 'sostituta procuratrice di Agrigento', undefined]]],
  ['a quotation as a paragraph of its own after a paragraph ending in a colon, its office acting without a verb of saying (de)', '2021-07-02',
    ['Zwölf Grenzschutzbeamtinnen haben am Freitag einen Lehrgang abgeschlossen.', 'In einer Videobotschaft wandte sich die Generalsekretärin der OSZE an die Absolventinnen:',
      '„Grenzen werden sicherer, wenn die Menschen, die sie schützen, so vielfältig sind wie die Menschen, die sie überqueren.“'],
    [['Helga Maria Schmid', 'Generalsekretärin', 'structure/secretary-general']]],
  ['a block quote over two paragraphs, opened and closed once, after "he told the engineers:" (a pronoun for the office before)', '2006-05-16',
    ['The Head of the OSCE Mission to Georgia, who chaired the meeting, said the Mission would pay for the works. At the signing he told the engineers:',
      '“We have seen in the last two years that small projects keep people talking when the larger talks stall.', 'Nobody should mistake a repaired canal for a settlement. But nobody should underestimate it either.”'],
    [[undefined, 'Head', 'field-operation/mission-to-georgia']]],
  ['« … » over two paragraphs, each opened, attributed inside its first part before a full stop (fr)', '1997-05-10',
    ["La Cour de conciliation et d'arbitrage de l'OSCE organise un séminaire à Genève.", "« La Cour existe depuis deux ans et n'a encore été saisie d'aucune affaire, a reconnu le Président de la Cour. Ce n'est pas un échec.",
      '« Mais une porte que personne ne pousse finit par rouiller. »'],
    [[undefined, 'Président', 'structure/court-of-conciliation-and-arbitration']]],
  ['"Selon la greffière …, Mme X, les demandes …": the role before the name, not the reported speech after it; "de la Cour" refers back', '1997-05-10',
    ["La Cour de conciliation et d'arbitrage de l'OSCE organise un séminaire.",
      "Selon la greffière adjointe de la Cour, Mme Annette Morel, les demandes viennent surtout des ministères. « On nous demande combien coûte une procédure et combien de temps elle dure », a-t-elle précisé."],
    [['Annette Morel', 'greffière adjointe', 'structure/court-of-conciliation-and-arbitration']]],
  ['the State a person comes from is no part of the role; "Asked about …, X said:" is no role either', '1998-11-10',
    ['Marta Berglund, a former police officer from Sweden who joined the Mission in November, has spent three weeks in the valley. "People come to us before they go to anyone else," she said. Asked about the winter, Berglund said: "The roads are the problem, not the people."'],
    [['Marta Berglund', 'former police officer', undefined], ['Marta Berglund', 'former police officer', undefined]]],
  ['an active participle after a name is what the person did, also when made of an office\'s stem ("руководившая")', '2015-08-10',
    ['СММ ОБСЕ помогла договориться о ремонте водовода.', '«Мы стояли между бригадой и позициями с обеих сторон до последнего шва», – рассказала наблюдатель СММ Кристина Берг, руководившая одним из патрулей.'],
    [['Кристина Берг', 'наблюдатель', 'field-operation/special-monitoring-mission-to-ukraine']]],
  ['"X, …, заявил, что …, и добавил: «…»": the subject is the words before the first verb of saying (a role-only holder of 1994)', '1994-06-10',
    ['Верховный комиссар СБСЕ по делам национальных меньшинств, посетивший Кишинев и Комрат в мае, заявил, что закон может стать примером, и добавил: «Право говорить с властью на своем языке не угрожает единству государства».'],
    [['Max van der Stoel', 'Верховный комиссар по делам национальных меньшинств', 'structure/high-commissioner-on-national-minorities']]],
  ['a French compound tense after an apposition is a predicate, no part of the role (", a décrit des familles")', '2024-05-10',
    ['Arben Dushku, coordinateur d\'un centre d\'accueil à Gjirokastër, a décrit des familles entières : « Nous leur donnons un lit, un repas et un téléphone. »'],
    [['Arben Dushku', "coordinateur d'un centre d'accueil à Gjirokastër", undefined]]],
  ['direct speech set off by dashes is a quotation, one per paragraph; a surname written before in another case is the same person (ru)', '2009-10-10',
    ['В мастерской Айгюн Мамедовой пахнет шерстью и крепким чаем.',
      '— Раньше я продавала ковры только соседям и туристам, — говорит Мамедова, хозяйка мастерской. — Теперь у меня есть страница в интернете.',
      '— Самое трудное было не компьютер, а смелость, — добавляет она. — Показать свою работу всему миру страшнее.'],
    [['Айгюн Мамедова', 'хозяйка мастерской', undefined], ['Айгюн Мамедова', 'хозяйка мастерской', undefined]]],
  ['a structure written with the CSCE\'s name, then its short title without a name, is its holder with the full title (ru, 1993)', '1993-06-10',
    ['Верховный комиссар СБСЕ по делам национальных меньшинств завершил сегодня трехдневный визит в Эстонию.',
      '«Знание государственного языка – это не условие лояльности, а ключ к равным возможностям», – заявил Верховный комиссар на пресс-конференции в Таллине.'],
    [['Max van der Stoel', 'Верховный комиссар по делам национальных меньшинств', 'structure/high-commissioner-on-national-minorities']]],
  ['a Bureau in Russian ("глава Бюро ОБСЕ в Баку") is the operation of its host; the host is no part of the role', '2009-10-10',
    ['Курс поддержало Бюро ОБСЕ в Баку.', 'По словам главы Бюро ОБСЕ в Баку, такие проекты помогают семьям: «Когда женщина в маленьком городе зарабатывает сама, меняется то, как город смотрит на своих дочерей».'],
    [[undefined, 'глава', 'field-operation/project-co-ordinator-in-baku']]],
  ['Albanian "kujtoi … dhe shtoi:": the subject is the Chair\'s minister before the first verb of saying', '2021-09-06',
    ['Ministrja e Jashtme e Suedisë dhe Kryetare në detyrë e OSBE-së, Ann Linde, kujtoi se Suedia ka financuar strehëzat e para dhe shtoi: "Asnjë grua nuk duhet të zgjedhë mes sigurisë dhe shtëpisë së saj."'],
    [['Ann Linde', 'Kryetare në detyrë', 'structure/chairpersonship']]],
  ['the Chair\'s office in ijekavian ("predsjedavajući OEBS-a") is the role as written', '2015-05-10',
    ['„Građani ne gube povjerenje u medije preko noći“, rekao je predsjedavajući OEBS-a, ministar spoljnih poslova Srbije Ivica Dačić, u video-poruci učesnicima.'],
    [['Ivica Dačić', 'predsjedavajući', 'structure/chairpersonship']]],
  ['a surname that is also a word of the reference data\'s names, right after a given name, is the name\'s (de)', '2017-05-10',
    ['„Jedes dritte Kind in unseren Dörfern hat keine Geburtsurkunde“, sagte die Staatssekretärin im Ministerium für Arbeit und Soziale Solidarität Elena Marin.'],
    [['Elena Marin', 'Staatssekretärin im Ministerium für Arbeit und Soziale Solidarität', undefined]]],
  ['the German name of the Kosovo Verification Mission; "Sprecherin der Mission" refers back to it', '1999-01-14',
    ['Die Kosovo-Verifikationsmission der OSZE eröffnet ein sechstes Koordinationszentrum.',
      '„Wir zählen Fahrzeuge und Flüchtlinge, aber vor allem hören wir zu“, sagte der Leiter der Kosovo-Verifikationsmission. Anna Lindgren, Sprecherin der Mission, beschrieb die Lage. „Viele Familien kommen zurück, obwohl ihre Dächer noch fehlen“, sagte sie.'],
    [[undefined, 'Leiter', 'field-operation/kosovo-verification-mission'], ['Anna Lindgren', 'Sprecherin', 'field-operation/kosovo-verification-mission']]],
  ['a noun of an operation\'s kind ("des Programmbüros") on a page whose Source is one field operation is that operation', '2021-07-02',
    ['Zwölf Grenzschutzbeamtinnen haben einen Lehrgang abgeschlossen. „Die Akademie bildet seit zehn Jahren Führungskräfte aus, aber nie nur Frauen“, erklärte der Leiter des Programmbüros.'],
    [[undefined, 'Leiter', 'field-operation/programme-office-in-dushanbe']], ['http://localhost:8080/id/field-operation/programme-office-in-dushanbe']],
  ['a Macedonian hyphenated office drops its suffixed article ("заменик-министерката" → "заменик-министерка")', '2022-05-10',
    ['„Секоја општина што отвори младински совет добива поддршка“, изјави заменик-министерката за локална самоуправа Весна Петровска.'],
    [['Весна Петровска', 'заменик-министерка за локална самоуправа', undefined]]],
  ['"Как подчеркнул X, «…»" (as X stressed) is X\'s quotation', '2007-06-05',
    ['Как подчеркнул министр иностранных дел и сотрудничества Испании Мигель Анхель Моратинос, действующий председатель ОБСЕ, «вода в Центральной Азии должна объединять соседей, а не разделять их».'],
    [['Мигель Анхель Моратинос', 'действующий председатель', 'structure/chairpersonship']]],
  ['"said a statement issued by the Swiss Chairmanship in Berne": the message speaks for its sender, a body (nobody)', '1996-10-10',
    ['"The Chairmanship encourages the Government and the opposition to make the return of refugees part of their talks," said a statement issued by the Swiss Chairmanship in Berne.'],
    [[undefined, undefined, 'structure/chairpersonship']]],
];

for (const [what, day, paragraphs, expected, sources] of CASES) {
  test(`attribution, fifth round: ${what}`, () => {
    const quotes = findQuotes(paragraphs, referenceIndex(BASE), day, '', sources ?? []);
    assert.deepEqual(quotes.map((q) => [q.speaker.name, q.speaker.role, id(q.speaker.affiliation)]), expected);
  });
}

test('attribution, fifth round: a split quotation\'s text is both parts without the attribution', () => {
  const quotes = findQuotes(['“Stockpiles that nobody needs,” said Ambassador Tomas Varga, Chairman of the FSC, “become the arsenal of whoever finds them first.”',
    "« Un sommet, a précisé le Secrétaire général, n'est utile que s'il confie un travail précis. »"], referenceIndex(BASE), '2010-10-10');
  assert.deepEqual(quotes.map((q) => q.text), ['Stockpiles that nobody needs become the arsenal of whoever finds them first.', "Un sommet n'est utile que s'il confie un travail précis."]);
});
