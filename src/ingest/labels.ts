/**
 * The words of the OSCE sites' page layouts, per language: the labels of the labelled fields and of listing entries,
 * section words (menus, breadcrumbs and the older pages' heading above the title), the lines that end an article
 * and the site's own boilerplate. Page structure is recognised with these sets, never with one page's wording.
 * Content types themselves are reference data (data/concepts.ttl), found through the reference index.
 *
 * Languages: the six OSCE languages and the host-country languages osce.org publishes in (sq, sr, mk, uk, bs, ro).
 */

/** What a label introduces. `type` is a listing entry's "Content type:"; `date` includes "Publishing date:". */
export type LabelKind = 'date' | 'place' | 'source' | 'fields' | 'type';

type LabelSet = Partial<Record<LabelKind, readonly string[]>>;

/** Labels of the labelled-page and listing layouts, per language (as the sites write them, without the colon). */
const LABELS: Record<string, LabelSet> = {
  en: {
    date: ['Date', 'Publishing date', 'Publication date', 'Published', 'Date published'],
    place: ['Place', 'Places', 'Location'],
    source: ['Source', 'Sources', 'Where we are'],
    fields: ['Fields of work', 'Field of work', 'What we do', 'Topic', 'Topics', 'Theme', 'Themes', 'Areas of work'],
    type: ['Content type', 'Type'],
  },
  fr: {
    date: ['Date', 'Date de publication', 'Publié le'],
    place: ['Lieu', 'Lieux'],
    source: ['Source', 'Sources', 'Où nous travaillons', 'Où nous sommes'],
    fields: ["Domaines d'action", "Domaine d'action", 'Ce que nous faisons', 'Thèmes', 'Thème', 'Sujets', "Domaines d'activité"],
    type: ['Type de contenu'],
  },
  de: {
    date: ['Datum', 'Veröffentlichungsdatum', 'Veröffentlicht'],
    place: ['Ort', 'Orte'],
    source: ['Quelle', 'Quellen', 'Wo wir sind', 'Wo wir tätig sind', 'Wo wir arbeiten'],
    fields: ['Themen', 'Thema', 'Arbeitsbereiche', 'Was wir tun', 'Unsere Arbeit', 'Tätigkeitsbereiche', 'Themenbereiche'],
    type: ['Inhaltstyp'],
  },
  it: {
    date: ['Data', 'Data di pubblicazione'],
    place: ['Luogo', 'Luoghi'],
    source: ['Fonte', 'Fonti', 'Dove operiamo', 'Dove siamo'],
    fields: ['Settori di attività', 'Cosa facciamo', 'Temi'],
    type: ['Tipo di contenuto'],
  },
  es: {
    date: ['Fecha', 'Fecha de publicación'],
    place: ['Lugar', 'Lugares'],
    source: ['Fuente', 'Fuentes', 'Dónde trabajamos', 'Dónde estamos'],
    fields: ['Ámbitos de actuación', 'Ámbito de actuación', 'Qué hacemos', 'Temas'],
    type: ['Tipo de contenido'],
  },
  ru: {
    date: ['Дата', 'Дата публикации'],
    place: ['Место', 'Места', 'Местоположение'],
    source: ['Источник', 'Источники', 'Где мы работаем', 'Где мы находимся'],
    fields: ['Направления деятельности', 'Направление деятельности', 'Чем мы занимаемся', 'Что мы делаем', 'Темы', 'Тематика', 'Области работы'],
    type: ['Тип материала', 'Тип контента'],
  },
  uk: {
    date: ['Дата', 'Дата публікації', 'Опубліковано'],
    place: ['Місце', 'Розташування'],
    source: ['Джерело', 'Де ми працюємо', 'Де ми є', 'Де ми знаходимося'],
    fields: ['Напрями діяльності', 'Напрямки діяльності', 'Чим ми займаємося', 'Що ми робимо', 'Теми', 'Сфери діяльності'],
    type: ['Тип матеріалу', 'Тип контенту', 'Тип публікації'],
  },
  sq: {
    date: ['Data', 'Data e publikimit', 'Publikuar më', 'Publikuar'],
    place: ['Vendi', 'Vendndodhja'],
    source: ['Burimi', 'Ku jemi', 'Ku punojmë', 'Ku gjendemi'],
    fields: ['Fushat e punës', 'Fusha e punës', 'Fushat e veprimtarisë', 'Fusha e veprimtarisë', 'Çfarë bëjmë', 'Çka bëjmë', 'Temat', 'Tema'],
    type: ['Lloji i përmbajtjes', 'Tipi i përmbajtjes', 'Lloji i publikimit'],
  },
  sr: {
    date: ['Datum', 'Датум', 'Datum objavljivanja', 'Датум објављивања', 'Datum objave', 'Датум објаве', 'Objavljeno', 'Објављено'],
    // a listing entry's "Where we are" / "What we do" / "Location" in Serbian (both scripts)
    place: ['Mesto', 'Место', 'Lokacija', 'Локација'],
    source: ['Izvor', 'Извор', 'Gde radimo', 'Где радимо', 'Gdje radimo', 'Gde smo', 'Где смо', 'Gdje smo'],
    fields: ['Oblasti rada', 'Области рада', 'Oblast rada', 'Област рада', 'Teme', 'Теме', 'Šta radimo', 'Шта радимо', 'Što radimo'],
    type: ['Vrsta sadržaja', 'Врста садржаја', 'Tip sadržaja', 'Тип садржаја'],
  },
  // Bosnian, Croatian and Montenegrin (ijekavian) sites: the Serbian labels in their own spelling
  bs: {
    date: ['Datum', 'Datum objave', 'Datum objavljivanja', 'Objavljeno'], place: ['Mjesto', 'Lokacija'],
    source: ['Izvor', 'Gdje radimo', 'Gdje smo'], fields: ['Oblasti rada', 'Oblast rada', 'Teme', 'Što radimo', 'Šta radimo'],
    type: ['Vrsta sadržaja', 'Tip sadržaja', 'Vrsta objave'],
  },
  // a listing entry's "Publishing date" / "Content type" / "Where we are" / "What we do" in Macedonian (kind M15)
  mk: {
    date: ['Датум', 'Датум на објавување', 'Датум на објава', 'Објавено'],
    place: ['Место', 'Локација'],
    source: ['Извор', 'Каде сме', 'Каде работиме'],
    fields: ['Области на работа', 'Теми', 'Што правиме', 'Што работиме'],
    type: ['Тип на содржина', 'Вид на содржина'],
  },
  ro: {
    date: ['Data', 'Data publicării'], place: ['Locul', 'Locație'], source: ['Sursa', 'Unde suntem', 'Unde lucrăm'],
    fields: ['Domenii de activitate', 'Ce facem'], type: ['Tipul conținutului', 'Tip de conținut'],
  },
  // Georgian host-language listings ("Publishing date", "Content type", "Where we are", "What we do")
  ka: { date: ['თარიღი', 'გამოქვეყნების თარიღი'], source: ['სად ვართ', 'წყარო'], fields: ['რას ვაკეთებთ'], type: ['შინაარსის ტიპი', 'კონტენტის ტიპი'] },
};

