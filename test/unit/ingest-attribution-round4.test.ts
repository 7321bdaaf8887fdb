/**
 * Attribution rules of the fourth round (decision 0040): each case is one rule, written with invented sentences in the
 * languages the kind was seen in, and asserts speaker, role and affiliation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { referenceIndex } from '../../src/ingest/index.js';
import { findQuotes } from '../../src/ingest/quotes.js';

const BASE = 'http://localhost:8080/';
const id = (iri: string | undefined) => iri?.slice(`${BASE}id/`.length);

type Who = [name: string | undefined, role: string | undefined, affiliation: string | undefined];

const CASES: [what: string, day: string, paragraphs: string[], expected: Who[], sources?: string[]][] = [
  ['an impersonal verb whose subject is the message ("говорится в послании") is who sent it (a named Chair)', '2004-09-10',
    ['Действующий председатель ОБСЕ, министр иностранных дел Болгарии Соломон Паси, направил участникам послание, в котором отметил, что работа важна. "Доверие строится не в день голосования, а раньше", – говорится в послании.'],
    [['Соломон Паси', 'Действующий председатель', 'structure/chairpersonship']]],
  ['an impersonal verb whose subject is the message (uk "йдеться у зверненні"), after an office without a name', '2018-11-26',
    ['Чинний голова ОБСЄ у своєму зверненні до учасників наголосив на ролі освіти. «Школа – перше місце, де молоді люди вчаться жити разом», – йдеться у зверненні.'],
    [[undefined, 'Чинний голова', 'structure/chairpersonship']]],
  ['written words are words of saying ("– написал Буркхальтер")', '2014-03-03',
    ['Министр иностранных дел Дидье Буркхальтер, Действующий председатель ОБСЕ, приветствовал участников. «Каждая тонна, остановленная на границе, – это меньше героина», – написал Буркхальтер.'],
    [['Дидье Буркхальтер', 'Действующий председатель', 'structure/chairpersonship']]],
  ['words quoted as what something was welcomed as or called ("welcomed the course as “…”", "called the academy “…”")', '2008-07-10',
    ['The Chairperson-in-Office, Finnish Foreign Minister Alexander Stubb, welcomed the academy as “the kind of co-operation that saves lives early”.',
      'The Secretary General, who visited a course last year, called it "the most practical thing we do against intolerance".'],
    [['Alexander Stubb', 'Chairperson-in-Office', 'structure/chairpersonship'], ['Marc Perrin de Brichambaut', 'Secretary General', 'structure/secretary-general']]],
  ['"so-called" is no verb of saying', '2008-07-10',
    ['The so-called "frozen conflicts of the region" were discussed at length.'],
    []],
  ['"Selon X, « … »" after an ended quotation attributes the quotation it opens, not the one before (fr)', '2019-09-12',
    ['Le Représentant de l\'OSCE pour la liberté des médias, qui participera aux deux journées, a souligné la priorité : « Les menaces contre les petites rédactions passent inaperçues. » Selon Mila Korać, rédactrice en chef de la radio communale de Bar, « la moitié de nos recettes a disparu en trois ans ».'],
    [['Harlem Désir', 'Représentant pour la liberté des médias', 'structure/representative-on-freedom-of-the-media'], ['Mila Korać', 'rédactrice en chef de la radio communale de Bar', undefined]]],
  ['A20: a participle and a circumstance between the verb and the role are no part of it (ru); a lower-case centre with a State\'s body in the genitive is no OSCE operation', '2016-03-10',
    ['«Контрабандисты давно работают как одна команда», – сказал выступивший на брифинге начальник учебного центра Пограничных войск Таджикистана Фаррух Саидов.'],
    [['Фаррух Саидов', 'начальник учебного центра Пограничных войск Таджикистана', undefined]]],
  ['A20: a circumstance after the verb ends before the role\'s article (es "al inaugurar el seminario el …", de "in Wien der …")', '1997-05-10',
    ['"Cuando una minoría ve a un agente de policía, debe ver a alguien que la protege", declaró al inaugurar el seminario el Alto Comisionado para las Minorías Nacionales.',
      '"Las recomendaciones deben servir a las misiones sobre el terreno", indicó el Secretario General en una carta a los organizadores.'],
    [['Max van der Stoel', 'Alto Comisionado para las Minorías Nacionales', 'structure/high-commissioner-on-national-minorities'], ['Giancarlo Aragona', 'Secretario General', 'structure/secretary-general']]],
  ['A20: a circumstance after the verb ends before the role\'s article (de "in Wien der …")', '1997-05-10',
    ['„Gute Minderheitenschulen sind die billigste Konfliktverhütung“, erklärte in Wien der Generalsekretär der OSZE.'],
    [['Giancarlo Aragona', 'Generalsekretär', 'structure/secretary-general']]],
  ['a circumstance first, then the verb, then the speaker before a colon (de verb-second order)', '2016-05-10',
    ['Aus Südtirol berichtet Dr. Ilse Pichler, Programmdirektorin eines ladinischen Senders: „Wir haben zwölf Mitarbeiter und senden täglich drei Stunden.“'],
    [['Ilse Pichler', 'Programmdirektorin eines ladinischen Senders', undefined]]],
  ['chiefs, spokespersons and mayors in Cyrillic are office words (uk "речниця", mk "Градоначалникот на …")', '2020-02-27',
    ['Олена Ткачук, речниця Спеціальної моніторингової місії ОБСЄ в Україні, розповіла про порушення. Андрій Коваль, редактор газети, сказав, що справ багато. «Ми подаємо заяву, і на цьому все закінчується», – сказав Коваль.',
      '«Саме тому ми запросили не лише журналістів, а й слідчих», – додала вона.'],
    [['Андрій Коваль', 'редактор газети', undefined], ['Олена Ткачук', 'речниця', 'field-operation/special-monitoring-mission-to-ukraine']]],
  ['A18: a coordinated ministry\'s name in Italian is no person\'s name; the Chair speaks as the Chair', '2017-05-10',
    ['«Le reti criminali non chiedono il passaporto alle frontiere», ha dichiarato il Ministro degli Affari Esteri e della Cooperazione Internazionale Angelino Alfano, Presidente in esercizio dell\'OSCE.'],
    [['Angelino Alfano', 'Presidente in esercizio', 'structure/chairpersonship']]],
  ['words that add a person to a list ("ainsi que l\'avocate X") are no part of the role', '2016-10-17',
    ['Des juges y sont attendus, ainsi que l\'avocate Aïda Sarsenova, qui a défendu vingt rédactions : « Chaque procès perdu fait taire dix autres journaux. »'],
    [['Aïda Sarsenova', 'avocate', undefined]]],
  ['an office before the name starts at its article after a verb ("a annoncé aujourd\'hui la vice-présidente de …, X"); a predicate after the apposition is no part of it', '2014-09-19',
    ['Le forum aura lieu à Genève, a annoncé aujourd\'hui la vice-présidente de l\'Assemblée parlementaire de l\'OSCE, Claire Lemoine (Belgique). « Le partage de l\'eau est une question de paix », a déclaré Mme Lemoine.',
      'Karim Aliev (Tadjikistan), rapporteur de la commission générale des affaires économiques, de la science, de la technologie et de l\'environnement, présentera un projet : « Nous voulons des engagements chiffrés. »'],
    [['Claire Lemoine', 'vice-présidente', 'structure/parliamentary-assembly'], ['Karim Aliev', 'rapporteur de la commission générale des affaires économiques, de la science, de la technologie et de l\'environnement', 'structure/parliamentary-assembly']]],
  ['the Chair\'s office as a body ("La présidence suisse a fait …") is nobody: a pronoun after it is the person named before', '2014-09-19',
    ['Le conseiller fédéral Didier Burkhalter, chef du Département fédéral des affaires étrangères et président en exercice de l\'OSCE, ouvrira les travaux. La présidence suisse a fait de la coopération une priorité. « Aucun pays ne peut garantir seul l\'eau de ses villes », a-t-il déclaré.'],
    [['Didier Burkhalter', 'président en exercice', 'structure/chairpersonship']]],
  ['A19: a term the facts date by its year only is the holder when every other term certainly ended before (HCNM, October 2017)', '2017-10-16',
    ['„Was funktioniert, lässt sich nicht einfach kopieren“, erklärte der Hohe Kommissar für nationale Minderheiten, der die Sitzung leiten wird. „Beide Seiten sind am Tisch geblieben“, fügte er hinzu.'],
    [['Lamberto Zannier', 'Hohe Kommissar für nationale Minderheiten', 'structure/high-commissioner-on-national-minorities'], ['Lamberto Zannier', 'Hohe Kommissar für nationale Minderheiten', 'structure/high-commissioner-on-national-minorities']]],
  ['a year with two holders stays open (Secretary General, October 2017)', '2017-10-16',
    ['„Gute Schulen sind die billigste Konfliktverhütung“, sagte in Wien der Generalsekretär der OSZE.'],
    [[undefined, 'Generalsekretär', 'structure/secretary-general']]],
  ['A19: a Russian office in the genitive after "По словам" is the role in the nominative; a gerund clause after the office is no part of it', '2015-11-16',
    ['«Через двадцать лет эти люди будут вести переговоры о воде», – сказал в понедельник Генеральный секретарь ОБСЕ, представляя форум журналистам в Вене.',
      'По словам Верховного комиссара ОБСЕ по делам национальных меньшинств, «дипломат, который понимает соседей, реже видит угрозу».'],
    [['Lamberto Zannier', 'Генеральный секретарь', 'structure/secretary-general'], ['Astrid Thors', 'Верховный комиссар по делам национальных меньшинств', 'structure/high-commissioner-on-national-minorities']]],
  ['the head of an Office named by the Office\'s name ("Бюро Координатора …"), in the genitive after "По словам"', '2004-06-10',
    ['По словам Координатора экономической и экологической деятельности ОБСЕ, "граница, через которую легко провезти товар, работает на контрабандистов".'],
    [[undefined, 'Координатор экономической и экологической деятельности', 'structure/office-of-the-co-ordinator-of-osce-economic-and-environmental-activities']]],
  ['a pronoun after a quotation of an office whose holder is open, in the same paragraph, is that office (not the person named before)', '2024-03-05',
    ['«Вербовщик приходит туда, где закрылась фабрика», – заявил министр иностранных и европейских дел и торговли Мальты Иэн Борг, действующий председатель ОБСЕ.',
      '«Половина пострадавших услышала о работе от знакомых», – сказал в интервью местному радио глава Миссии ОБСЕ в Молдове. «Поэтому и профилактика должна начинаться в селе», – добавил он.'],
    [['Иэн Борг', 'действующий председатель', 'structure/chairpersonship'], [undefined, 'глава', 'field-operation/mission-to-moldova'], [undefined, 'глава', 'field-operation/mission-to-moldova']]],
  ['"Pour le Représentant …, « … »" opening a sentence is his view (fr)', '1998-09-01',
    ['Pour le Représentant de l\'OSCE pour la liberté des médias, « une campagne électorale est le moment où l\'on voit ce que vaut un service public ».'],
    [['Freimut Duve', 'Représentant pour la liberté des médias', 'structure/representative-on-freedom-of-the-media']]],
  ['feminine nominatives in Ukrainian stay as written ("редакторка", "речниця"); a social worker is an office word (ru)', '2020-02-27',
    ['Олена Ткачук, редакторка газети з Краматорська, розповіла про загрози. «Ми знаємо вулиці краще за всіх», – сказала Ткачук.',
      'Социальный работник из Кагула Наталья Морару рассказала о случаях. «Люди стыдятся признаться, что их обманули», – сказала Морару.'],
    [['Олена Ткачук', 'редакторка газети з Краматорська', undefined], ['Наталья Морару', 'Социальный работник из Кагула', undefined]]],
  ['A20: a place after the circumstance\'s preposition is no start of the role ("під час брифінгу в Краматорську Головний спостерігач")', '2019-06-12',
    ['«Найбільший ризик – це поля, про які всі забули», – зазначив під час брифінгу в Краматорську Головний спостерігач Спеціальної моніторингової місії ОБСЄ в Україні.'],
    [[undefined, 'Головний спостерігач', 'field-operation/special-monitoring-mission-to-ukraine']]],
  ['instructors and agronomists are office words (uk, en)', '2019-06-12',
    ['Інструкторка з мінної безпеки з Маріуполя Ірина Бондар розповіла про заняття. «Діти вже знають, що не можна піднімати предмети», – додала вона.',
      'Across the river, agronomist Olga Rusu runs the laboratory. "A farmer will argue with a neighbour, but not with a report," said Rusu.'],
    [['Ірина Бондар', 'Інструкторка з мінної безпеки з Маріуполя', undefined], ['Olga Rusu', 'agronomist', undefined]]],
  ['an expressed view is a verb of saying ("в письме организаторам выразил уверенность, что «…»")', '2004-06-10',
    ['Генеральный секретарь ОБСЕ в письме организаторам выразил уверенность, что "региональное сотрудничество в Карпатах может стать примером для всех".'],
    [['Ján Kubiš', 'Генеральный секретарь', 'structure/secretary-general']]],
  ['the head named by the operation\'s own name in one German word ("der Projektkoordinator der OSZE in der Ukraine")', '2021-09-13',
    ['„Wer einmal selbst eine Falschmeldung zerlegt hat, teilt die nächste nicht so schnell“, sagte der Projektkoordinator der OSZE in der Ukraine, der das Forum ausrichtet.'],
    [[undefined, 'Projektkoordinator in der Ukraine', 'field-operation/project-co-ordinator-in-ukraine']]],
  ['A21: a quotation standing as a sentence alone, right after a person\'s reported speech, continues that person\'s words (de, en)', '2021-03-10',
    ['Elena Rusu, stellvertretende Vorsitzende der Zentralen Wahlkommission, sagte, ihre Kommission wolle einen Entwurf vorlegen. „Wir wollen nicht ein fremdes Modell kopieren, sondern verstehen.“',
      'Ion Ceban, a trainer from Soroca, said the course had changed his village. “We do not want to copy a model, but to understand the mistakes.”',
      'The Mission helped. "Nothing was the same again after the training days."'],
    [['Elena Rusu', 'stellvertretende Vorsitzende der Zentralen Wahlkommission', undefined], ['Ion Ceban', 'trainer from Soroca', undefined]]],
  ['a short title after the head of an Office named by that office in full carries the full office (en)', '2024-09-10',
    ['The Co-ordinator of OSCE Economic and Environmental Activities, speaking in Vienna last week, said the dialogue would build on earlier work. “Water diplomacy is slow, technical and unglamorous,” the Co-ordinator said.'],
    [[undefined, 'Co-ordinator of Economic and Environmental Activities', 'structure/office-of-the-co-ordinator-of-osce-economic-and-environmental-activities']]],
];

for (const [what, day, paragraphs, expected, sources] of CASES) {
  test(`attribution, fourth round: ${what}`, () => {
    const quotes = findQuotes(paragraphs, referenceIndex(BASE), day, '', sources ?? []);
    assert.deepEqual(quotes.map((q) => [q.speaker.name, q.speaker.role, id(q.speaker.affiliation)]), expected);
  });
}
