/**
 * Table-driven layout parsing: one small page per layout family and language (labelled, listing, older, no
 * dateline, republished; labels in several languages), and what the parser reads from each: the title (never a
 * section word or content type), the content type or section genre, the dates and the labelled fields.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePage } from '../../src/ingest/page.js';
import { referenceIndex } from '../../src/ingest/index.js';
import { valueKind } from '../../src/ingest/service.js';

const index = referenceIndex('http://localhost:8080/');
const hints = {
  isContentType: (line: string) => index.find(line, 'content-type') !== undefined || /^feature story$/i.test(line),
  isPlace: (name: string) => index.find(name, 'place', 'country') !== undefined,
  valueKind: (value: string) => valueKind(value, index),
};

interface Want {
  title: string;
  contentType?: string;
  sectionGenre?: string;
  dateField?: string;
  otherDates?: string[];
  places?: string[];
  sources?: string[];
  fields?: string[];
  dateline?: [places: string[], day: number | undefined, month: number | undefined, year: number | undefined];
  paragraphs?: number;
}

const MENU = 'Skip to main content\nSearch\nMenu\nWho we are\nWhat we do\nWhere we are\nNewsroom\nResources\nHome\nNewsroom\n';

const CASES: [name: string, page: string, want: Want][] = [
  ['labelled, list style', 'Press release\nExperts meet in Vienna\n- Date:\n- Place:\n- VIENNA\n- Source:\n- OSCE Secretariat\n- Fields of work:\n- Education, Youth\nVIENNA, 14 May 2013 - Experts met today.\n',
    { title: 'Experts meet in Vienna', contentType: 'Press release', places: ['VIENNA'], sources: ['OSCE Secretariat'], fields: ['Education, Youth'], dateline: [['VIENNA'], 14, 5, 2013], paragraphs: 1 }],
  ['labelled, French labels with a space before the colon', 'Communiqué de presse\nLe BIDDH publie un guide\n- Date :\n- Lieu :\n- VARSOVIE\n- Source :\n- BIDDH\nVARSOVIE, 1er juin 2015 – Le Bureau a publié un guide.\n',
    { title: 'Le BIDDH publie un guide', contentType: 'Communiqué de presse', places: ['VARSOVIE'], sources: ['BIDDH'], dateline: [['VARSOVIE'], 1, 6, 2015] }],
  ['labelled, Russian labels glued to their values', 'Пресс-релиз\nКоординатор проектов поддержал обучение\nДата:\nМесто:ТАШКЕНТ\nИсточник:Координатор проектов ОБСЕ в Узбекистане\nТАШКЕНТ, 15 мая 2018 г. — Тридцать адвокатов завершили курс.\n',
    { title: 'Координатор проектов поддержал обучение', places: ['ТАШКЕНТ'], sources: ['Координатор проектов ОБСЕ в Узбекистане'], dateline: [['ТАШКЕНТ'], 15, 5, 2018] }],
  ['Serbian listing entry: "Gde radimo" is the source, "Šta radimo" the fields, "Lokacija" the place (decision 0030)', `Vesti\nLokalni novinari uče da izveštavaju o izborima\nDatum objavljivanja:\n14. jun 2021.\nVrsta sadržaja:\nSaopštenje za medije\nGde radimo:\nMisija OEBS u Srbiji\nŠta radimo:\nIzbori, Sloboda i razvoj medija\nLokacija:\nKragujevac, Srbija\nKRAGUJEVAC, 14. jun 2021. – Dvodnevna obuka o izveštavanju počinje sutra u Kragujevcu.\n`,
    { title: 'Lokalni novinari uče da izveštavaju o izborima', dateField: '14. jun 2021.', sources: ['Misija OEBS u Srbiji'], fields: ['Izbori, Sloboda i razvoj medija'], places: ['Kragujevac, Srbija'] }],
  ['a French content type "Nouvelle" above the title', 'Salle de presse\nNouvelle\nDes médiatrices scolaires ramènent les enfants en classe\nDate :\n20 juin 2012\nChaque matin à sept heures, une médiatrice frappe aux portes des familles du quartier.\n',
    { title: 'Des médiatrices scolaires ramènent les enfants en classe', contentType: 'Nouvelle', dateField: '20 juin 2012' }],
  ['a publication line with a byline is no title', 'International › OSCE PA › Press releases\nBlack Sea parliamentarians open a conference in Batumi\nPosted 14.11.2013 by the editors\nBATUMI, Georgia, 14 November 2013 – Parliamentarians gathered today in Batumi for the conference.\n',
    { title: 'Black Sea parliamentarians open a conference in Batumi' }],
  ['listing entry, values on the lines after their labels', `${MENU}Young people draft recommendations\nPublishing date:\n3 April 2019\nContent type:\nNews item\nWhere we are:\nMission to Bosnia and Herzegovina\nWhat we do:\nYouth\nEducation\nSARAJEVO, 3 April 2019 – Forty students presented recommendations today.\nRead more\n`,
    { title: 'Young people draft recommendations', contentType: 'News item', dateField: '3 April 2019', sources: ['Mission to Bosnia and Herzegovina'], fields: ['Youth', 'Education'], paragraphs: 1 }],
  ['older single page: section word, title, dateline line', 'Home | About the OSCE | Newsroom | Documents\nNewsroom\nChairman-in-Office supports round table\nSKOPJE 4 May 2001\nThe Chairman-in-Office today expressed support.\nFor further information please contact:\nA Spokesperson\n',
    { title: 'Chairman-in-Office supports round table', sectionGenre: 'press-release', dateline: [['SKOPJE'], 4, 5, 2001], paragraphs: 1 }],
  ['older page in Russian under "Пресс-релизы"', 'ОБСЕ\nГлавная | Об ОБСЕ | Пресс-центр\nПресс-релизы\nЦентр ОБСЕ открыл приемную\nБИШКЕК 15 апреля 2003\nЦентр ОБСЕ сегодня открыл в Оше общественную приемную.\n',
    { title: 'Центр ОБСЕ открыл приемную', sectionGenre: 'press-release', dateline: [['БИШКЕК'], 15, 4, 2003] }],
  ['a breadcrumb says the section, a menu above it only lists them', 'Assemblée parlementaire\nCommuniqués de presse\nDiscours\nActualités\nAccueil › Communiqués de presse › Vienne\nLes parlementaires débattent de la traite\n23.02.2017\nVIENNE, 23 février 2017 – La session d\'hiver s\'est ouverte aujourd\'hui.\n',
    { title: 'Les parlementaires débattent de la traite', sectionGenre: 'press-release' }],
  ['a content type\'s name in the menu above a breadcrumb path is the menu\'s', 'AP OSCE\nAccueil\nActualités\nCommuniqués de presse\nAccueil › Actualités › Communiqués de presse › 2019\nLa représentante spéciale appelle à partager les responsabilités\nMon, 07/15/2019\nROME, 15 juillet 2019 – La représentante spéciale a achevé aujourd\'hui une visite.\n',
    { title: 'La représentante spéciale appelle à partager les responsabilités', contentType: undefined, sectionGenre: 'press-release' }],
  ['older page under "News"', 'News\nODIHR hosts seminar on ombudsman institutions\nWARSAW 16 October 1995\nRepresentatives of ombudsman institutions met in Warsaw today.\n',
    { title: 'ODIHR hosts seminar on ombudsman institutions', contentType: 'News', dateline: [['WARSAW'], 16, 10, 1995] }],
  ['feature story without a dateline, date in a Date field', `${MENU}Feature story\nRangers, herders and a river\nDate:\n14 June 2018\nAlong the river, herders and rangers used to meet mostly in disputes over land.\n`,
    { title: 'Rangers, herders and a river', contentType: 'Feature story', dateField: '14 June 2018', paragraphs: 1 }],
  ['news item whose only date is in a photo caption', 'News item\nLocal radio journalists learn about budgets\nParticipants of the training course in Ohrid, 12 May 2017.\nTwelve journalists from local radio stations spent three days in Ohrid learning.\n',
    { title: 'Local radio journalists learn about budgets', otherDates: ['12 May 2017'], paragraphs: 2 }],
  ['republished copy: weekday date line and a caption glued to the dateline', 'OSCE Parliamentary Assembly\nHome\nPress Releases\nParliamentarians discuss youth unemployment\nThu, 06/02/2016\nMembers of the Committee at the opening session, 2 June 2016VIENNA, 2 June 2016 – The seminar opened in the Hofburg today.\nTags: economy\n',
    { title: 'Parliamentarians discuss youth unemployment', sectionGenre: 'press-release', otherDates: ['Thu, 06/02/2016'], dateline: [['VIENNA'], 2, 6, 2016], paragraphs: 2 }],
  ['aggregator: meta line with content type, date and source above the title', 'EuroWire — news from international organizations\n- World\nThis site uses cookies. Learn more Accept\nPress release · Mon, 11/07/2011 · Source: OSCE\nOSCE representative welcomes draft law\nVIENNA – The OSCE Representative on Freedom of the Media today welcomed a draft law.\n',
    { title: 'OSCE representative welcomes draft law', contentType: 'Press release', otherDates: ['Mon, 11/07/2011'], sources: ['OSCE'], dateline: [['VIENNA'], undefined, undefined, undefined] }],
  ['republished copy with its source after the text', 'Communiqués\nKarel De Gucht : « L\'OSCE sort renforcée »\nPublié le 06/12/2006\nBRUXELLES, 5 décembre 2006 – À l\'issue du Conseil ministériel, le président a parlé.\nSource : Présidence belge de l\'OSCE\nPartager : Facebook\n',
    { title: 'Karel De Gucht : « L\'OSCE sort renforcée »', sectionGenre: 'press-release', sources: ['Présidence belge de l\'OSCE'], dateline: [['BRUXELLES'], 5, 12, 2006], paragraphs: 1 }],
  ['HTML with Drupal field labels without colons', '<html><body><nav><ul><li>Home</li></ul></nav><article><div>News item</div><h1>Mission supports dialogue</h1><div class="field field--label-above"><div class="field__label">Source</div><div class="field__item">OSCE Mission to Moldova</div></div><p>CHISINAU, 18 June 2019 – Representatives met today to discuss practical steps.</p></article><footer>© OSCE</footer></body></html>',
    { title: 'Mission supports dialogue', contentType: 'News item', sources: ['OSCE Mission to Moldova'], dateline: [['CHISINAU'], 18, 6, 2019], paragraphs: 1 }],
  ['several fields side by side on one line', '<html><body><article><p>Communiqué de presse</p><h1>Le Représentant salue une loi</h1><p><strong>Date :</strong> 5 mars 2018 <strong>Lieu :</strong> VIENNE <strong>Source :</strong> Représentant pour la liberté des médias <strong>Domaines d’action :</strong> Liberté et développement des médias</p><p>VIENNE, 5 mars 2018 – Le Représentant a salué une loi.</p></article></body></html>',
    { title: 'Le Représentant salue une loi', dateField: '5 mars 2018', places: ['VIENNE'], sources: ['Représentant pour la liberté des médias'], fields: ['Liberté et développement des médias'] }],
  ['HTML table with labels in cells without colons', '<html><body><div>Press release</div><h1>Mission supports dialogue</h1><table><tr><td>Source</td><td>OSCE Mission to Moldova</td></tr><tr><td>Fields of work</td><td>Human rights</td></tr></table><p>CHISINAU, 18 June 2019 – Representatives met today to discuss practical steps.</p></body></html>',
    { title: 'Mission supports dialogue', sources: ['OSCE Mission to Moldova'], fields: ['Human rights'], paragraphs: 1 }],
  ['HTML page footer: never text, though its labels are read', '<html><body><article><div>Press release</div><h1>Mission supports dialogue</h1><p>CHISINAU, 18 June 2019 – Representatives met today to discuss practical steps.</p></article><footer><p>Source: OSCE Mission to Moldova</p><p>Organization for Security and Co-operation in Europe, Wallnerstrasse 6, 1010 Vienna, Austria</p></footer></body></html>',
    { title: 'Mission supports dialogue', sources: ['OSCE Mission to Moldova'], paragraphs: 1 }],
  ['a photo caption with a credit between the title and the text', `${MENU}News item\nStudents debate media literacy\nParticipants of the debate in Durrës, 4 March 2021 (OSCE/Arben Hoxha)\nForty students from six towns debated how to recognize false news.\n`,
    { title: 'Students debate media literacy', otherDates: ['4 March 2021'], paragraphs: 1 }],
  ['German listing labels of the current site', `${MENU}OSZE unterstützt Schulen\nVeröffentlichungsdatum:\n3. April 2019\nInhaltstyp:\nPressemitteilung\nWo wir tätig sind:\nMission in Serbien\nUnsere Arbeit:\nBildung\nBELGRAD, 3. April 2019 – Vierzig Schulen erhielten heute neue Lehrmittel.\n`,
    { title: 'OSZE unterstützt Schulen', sources: ['Mission in Serbien'], fields: ['Bildung'], paragraphs: 1 }],
  ['a second label of a kind adds nothing', 'Press release\nExperts meet in Vienna\nPlace: VIENNA\nLocation: Hofburg Congress Centre\nVIENNA, 14 May 2013 - Experts met today.\n',
    { title: 'Experts meet in Vienna', places: ['VIENNA'], paragraphs: 1 }],
  ['a photo caption under inline fields is no field\'s value', `${MENU}News item\nStudents open an exhibition\nSource: OSCE Mission to Bosnia and Herzegovina\nFields of work: Education, Tolerance and non-discrimination\nStudents at the opening of the exhibition in Mostar, 21 October 2022. (OSCE/Amra Begić)\nFor the first time, students of the two schools have prepared an exhibition together.\n`,
    { title: 'Students open an exhibition', fields: ['Education, Tolerance and non-discrimination'], otherDates: ['21 October 2022'], paragraphs: 2 }],
  ['Albanian listing labels: location and content type', `${MENU}Zyrtarë vendorë në shkollën verore\nData e publikimit:\n2 qershor 2017\nLloji i përmbajtjes:\nNjoftim për shtyp\nKu jemi:\nPrezenca në Shqipëri\nVendndodhja:\nKorçë\nTIRANË, 2 qershor 2017 – Shkolla Verore do të zhvillohet në Korçë.\n`,
    { title: 'Zyrtarë vendorë në shkollën verore', contentType: 'Njoftim për shtyp', places: ['Korçë'], sources: ['Prezenca në Shqipëri'], paragraphs: 1 }],
  // kind M15: host-language listing labels; a line ending in a colon is never the title
  ['Macedonian listing labels: "Датум на објавување", "Каде сме", "Што правиме"', `${MENU}Младите учат за медиумска писменост\nДатум на објавување:\n12 март 2021\nТип на содржина:\nВест\nКаде сме:\nМисија на ОБСЕ во Скопје\nШто правиме:\nМлади\nОбразование\nДваесет средношколци денеска завршија тридневна обука за медиумска писменост во Куманово.\n`,
    { title: 'Младите учат за медиумска писменост', dateField: '12 март 2021', sources: ['Мисија на ОБСЕ во Скопје'], fields: ['Млади', 'Образование'], paragraphs: 1 }],
  ['Ukrainian and Russian listing labels "Що ми робимо", "Что мы делаем"', `${MENU}Судді вивчають стандарти\nДата публікації:\n3 травня 2019\nДе ми є:\nКоординатор проектів ОБСЄ в Україні\nЩо ми робимо:\nВерховенство права\nТридцять суддів сьогодні завершили навчальний курс з питань свободи зібрань у Києві.\n`,
    { title: 'Судді вивчають стандарти', sources: ['Координатор проектів ОБСЄ в Україні'], fields: ['Верховенство права'], paragraphs: 1 }],
  ['labels the sets lack, read by the value under them (a date, a Source, a field); an unknown one skipped', `Početna\nMladi uče o medijskoj pismenosti\nObjavljeno dana:\n12. mart 2021.\nJezik:\nBosanski\nGdje smo prisutni:\nMisija OSCE-a u Bosni i Hercegovini\nČime se bavimo:\nObrazovanje\nMOSTAR, 12. mart 2021. – Dvadeset srednjoškolaca danas je završilo trodnevnu obuku o medijskoj pismenosti.\n`,
    { title: 'Mladi uče o medijskoj pismenosti', dateField: '12. mart 2021.', sources: ['Misija OSCE-a u Bosni i Hercegovini'], fields: ['Obrazovanje'], dateline: [['MOSTAR'], 12, 3, 2021], paragraphs: 1 }],
  ['a line ending in a colon above a date is the date\'s label, never the title', `${MENU}Une formation pour les juges\nMis en ligne le :\n4 mai 2018\nLes juges de trois régions ont suivi aujourd'hui une formation sur la liberté de réunion à Bichkek.\n`,
    { title: 'Une formation pour les juges', dateField: '4 mai 2018', paragraphs: 1 }],
  ['in the text, a line ending in a colon above a city is the article\'s', `${MENU}Press release\nTraining for judges\nDate: 4 May 2018\nVIENNA, 4 May 2018 – Judges from three regions attended a course on the freedom of assembly.\nVenue of the next course:\nSkopje\nThe course will be repeated next year in another city of the region.\n`,
    { title: 'Training for judges', places: [], paragraphs: 4 }],
  ['an HTML list item\'s label and its value (two lines of one source line)', '<html><body><p class="type">Новость</p><h1>Спасатели учатся прогнозировать сели</h1>\n<ul class="fields">\n<li><span class="label">Дата:</span> 22 мая 2023</li>\n<li><span class="label">Источник:</span> Программный офис ОБСЕ в Бишкеке</li>\n<li><span class="label">Направления деятельности:</span> Экологическая деятельность</li>\n</ul>\n<p>Программный офис ОБСЕ в Бишкеке проведет школу по снижению риска бедствий с 12 по 16 июня.</p></body></html>',
    { title: 'Спасатели учатся прогнозировать сели', dateField: '22 мая 2023', sources: ['Программный офис ОБСЕ в Бишкеке'], fields: ['Экологическая деятельность'], paragraphs: 1 }],
  ['a republished copy\'s "Originally published by …" is its Source, and the aggregator\'s section is not its genre', 'DIGEST\nNews › Assemblies\nYoung parliamentarians press for climate planning\nTue, 06/24/2025 - 09:12\nCOPENHAGEN, 24 June 2025 – Parliamentarians under 40 today called on governments to include floods in their strategies.\nOriginally published by the OSCE Parliamentary Assembly press office.\nRelated\n',
    { title: 'Young parliamentarians press for climate planning', sectionGenre: undefined, sources: ['the OSCE Parliamentary Assembly press office'], paragraphs: 1 }],
  ['… in French and Russian', 'Actualités\nLes jeunes parlementaires et le climat\nPublié le 24/06/2025\nCOPENHAGUE, 24 juin 2025 – Des parlementaires de moins de 40 ans ont appelé aujourd\'hui les gouvernements à agir.\nPublié initialement par le service de presse de l\'Assemblée parlementaire de l\'OSCE.\n',
    { title: 'Les jeunes parlementaires et le climat', sectionGenre: undefined, sources: ['le service de presse de l\'Assemblée parlementaire de l\'OSCE'], paragraphs: 1 }],
  // kind M20 (decision 0039): a site section that is no kind of release, above a listing entry's title
  ['a French listing under "Publications"', 'Publications\nUn guide pour les juges électoraux\nDate de publication :\n12 mars 2016\nType de contenu :\nCommuniqué de presse\nVARSOVIE, 12 mars 2016 – Le Bureau a publié aujourd\'hui un guide.\n',
    { title: 'Un guide pour les juges électoraux', contentType: 'Communiqué de presse', dateField: '12 mars 2016' }],
  ['… "Публикации" likewise', 'Публикации\nБюро выпустило руководство для судей\n12 марта 2016\nВАРШАВА, 12 марта 2016 г. – Бюро сегодня выпустило руководство.\n',
    { title: 'Бюро выпустило руководство для судей' }],
  ['a German section "Neuigkeiten" names a news item', 'Neuigkeiten\nJugendliche prüfen Nachrichten auf Falschmeldungen\n12. März 2016\nLWIW, 12. März 2016 – Dreißig Jugendliche haben heute gelernt, Fotos zu prüfen.\n',
    { title: 'Jugendliche prüfen Nachrichten auf Falschmeldungen', sectionGenre: 'news-item' }],
  // the German sites' content type for a news item, singular ("Neuigkeit", "Meldung"), above the title
  ['a German content type "Neuigkeit" above the title', 'Newsroom\nNeuigkeit\nBeamtinnen schließen gemeinsamen Lehrgang ab\nDatum:\n21. Juni 2021\nZwölf Beamtinnen haben am Freitag einen Lehrgang abgeschlossen.\n',
    { title: 'Beamtinnen schließen gemeinsamen Lehrgang ab', contentType: 'Neuigkeit', dateField: '21. Juni 2021' }],
  ['a German content type "Meldung" above the title', 'Meldung\nBeamtinnen schließen gemeinsamen Lehrgang ab\nDatum:\n21. Juni 2021\nZwölf Beamtinnen haben am Freitag einen Lehrgang abgeschlossen.\n',
    { title: 'Beamtinnen schließen gemeinsamen Lehrgang ab', contentType: 'Meldung', dateField: '21. Juni 2021' }],
];

for (const [name, page, want] of CASES) {
  test(`layout: ${name}`, () => {
    const raw = parsePage(page, hints);
    assert.equal(raw.title, want.title);
    if ('contentType' in want) assert.equal(raw.contentType, want.contentType);
    if ('sectionGenre' in want) assert.equal(raw.sectionGenre, want.sectionGenre);
    if (want.dateField !== undefined) assert.equal(raw.dateField, want.dateField);
    if (want.otherDates) assert.deepEqual(raw.otherDates.map((d) => d.text), want.otherDates);
    if (want.places) assert.deepEqual(raw.places, want.places);
    if (want.sources) assert.deepEqual(raw.sources, want.sources);
    if (want.fields) assert.deepEqual(raw.fields, want.fields);
    if (want.dateline) {
      const d = raw.dateline;
      assert.deepEqual(d && [d.places, d.day, d.month, d.year], want.dateline);
    }
    if (want.paragraphs !== undefined) assert.equal(raw.paragraphs.length, want.paragraphs, raw.paragraphs.join(' | '));
  });
}

test('lines are numbered as in the source: the text export line, and the HTML line a block starts on', () => {
  const text = parsePage('\n\nPress release\nA title here\n\n- Date:\n- 3 May 2010\nVIENNA - Text of the release.\n', hints);
  assert.equal(text.titleLine, 4);
  assert.equal(text.dateFieldLine, 7);
  assert.deepEqual(text.paragraphLines, [8]);
  const html = parsePage('<html>\n<body>\n<div>Press release</div>\n<h1>A title here</h1>\n<p>Date: 3 May 2010</p>\n<p>VIENNA - Text\nof the release.</p>\n</body></html>', hints);
  assert.equal(html.titleLine, 4);
  assert.equal(html.dateFieldLine, 5);
  assert.deepEqual(html.paragraphLines, [6]);
});

test('lines that end the article: Cyrillic sharing and related content ("Поделиться:", "Похожие материалы"), related headings in de/it', async () => {
  const { endsArticle } = await import('../../src/ingest/labels.js');
  assert.equal(endsArticle('Поделиться: E-mail Печать'), true);
  assert.equal(endsArticle('Похожие материалы'), true);
  assert.equal(endsArticle('Поділитися'), true);
  assert.equal(endsArticle('Поделиться опытом пришли сорок учителей.'), false, 'a sentence opening with the verb and going on');
  assert.equal(endsArticle('Mehr zum Thema'), true);
  assert.equal(endsArticle('Articoli correlati'), true);
  assert.equal(endsArticle('Mehr zum Thema Wahlen erfuhren die Teilnehmer am zweiten Tag.'), false);
});