/**
 * Section words: menu and breadcrumb entries and the heading older pages put above the title. Never a title; where
 * they name a kind of page they are the genre's cue on pages without a content type (the key of the content type in
 * the reference data), else null.
 */
const SECTIONS: Record<string, Record<string, string | null>> = {
  en: {
    Newsroom: 'press-release', 'Press releases': 'press-release', 'Press release archive': 'press-release', Press: 'press-release',
    'Press centre': 'press-release', News: 'news-item', 'Latest news': 'news-item', 'News & Media': null, 'News and media': null,
    Resources: null, Home: null, 'Our work': null, 'About us': null, Documents: null, Speeches: null, Statements: 'press-statement',
    'Media advisories': 'media-advisory', 'Feature stories': 'feature-story', Stories: 'feature-story',
    // site sections that are no kind of release (kind M20: a listing's section word above the title)
    Publications: null, Events: null, Multimedia: null, Blog: null, Interviews: null, 'Op-eds': null, Opinion: null,
  },
  fr: {
    'Salle de presse': 'press-release', 'Communiqués de presse': 'press-release', Communiqués: 'press-release',
    'Communiqué de presse': 'press-release', Presse: 'press-release', 'Espace presse': 'press-release',
    Actualités: 'news-item', Actualité: 'news-item', Nouvelles: 'news-item', 'Actualités et médias': null, Médias: null,
    Accueil: null, Ressources: null, Publications: null, Événements: null, Documents: null, Discours: null, Médiathèque: null,
    Reportages: 'feature-story', Entretiens: null,
  },
  de: {
    Presse: 'press-release', Pressemitteilungen: 'press-release', Nachrichten: 'news-item', Aktuelles: 'news-item', Neuigkeiten: 'news-item', Startseite: null,
    Publikationen: null, Veröffentlichungen: null, Veranstaltungen: null, Ressourcen: null, Dokumente: null,
    Reportagen: 'feature-story', Reden: null, Interviews: null,
  },
  it: { 'Comunicati stampa': 'press-release', Notizie: 'news-item', 'Sala stampa': 'press-release', Pubblicazioni: null, Eventi: null, Storie: 'feature-story', Discorsi: null },
  es: { 'Comunicados de prensa': 'press-release', Noticias: 'news-item', 'Sala de prensa': 'press-release', Publicaciones: null, Eventos: null, Inicio: null, Recursos: null, Historias: 'feature-story', Reportajes: 'feature-story', Discursos: null },
  ru: {
    'Пресс-центр': 'press-release', 'Пресс-релизы': 'press-release', 'Пресс-релиз': 'press-release', 'Пресс-служба': 'press-release', Новости: 'news-item', 'Новости и СМИ': null, Главная: null, Ресурсы: null,
    Публикации: null, Мероприятия: null, Документы: null, Истории: 'feature-story', Выступления: null, Интервью: null,
  },
  uk: { 'Прес-центр': 'press-release', 'Прес-релізи': 'press-release', Новини: 'news-item', Головна: null, Публікації: null, Заходи: null, Документи: null, Історії: 'feature-story', Виступи: null },
  sq: { 'Njoftime për shtyp': 'press-release', Lajme: 'news-item', Publikime: null, Ballina: null },
  sr: { 'Saopštenja za medije': 'press-release', Vesti: 'news-item', Вести: 'news-item', Почетна: null, Početna: null, Publikacije: null, Публикације: null },
  mk: { 'Соопштенија за медиумите': 'press-release', Вести: 'news-item', Публикации: null, Почетна: null },
};

/**
 * The name of a photo gallery in the page languages ("Photo gallery", "Galerie photos", "Bildergalerie",
 * "Фотогалерея", "Фотогалерија", "Galeria fotografike"), as a page's content type, section or the head of its title.
 */
const GALLERY = /(?<![\p{L}])(?:photo\s*gallery|photo\s*galleries|gallery|photos?\s+(?:from|of)\s+the|galerie\s+(?:de\s+)?photos?|galerie\s+photographique|photothèque|(?:foto|bilder)galerie|fotostrecke|galleria\s+fotografica|fotogaller\p{L}*|galer[íi]a\s+(?:de\s+)?(?:fotos|fotográfica|imágenes)|фото\s*галере\p{L}*|фото\s*галериј\p{L}*|фоторепортаж|foto\s*galerij\p{L}*|fotogalerij\p{L}*|galeri(?:a|ë)?\s+(?:e\s+)?fotografi\p{L}*|galeria\s+e\s+fotove)(?![\p{L}])/iu;

/**
 * A copy's notice naming the content type of the release it reproduces ("The following OSCE press release is
 * reproduced in full.", "Republished from the OSCE newsroom. Media advisory.", "Le communiqué de presse suivant de
 * l'OSCE est reproduit …", "Die folgende Pressemitteilung der OSZE …"): the type as written.
 */
const REPRODUCED = [
  /^the\s+following\s+(?:OSCE\s+|ODIHR\s+)?(.{4,40}?)\s+(?:of\s+the\s+.{2,60}?\s+)?(?:is|was|has\s+been)\s+(?:reproduced|republished|reposted|published)\b/iu,
  /^(?:republished|reproduced|reposted)\s+(?:in\s+full\s+)?from\s+[^.]{2,80}\.\s*(.{4,40}?)\.?$/iu,
  /^(?:le|la)\s+(.{4,40}?)\s+suivante?\s+(?:de\s+l['’]OSCE\s+)?est\s+reprodui/iu,
  /^(?:die|der|das)\s+folgende\s+(.{4,40}?)\s+(?:der\s+OSZE\s+)?(?:wird|wurde)\b/iu,
  /^(?:ниже\s+(?:публикуется|приводится)|далее\s+публикуется)\s+(.{4,40}?)\s+ОБСЕ\b/iu,
];

/** The content type a copy's notice names, if the line is such a notice (checked by `isContentType`). */
export function reproducedType(line: string, isContentType: (type: string) => boolean): string | undefined {
  for (const re of REPRODUCED) {
    const type = re.exec(line.trim())?.[1]?.trim();
    if (type && isContentType(type)) return type;
  }
  return undefined;
}

/** Whether a line names a photo gallery (its content type, section or the head of its title). */
export function namesGallery(line: string): boolean {
  return GALLERY.test(line);
}

/** A video or audio page's content type or section in the page languages: a whole line. */
const MEDIA = /^(?:videos?|vidéos?|видео|відео|видеозаписи|відеозаписи|audio|podcasts?|подкаст\p{L}*|infographic|инфографика|інфографіка|multimedia|мультимедиа|мультимедіа|мултимедија|multimedija|multimedia)$/iu;

/** Whether a line is the content type or section of a video, audio or multimedia page. */
export function namesMedia(line: string): boolean {
  return MEDIA.test(line.trim());
}

/**
 * Feature stories by the content type the sites write in each language ("Feature story", "Reportage", "Reportaje",
 * "Репортаж", "Reportaža", "Репортажа", "Reportazh", "Storia"): the reference data has no concept for them, so the
 * genre is the English "Feature story" whatever the page's language.
 */
// (singular forms only: the plurals are section words; "История", "Storia" also name a site's history page)
const FEATURE = /^(?:feature(?:\s+story)?|reportage|récit|reportaje|reportaža|репортаж|репортажа|reportazh|priča|прича|приказна|tregim)$/iu;

/** Whether a content type is a feature story's, in any of the page languages. */
export function isFeatureStory(type: string): boolean {
  return FEATURE.test(type.trim());
}

/** Lines that end the article: contacts, further information, related content, sharing, tags, site footers. */
const ARTICLE_END = [
  /^(?:media )?contacts?\s*:?$/i,
  /^for (?:further|more) information\b/i,
  /^related (?:content|news|links|stories|articles|items)\b/i,
  /^(?:read more|read the original\b|most read|more news|see also|back to top|follow us\b|share\b|print\b|tags\s*:|photo\s*:|©)/i,
  /^(?:contacts?|pour (?:de plus amples|plus d')informations?|partager|lire la suite|voir aussi)\b/i,
  /^(?:kontakt|weitere informationen|weiterlesen|teilen|siehe auch)\b/i,
  // related content under its heading ("Mehr zum Thema", "Sur le même sujet", "Articoli correlati")
  /^(?:mehr zum thema|ähnliche (?:inhalte|artikel|meldungen)|verwandte (?:inhalte|artikel|themen)|sur le même sujet|contenus? (?:associés?|liés?)|à lire aussi|articoli correlati|contenuti correlati|contenido relacionado|artículos relacionados|noticias relacionadas)\s*:?$/iu,
  // (\b is an ASCII word boundary even with the u flag: after a Cyrillic word it never matches, so a letter is looked for)
  // (one word alone on its line or before a colon: "Поделиться опытом пришли …" is a sentence)
  /^(?:за дополнительной информацией|читайте также|похожие материалы|связанные материалы|другие новости)(?![\p{L}])/iu,
  /^(?:контакты|подробнее|поделиться)\s*(?::|$)/iu,
  /^(?:читайте також|схожі матеріали|пов['’]язані матеріали|інші новини)(?![\p{L}])/iu,
  /^(?:контакти|детальніше|поділитися)\s*(?::|$)/iu,
  /^(?:contatti|per ulteriori informazioni|leggi di più|condividi)\b/i,
  /^(?:contactos?|para más información|leer más|compartir)\b/i,
  /^(?:kontakti?|kontaktet|за повеќе информации|opširnije|više informacija|lexo më shumë)(?![\p{L}])/iu,
];

/**
 * Site boilerplate that is never a title or a paragraph: cookie banners and their buttons, and the site's notice on a
 * release fetched while under embargo ("EMBARGOED until Monday, 16 November 2026, 12:00 CET", "The text … will appear
 * on this page when the embargo ends"). The notice is the site's, not the release's: a page that holds only the notice
 * has no body (EMPTY_BODY), while a release that opens with its embargo line keeps the text after it.
 */
const BOILERPLATE = [
  /cookie/i,
  /^(?:accept|ok|j'accepte|akzeptieren|принять|skip to main content|menu|search|меню|поиск)$/iu,
  // the embargo line alone: "EMBARGOED until …", "Embargo jusqu'au …", "Sperrfrist: …", "Эмбарго до …"
  /^(?:embargoed|under embargo|embargo)\s+(?:until|till)\s(?=.*\d).{0,60}$/iu,
  /^(?:sous\s+)?embargo\s+jusqu['’](?:au|à)\s(?=.*\d).{0,60}$/iu,
  /^(?:sperrfrist|embargo|gesperrt)\s*(?::|bis\b)\s*(?=.*\d).{0,60}$/iu,
  /^(?:под\s+)?эмбарго\s+до\s(?=.*\d).{0,60}$|^(?:під\s+)?ембарго\s+до\s(?=.*\d).{0,60}$/iu,
  /^embargo\s+(?:fino\s+a\p{L}*|hasta\s+(?:el|las?))\s(?=.*\d).{0,60}$/iu,
  // the sentence that the release's own text is withheld until the embargo ends (an arms embargo in a sentence is news)
  /\b(?:text|content)\s+of\s+this\s+(?:press\s+release|release|statement|news\s+item|page)\s+(?:will|shall)\s+(?:appear|be\s+(?:published|available|posted|visible))\b[^.]{0,60}\b(?:when|once|after)\s+the\s+embargo\s+(?:ends|expires|is\s+lifted|has\s+(?:ended|expired|been\s+lifted))/iu,
  /(?<![\p{L}])(?:texte|contenu)\s+de\s+ce(?:tte)?\s+(?:communiqué|page|déclaration)(?![\p{L}])[^.]{0,80}embargo|(?<![\p{L}])(?:Text|Inhalt)\s+(?:dieser|der)\s+(?:Presseaussendung|Pressemitteilung|Seite|Erklärung)(?![\p{L}])[^.]{0,80}Sperrfrist|(?<![\p{L}])(?:текст|содержание)\s+(?:этого|этой|данного|данной)\s+(?:пресс-релиза|страницы|заявления)(?![\p{L}])[^.]{0,80}эмбарго/iu,
];

const fold = (s: string): string => s.normalize('NFC').toLowerCase().replace(/[’`]/g, "'").replace(/\s+/g, ' ').trim();

interface LabelInfo {
  kind: LabelKind;
  lang: string;
}

const labelIndex = new Map<string, LabelInfo[]>();
for (const [lang, set] of Object.entries(LABELS)) {
  for (const [kind, names] of Object.entries(set) as [LabelKind, readonly string[]][]) {
    for (const name of names) {
      const list = labelIndex.get(fold(name)) ?? [];
      list.push({ kind, lang });
      labelIndex.set(fold(name), list);
    }
  }
}

const sectionIndex = new Map<string, { lang: string; genre: string | null }>();
for (const [lang, words] of Object.entries(SECTIONS)) {
  for (const [word, genre] of Object.entries(words)) sectionIndex.set(fold(word), { lang, genre });
}

/** A label line: `Label:` (space before the colon allowed, as in French), with its value when on the same line. */
export interface LabelMatch {
  kind: LabelKind;
  /** The languages whose sites use this label. */
  langs: string[];
  label: string;
  value: string;
}

const LABEL_LINE = /^(?:-\s*)?([^:]{2,40}?)\s*:\s*(.*)$/u;

/** The label at the start of `line`, if it is one of the sites' labels. */
export function matchLabel(line: string): LabelMatch | undefined {
  const m = LABEL_LINE.exec(line);
  if (!m) return undefined;
  const infos = labelIndex.get(fold(m[1] as string));
  if (!infos) return undefined;
  return { kind: (infos[0] as LabelInfo).kind, langs: infos.map((i) => i.lang), label: m[1] as string, value: (m[2] as string).replace(/^-\s*/, '').trim() };
}

/**
 * A republished copy's line naming the original publisher ("Originally published by the OSCE Parliamentary Assembly
 * press office.", "Publié initialement par …", "Ursprünglich veröffentlicht von …", "Впервые опубликовано …"): the
 * publisher, a Source of the page.
 */
const ORIGINALLY = /^(?:originally|first)\s+published\s+(?:by|on the website of)\s+(.+?)\.?$|^(?:publié\s+initialement|initialement\s+publié|publié\s+à\s+l['’]origine)\s+(?:par|sur le site d[eu]s?)\s+(.+?)\.?$|^(?:ursprünglich|zuerst)\s+veröffentlicht\s+(?:von|vom|durch|bei)\s+(.+?)\.?$|^(?:впервые|первоначально|изначально)\s+опубликовано\s+(?:на сайте\s+)?(.+?)\.?$|^(?:вперше|спочатку)\s+опубліковано\s+(?:на сайті\s+)?(.+?)\.?$|^(?:pubblicato\s+originariamente|originariamente\s+pubblicato)\s+(?:da|sul sito d\p{L}*)\s+(.+?)\.?$|^publicado\s+originalmente\s+(?:por|en)\s+(.+?)\.?$/iu;

/** The original publisher a republished copy names, if `line` names one. */
export function originalPublisher(line: string): string | undefined {
  const m = ORIGINALLY.exec(line.trim());
  return m ? (m.slice(1).find((g) => g !== undefined) as string).trim() : undefined;
}

/** Whether a label name (without its colon) is one of the sites' labels. */
export function isLabelName(text: string): boolean {
  return labelIndex.has(fold(text.replace(/\s*:\s*$/, '')));
}

/** A section word, with the content type it stands for (null when none); also a section's heading (below). */
export function matchSection(line: string): { genre: string | null; lang: string } | undefined {
  return sectionIndex.get(fold(line)) ?? sectionHeading(line);
}

/** Section words that are also a single release's content type (a type line may name its publisher after them). */
const SINGULAR_TYPES: ReadonlySet<string> = new Set(['communiqué de presse', 'communiqué', 'actualité', 'пресс-релиз', 'press release', 'news item'].map(fold));

/** An archive's prefix before a section's heading ("Архив:", "Archive:", "Archiv:", "Archives :", "Arhiva:"). */
const ARCHIVE = /^(?:архив|архів|archive|archives|archiv|archivio|archivo|arhiva|arkiva)\s*:\s*/iu;
/** What dates a section's heading ("1999", ": 2003", "— 2022", "за март 1999 года", "March 1999"). */
const SECTION_DATE = /(?:\s*:\s*|\s+[—–-]\s+|\s+)(?:(?:за|for|de|du|vom|del|di|per|për|od)\s+)?(?:\p{L}+\s+)?(?:19|20)\d\d(?:\s*(?:года|году|г\.|року|р\.|godine|godina))?\s*$/u;
/** The words that join a section word to the body whose section it is ("of the", "aus der", "de la", "из", "nga"). */
const SECTION_OF = /^(?:of|from|at|aus|der|des|von|vom|de|du|des|de\s+la|de\s+l['’]|d['’]|di|del|della|dell['’]|dal|dalla|desde|из|от|з|від|iz|od|nga|e|i|të|на|во|в|у|u|in|im)\s/iu;
/** A body's word in a section's heading: the organization, an operation or an office in the page languages. */
const BODY_WORD = /(?:OSCE|OSZE|ОБСЕ|ОБСЄ|OEBS|ОЕБС|OSBE|Mission|Missione|Misión|Missão|Миссии|Місії|Misij\p{L}*|Мисиј\p{L}*|Prezenc\p{L}*|Présence|Centre|Center|Zentrum|Центр\p{L}*|Office|Bureau|Büro|Офис\p{L}*|Бюро|Programm\p{L}*|Програм\p{L}*|Co-ordinator|Koordinator\p{L}*|Координатор\p{L}*|ODIHR|BIDDH|БДИПЧ)/u;

/**
 * A section's heading above a listing's entries: a section word dated ("Пресс-релизы 1999", "Press releases: 2003",
 * "Архив: пресс-релизы за март 1999 года") or naming the body whose section it is ("Aktuelles aus der OSZE-Mission in
 * Bosnien und Herzegovina", "Newsroom of the OSCE Mission to Bosnia and Herzegovina: 2003", "Lajme nga Prezenca e
 * OSBE-së"): never a title, and the section word's content type is the genre's cue as a section word's is.
 */
function sectionHeading(line: string): { genre: string | null; lang: string } | undefined {
  const text = line.trim().replace(ARCHIVE, '');
  if (text.split(/\s+/u).length > 14 || /[.!?]$/u.test(text)) return undefined;
  const undated = text.replace(SECTION_DATE, '').trim();
  const dated = undated !== text;
  const words = undated.split(/\s+/u);
  for (let n = Math.min(3, words.length); n >= 1; n--) {
    const section = sectionIndex.get(fold(words.slice(0, n).join(' ')));
    if (!section) continue;
    // a singular content type naming its publisher ("Communiqué de presse du BIDDH") is the release's type line
    if (SINGULAR_TYPES.has(fold(words.slice(0, n).join(' '))) && !dated) return undefined;
    const rest = words.slice(n).join(' ');
    if (rest === '' && (dated || text !== line.trim())) return section;
    // (a Slavic genitive names the body without a preposition: "Новости Программного офиса ОБСЕ в Бишкеке")
    const genitive = /^\p{Lu}/u.test(rest) && rest.split(/\s+/u).length <= 8;
    if (rest !== '' && (SECTION_OF.test(`${rest} `) || genitive) && BODY_WORD.test(rest)) return section;
  }
  return undefined;
}

/** Whether the line ends the article (contacts, footers, related content). */
export function endsArticle(line: string): boolean {
  return ARTICLE_END.some((re) => re.test(line));
}

/** Whether the line is site boilerplate (a cookie banner). */
export function isBoilerplate(line: string): boolean {
  return BOILERPLATE.some((re) => re.test(line));
}

/** A breadcrumb or a one-line menu: `Home › Newsroom`, `Home | About | News`, and its last entry. */
export function breadcrumb(line: string): string[] | undefined {
  const parts = line.split(/\s+(?:›|»|>|\||\/|·)\s+/u);
  return parts.length >= 2 && parts.every((p) => p.length <= 40) ? parts : undefined;
}

const escape = (x: string): string => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Any label followed by its colon, anywhere in a line (longest names first). */
const LABEL_ANYWHERE = new RegExp(
  `(?<![\\p{L}'])(?:${[...new Set(Object.values(LABELS).flatMap((set) => Object.values(set).flat()))].sort((a, b) => b.length - a.length).map(escape).join('|')})\\s*:`,
  'giu',
);

/**
 * A line holding several labelled fields side by side ("Date: 9 October 2016 Place: TBILISI Source: ODIHR"), split
 * before each label; undefined when the line has fewer than two.
 */
export function splitLabelledFields(line: string): string[] | undefined {
  const text = line.replace(/’/g, "'");
  const starts = [...text.matchAll(LABEL_ANYWHERE)].map((m) => m.index);
  // the line must open with a field (or a short meta part before it): a sentence that mentions a label is not one
  if (starts.length < 2 || (starts[0] as number) > 40) return undefined;
  const parts = starts.map((at, i) => text.slice(at, starts[i + 1]).replace(/[\s|·•,;]+$/u, '').trim());
  const before = text.slice(0, starts[0]).replace(/[\s|·•]+$/u, '').trim();
  return before ? [before, ...parts] : parts;
}
