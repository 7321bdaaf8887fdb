/**
 * The meeting a release announces or whose opening it reports: a noun phrase headed by a kind of meeting (workshop,
 * conference, Konferenz, семинар, trajnim, okrugli sto …) with a name beyond its kind ("OSCE Expert Meeting on
 * Teaching against Intolerance", "seminar on freedom of expression cases"; not "a meeting"), in a sentence saying it
 * opens, begins, takes place or will take place today or later ("opened today", "will take place on 9 and 10
 * November", "открылась сегодня", "se tiendra les 18 et 19 avril", "održava se danas"). A meeting that only ended is
 * reported, not announced. Dates come from the sentence (a date or a range), else "today"/"tomorrow"; the end from
 * a range or a duration ("two-day", "zweitägiges", "трехдневный", "dyditor", "two-week").
 */
import { slugify, type Iris } from '../model/ns.js';
import { addDays, findDate, findDates, isWeekdayName, nextWeekday, toXsdDate, weekdayNumber, type FoundDate } from './dates.js';
import { findNames } from './mentions.js';
import { nameMatcher, type NameHit } from './name-matcher.js';
import { cityInflected, placeName } from './city-names.js';
import type { ReferenceIndex } from './reference-index.js';
import { sentenceEnd } from './quotes.js';
import type { EventRecord, PlaceRef } from './types.js';

export interface EventFacts {
  name: string;
  startDate: string | undefined;
  endDate: string | undefined;
  /** The sentence the event was found in (where its place is looked for). */
  rest: string;
  /** The sentence before it in its paragraph ("… reisen nächste Woche nach Warschau. Die Studienreise …"). */
  before?: string | undefined;
}

/** Kinds of meetings (stems, lower case), in the page languages. */
const KINDS = [
  'expert meeting', 'meeting', 'conference', 'seminar', 'workshop', 'round table', 'roundtable', 'training course', 'training',
  'course', 'forum', 'summit', 'session', 'symposium', 'consultation', 'dialogue', 'exhibition',
  'конференци', 'семинар', 'тренинг', 'курс', 'заседани', 'совещани', 'форум', 'саммит', 'круглый стол', 'встреч',
  'конференці', 'семінар', 'тренінг',
  // sessions (the PA's "26-я сессия"), webinars, colloquia; Russian "обучение" (a training)
  'сесси', 'сесі', 'сесиј', 'sesij', 'sesion', 'sessione', 'sesión', 'webinar', 'вебинар', 'вебінар', 'colloque', 'обучени',
  // camps ("Kampi i 3-të vjetor i të rinjve", "молодежный лагерь", "табір")
  'camp', 'kamp', 'лагер', 'табір', 'табор',
  'conférence', 'séminaire', 'atelier', 'réunion', 'formation', 'sommet', 'table ronde', '(?<!au )cours', 'séance',
  'konferenz', 'seminar', 'schulung', 'tagung', 'treffen', 'sitzung', 'gipfel', 'workshop', 'lehrgang', 'fortbildung',
  'conferenza', 'seminario', 'riunione', 'corso', 'conferencia', 'taller', 'reunión',
  'trajnim', 'konferenc', 'punëtori', 'tryez', 'takim', 'okrugli sto', 'okruglom stolu', 'konferencij', 'obuk', 'radionic', 'trening', 'sastan', 'sednic', 'sjednic',
  'конференциј', 'работилниц', 'обук', 'тркалезна маса', 'конференција',
  // schools and exercises that run for days ("Summer School", "Школа безпеки", "Table-Top Exercise", "Übung")
  'summer school', 'school', 'école', 'школ', 'shkoll', 'škol', 'exercise', 'übung', 'учени', 'навчання',
  // academies that run for days ("Summer Academy on …"; "the OSCE Academy" alone is an institution, not a meeting)
  'summer academy', 'winter academy', 'youth academy', "académie d['’]été", 'літня академі', 'летняя академи',
  // study visits ("Studienreise zur Briefwahl …", "visite d'étude", "study tour")
  'study visit', 'study tour', 'studienreise', 'studienbesuch', "visite d['’]étude", "voyage d['’]étude", 'viaggio di studio', 'visita de estudio',
  // the Ukrainian round table in its cases ("Круглий стіл", "круглому столі", "круглого столу")
  'круглий стіл', 'круглого столу', 'круглому столі',
  // the OSCE's yearly meeting of ministers, in the OSCE languages
  'ministerial council', 'consejo ministerial', 'conseil ministériel', 'consiglio ministeriale', 'ministerrat',
];
/** German compounds headed by a kind ("Überprüfungskonferenz", "Expertentagung"): the whole word is the kind. */
const GERMAN_COMPOUND_KIND = '\\p{Lu}\\p{Ll}+(?:konferenz|tagung|seminar|workshop|schulung|sitzung|treffen|gipfel|übung|kurs|forum|akademie|lehrgang|fortbildung)\\p{L}*';
/** Kinds that are not meetings a page announces. */
const NOT_MEETINGS = /^(?:exhibition|dialogue)/iu;
const KIND = new RegExp(`(?<![\\p{L}])(?:${GERMAN_COMPOUND_KIND}|(?:${KINDS.map((k) => k.replace(/ /g, '\\s+')).join('|')})\\p{L}*)`, 'giu');

/** The meeting opens, begins or is held now or later. */
const STARTS = /(?<![\p{L}])(?:to be held|organi[sz]es|will organi[sz]e|is organi[sz]ing|will host|hosts|is hosting|will hold|holds|organise(?:nt)?|organisera|organisent|accueille(?:ra)?|veranstaltet|richtet|organizuje|organizuju|organizovaće|организует|организуют|провед[её]т|провести|проведут|проведе|проведуть|організовує|організує|organizza|ospiterà|organiza|organizará|organizon|do të organizojë|организира|ќе организира|организује|организују|организоваће|организовала|организовао|организовали|organizovala|organizovao|organizovali|organizirala|organizirao|organizira|организираше|организираа|организовал\p{L}*|організувал\p{L}*|ће се одржати|će se održati|ќе се одржи|ќе ја одржи|ќе го одржи|ја отвори|го отвори|отвори|отворија|отворила|отворио|отворили|отворен\p{L}*|otvorila|otvorio|otvorili|отвара|is scheduled|are scheduled|is planned|are planned|is due to|scheduled for|planned for|starting on|starting from|beginning on|est prévue?|sont prévue?s|запланирован\p{L}*|намечен\p{L}*|заплановано|запланован\p{L}*|ist geplant|sind geplant|è previst\p{L}*|está previst\p{L}*|është planifikuar|janë planifikuar|zakazan\p{L}*|planiran\p{L}*|планиран\p{L}*|закажан\p{L}*|will take part|will be held|will meet|will gather|will convene|se réuniront|se réunira|se retrouveront|werden sich\s+(?:\p{L}+\s+){0,3}treffen|aura lieu|auront lieu|a lieu|ont lieu|se déroul\p{L}*|se tient|se tiennent|se tiendront|tient|tiennent|tritt\s(?:[^;!?]{0,200}?\s)?zusammen|treten\s(?:[^;!?]{0,200}?\s)?zusammen|zusammentreten|kommt\s(?:[^;!?]{0,200}?\s)?zusammen|s['’]ouvrira|s['’]ouvre|débutera|commencera|commence|начн\p{L}*|стартова\p{L}*|стартует|стартує|откро\p{L}*|проводит\p{L}*|розпочн\p{L}*|проходить|stattfinden|stattfindet|startet|zhvillohet|zhvillohen|zhvillua|mbahen|nis|nisi|nisën|hapet|çeli|çelën|fillojnë|si svolg\p{L}*|avrà luogo|inizia|tendrá lugar|se celebra|comienza|održan\p{L}*|otvara|започнува|се одржа|took place|was held|were held|opened|opens|began|begins|begun|started|starts|will (?:start|begin|open|take place|be held|be opened)|takes place|is taking place|is being held|is held|gathers|meets|continues|took part|met|открыл\p{L}*|начал\p{L}*|пройд\p{L}*|состоит\p{L}*|проход\p{L}*|открывает\p{L}*|se tiendra|s'est ouvert\p{L}*|s’est ouvert\p{L}*|a débuté|a commencé|s'ouvre|débute|begonnen|beginnt|eröffnet|findet|teilgenommen|statt|si è apert\p{L}*|si terrà|si apre|si aprirà|si apriranno|prenderà il via|se inaugurará|se abrirá|comenzó|se celebrará|inauguró|filluan|filloi|fillon|mbahet|u hap|održava se|održaće|održat će|počeo|počela|počinje|otvoren\p{L}*|розпоча\p{L}*|відкрил\p{L}*|відбуд\p{L}*|триватиме|se poursuivra|dauert|започна\p{L}*|отпочна\p{L}*|се одржува|ќе се одржи)(?![\p{L}])/iu;
/** Verbs by which a body holds, hosts or organizes a meeting (the body before them is no meeting announced). */
const ORGANIZES = /(?<![\p{L}])(?:to (?:hold|host|organi[sz]e|convene)|organiser|organisieren|veranstalten|organizzare|organizar|организовать|провести|організувати|провести|will hold|holds|is holding|will host|hosts|is hosting|will organi[sz]e|organi[sz]es|is organi[sz]ing|will convene|convenes|organisera|organise|organisent|accueillera|accueille|tiendra|veranstaltet|richtet|wird\s+(?:\p{L}+\s+){0,3}veranstalten|organizza|ospiterà|organizzerà|organiza|organizará|организует|организуют|провед[её]т|проведут|організовує|організує|проведе)(?![\p{L}])/iu;
/** The words that lead a sentence into the meeting a body meets for ("zu einer", "to a", "à une", "per una"). */
const LEADS_INTO = /(?<![\p{L}])(?:zu\s+(?:einer|einem)|zur|zum|to\s+(?:a|an)|for\s+(?:a|an)|à\s+une?|pour\s+une?|a\s+una?|para\s+una?|per\s+una?)\s+(?:\p{Ll}+\s+){0,2}$/u;
const ENDED = /(?<![\p{L}])(?:ended|concluded|completed|closed|finished|завершил\p{L}*|закончил\p{L}*|завершив\p{L}*|abgeschlossen|beendet|terminé|s'est achevé|si è conclus\p{L}*|concluyó|përfundoi|završen\p{L}*)(?![\p{L}])/iu;
const TODAY = /(?<![\p{L}])(?:today|this morning|сегодня|сьогодні|aujourd['’]hui|heute|oggi|hoy|sot|danas|денес|денеска|данас)(?![\p{L}])/iu;
const TOMORROW = /(?<![\p{L}])(?:tomorrow|завтра|demain|morgen|domani|mañana|nesër|sutra|сутра|утре)(?![\p{L}])/iu;

const NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  одно: 1, двух: 2, трех: 3, трёх: 3, четырех: 4, пяти: 5, дво: 2, три: 3, ein: 1, zwei: 2, drei: 3, vier: 4, fünf: 5,
  dy: 2, tre: 3, katër: 4, pesë: 5, dvo: 2, tro: 3, чотири: 4, "п'яти": 5, 'п’яти': 5,
  un: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, sept: 7, huit: 8, neuf: 9, dix: 10,
};
/** A duration before (or, in Albanian, after) the kind: "two-day", "two-week", "zweitägiges", "Двухдневная", "dyditor". */
const DURATION = /(?<![\p{L}])(one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})[- ](day|week)s?(?![\p{L}])|(?<![\p{L}])(одно|двух|тр[её]х|четырех|пяти|дво|три)(дневн|недельн)\p{L}*|(?<![\p{L}])(ein|zwei|drei|vier|fünf)(tägig|wöchig)\p{L}*|(?<![\p{L}])(dy|tre|katër|pesë)(ditor|javor)\p{L}*|(?<![\p{L}])(dvo|tro)(dnevn|nedeljn)\p{L}*|(?<![\p{L}])(дво|три|чотири|п['’]яти)(денн|тижнев)\p{L}*|(?<![\p{L}])(?:de|d['’])\s*(un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|\d{1,2})\s+(jour|semaine)s?(?![\p{L}])|(?<![\p{L}])(dy|tre|katër|pesë|\d{1,2})\s+(ditë|javë)(?![\p{L}])/iu;

const FRENCH_DURATION = /\s(?:de|d['’])\s*(?:un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|\d{1,2})\s+(?:jour|semaine)s?(?![\p{L}])/iu;

/**
 * A duration said with a verb of lasting ("продлится два дня", "durerà due giorni", "il durera trois jours", "will
 * last two days", "dauert zwei Tage", "ће трајати три дана", "do të zgjasë dy ditë").
 */
const LASTING = /(?<![\p{L}])(?:(?:will\s+)?last(?:s|ing)?|runs?\s+for|продлится|продолжится|будет\s+длиться|триватиме|durer[àa]|durera|dure|dureront|se\s+prolongar[áa]n?|durar[áa]n?|dauert|dauern|dauerte|трајаће|ће\s+трајати|trajaće|će\s+trajati|ќе\s+трае|трае|zgjat|do\s+të\s+zgjasë|zgjasë)\s+(?:for\s+|per\s+|während\s+|durante\s+)?(\d{1,2}|one|two|three|four|five|six|seven|одна|два|две|три|четыре|пять|дві|чотири|п['’ʼ]ять|due|tre|quattro|cinque|deux|trois|quatre|cinq|zwei|drei|vier|fünf|четири|пет|dva|tri|četiri|pet|dy|katër|pesë|dos|tres|cuatro|cinco)\s+(?:days?|días|дня|дней|дні|днів|дана|дена|dana|giorni|giorno|jours?|Tage|ditë|ditë)(?![\p{L}])/iu;
const LASTING_NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, одна: 1, два: 2, две: 2, три: 3, четыре: 4, пять: 5, дві: 2, чотири: 4,
  "п'ять": 5, 'п’ять': 5, 'пʼять': 5, due: 2, tre: 3, quattro: 4, cinque: 5, deux: 2, trois: 3, quatre: 4, cinq: 5, zwei: 2, drei: 3, vier: 4,
  fünf: 5, четири: 4, пет: 5, dva: 2, tri: 3, četiri: 4, pet: 5, dy: 2, katër: 4, pesë: 5, dos: 2, tres: 3, cuatro: 4, cinco: 5,
};

function lasting(text: string): { days: number; text: string } | undefined {
  const m = LASTING.exec(text);
  const n = m ? LASTING_NUMBERS[(m[1] as string).toLowerCase()] ?? Number(m[1]) : NaN;
  return m && n >= 1 && n <= 31 ? { days: n, text: m[0] } : undefined;
}

function duration(text: string): { days: number; text: string } | undefined {
  const m = DURATION.exec(text);
  if (!m) return undefined;
  const groups = m.slice(1).filter((g) => g !== undefined) as string[];
  const n = NUMBERS[(groups[0] as string).toLowerCase()] ?? Number(groups[0]);
  const unit = (groups[1] as string).toLowerCase();
  const days = /^(?:week|недел|wöch|jav|nedelj|тижнев|semaine)/u.test(unit) ? n * 7 : n;
  return n >= 1 && days <= 31 ? { days, text: m[0] } : undefined;
}

/** Words that end the name of a meeting: a verb, a participle, a comma, "today", the place or the date (and any verb of STARTS). */
/**
 * The audience ("for 25 journalists of local media", "za 25 novinara", "для 30 судей") or the purpose ("to improve …",
 * "afin de …", "с целью …", "kako bi …") after a meeting's name is not part of it.
 */
const AUDIENCE = String.raw`\s(?:for|za|для|pour|für|për|per|para|за|з|dla|with)\s+(?:(?:about|around|some|more than|over|up to|nearly|almost|около|более|почти|понад|близько|oko|preko|više od|skoro|environ|plus de|près de|une|rund|über|etwa|fast|rreth|mbi|circa|oltre|unos|más de)\s+)?(?:\d|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|a hundred|dozens?|deux|trois|quatre|cinq|dix|vingt|trente|quarante|cinquante|zwei|drei|vier|fünf|zehn|zwanzig|dreißig|двадцати|тридцати|сорока|десяти|двадцяти|тридцяти|dvadeset|trideset|deset|njëzet|tridhjetë|dhjetë)(?![\p{L}]))`;
const PURPOSE = String.raw`\s(?:(?<!(?:ways|how|efforts|steps|measures|means|need|needs|right|what|where|tools)\s)to\s+(?:help|improve|strengthen|enhance|increase|raise|build|discuss|promote|support|develop|share|present|review|exchange|assess|identify|address|foster|boost|prepare|train|equip|provide|learn|explore)|in order to|aimed at|aiming to|designed to|intended to|with the aim|so that|с целью|чтобы|в целях|направленн\p{L}*|з метою|щоб|спрямован\p{L}*|kako bi|u cilju|s ciljem|sa ciljem|afin de|visant à|destinée? à|pour\s+(?:renforcer|améliorer|aider|promouvoir|discuter|sensibiliser|former|échanger|soutenir|développer|présenter)|um\s|mit dem Ziel|me qëllim|me synim|al fine di|con el fin|con el objetivo|per\s+(?:rafforzare|migliorare|promuovere|discutere))(?![\p{L}])`;
/** A date after the name ("23-24 сентября", "du 23 au 24", "vom 4. bis", "on 12 April") ends it. */
const DATE_AFTER = String.raw`\s(?:(?:du|dal|dai|vom|am|le|les|с|з|от|од|od|nga|del|el|from|on)\s+)?\d{1,2}\.?(?:\s*(?:-|–|—|и|і|та|i|e|et|y|und|bis|do|au|al|по|to|and)\s*\d{1,2}\.?)?\s+(?!(?:of|on|and|in|per|der|de|des|du)\s)\p{L}`;
const AUDIENCE_BEFORE_SUBJECT = new RegExp(String.raw`^${AUDIENCE}[\p{L}\d]*(?:\s+[\p{L}\d-]+){0,4}?(?=\s(?:on|about|o|об|о|по|з|sur|über|zu|zur|zum|sulla|sobre|mbi|për\s+(?:\p{Ll}+imin|\p{Ll}+in))\s)`, 'u');
/** "in Dushanbe from 21 to 23 October", "à Tirana le 9 juillet": the place just before the date is where, not the name's. */
const PLACE_BEFORE_DATE = String.raw`\s(?:in|at|à|в|у|a|u|në|im)\s+\p{Lu}[\p{L}\p{M}'’-]*(?:\s+\p{Lu}[\p{L}\p{M}'’-]*)?,?(?=${DATE_AFTER})`;
const NAME_END = new RegExp(String.raw`(?:${AUDIENCE}|${PURPOSE}|${PLACE_BEFORE_DATE}|${DATE_AFTER}).*$|\s*(?:\s(?:${STARTS.source.replace(/^\(\?<!\[\\p\{L\}\]\)\(\?:/u, '').replace(/\)\(\?!\[\\p\{L\}\]\)$/u, '')})(?![\p{L}]).*$)|` + /\s*(?:,(?!\s*\p{Ll}+(?:ущ|ющ|ащ|ящ|вш|уч|юч|ач|яч)(?:их|ей|его|ий|ая|ее|ие|ого|ої|ої)(?![\p{L}]))|;|\.(?:\s|$)|\s(?:opened|opens|began|begins|started|starts|runs|run|lasts|ends|closes|concludes|will|would|could|should|shall|takes|is|was|were|gathers|continues|meets|met|organi[sz]ed|hosted|held|supported|with|today|this|which|that|in\s+(?:the\s+)?\p{Lu}|at\s+(?:the\s+)?\p{Lu}|on\s+\d|from\s+\d|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|открыл\p{L}*|начал\p{L}*|пройдет|состоится|организован\p{L}*|сегодня|в\s+\p{Lu}|у\s+\p{Lu}|se\s+tiendra|s['’]est|les\s+\d|au\s+\p{Lu}|à\s+\p{Lu}|organisée?|hat|haben|wurde|die\s+von|das\s+die|heute|findet|teilgenommen|begonnen|eröffnet|organisiert|si\s|se\s+(?:inaugur|celebr|realiz|desarroll|prolong|clausur|abri|inici)\p{L}*|organizzat\p{L}*|a\s+\p{Lu}|koji|koja|biće|bice|će|je|bit|ќе|održava|održaće|održat|organizovan\p{L}*|u\s+\p{Lu}|të\s+organizuar|sot|nga\s+\d|do\s+të|ist|sind|wird|werden|биће|ће|је|одржаће|одржава|одржана|одржан|mbahet|më\s+\d|розпоча\p{L}*|відкрил\p{L}*|відбуд\p{L}*|сьогодні|триватиме|dauert|počel\p{L}*|počeo|danas|започна\p{L}*|денеска|во\s+\p{Lu})(?![\p{L}])).*$/su.source, 'su');
const PREPOSITIONS = 'against|contre|gegen|contro|contra|kundër|против|проти|protiv|на|der|della|dello|delle|degli|del|dei|on|of|about|for|against|looking at|focusing on|focused on|dealing with|devoted to|dedicated to|по|о|об|на тему|для|з|за|sur|de|du|des|pour|über|zur|zum|zu|für|von|sulla|sul|sulle|per|di|sobre|para|për|mbi|o|za';
/** A Romance adjective after the kind ("Conférence annuelle d'examen", "Forum méditerranéen de …", "sessione autunnale"). */
const ROMANCE_ADJECTIVE = String.raw`\p{Ll}+(?:el|elle|al|ale|ales|aux|ien|ienne|éen|éenne|ique|ico|ica|aire|ario|aria|ional|ionale|nal|nale|ial|iale|ual|uelle|uale|ive|ivo|iva|if|eo|ea|ano|ana|ense)`;
/**
 * A subject after the kind that names the meeting: "on …", "d'experts sur …", and in the Slavic languages and
 * Albanian up to two genitive words before the preposition ("Konferencija mladih lidera o pomirenju").
 */
const COMPLEMENT = new RegExp(`^(?:\\s*d['’]|\\s+(?:dell|dall|sull|nell|all)['’]|\\s+(?:${PREPOSITIONS})\\s|(?:\\s+[\\p{Ll}-]+){1,2}(?:\\s+(?:и|і|та|i)(?:\\s+[\\p{Ll}-]+){1,2})?\\s+(?:о|об|по|для|з|в|за|на|o|za|na|od|po|për|mbi|kundër|против|проти|protiv|против)\\s|\\s+(?:i|e)\\s+(?:\\d|\\p{Ll})(?=[^]*\\p{Ll}ë)|(?:\\s+\\p{Ll}+)?\\s+(?:e|i|të|së)\\s+\\p{Lu}[\\p{L}\\p{M}-]*\\s+(?:për|mbi|kundër)\\s|(?:\\s+${ROMANCE_ADJECTIVE}){1,2}(?:\\s*d['’]|\\s+(?:de|du|des|sur|pour|sulla|sul|sulle|per|di|del|della|sobre|para|për|mbi|contre|contro|contra|kundër)\\s))`, 'iu');
/**
 * Slavic adjectives of a meeting written in lower case before its kind ("региональную конференцию", "міжнародний
 * семінар", "regionalna konferencija", "меѓународна"): regional, international, national, annual, sub-regional,
 * interregional, republican, expert (a stem and any ending).
 */
const SLAVIC_MEETING_ADJECTIVE = String.raw`(?:међународн|годишњ|експертск|регионал|субрегионал|межрегионал|международ|национал|ежегод|республиканск|экспертн|регіонал|міжрегіонал|міжнарод|національ|щоріч|республіканськ|експертн|regionaln|međunarodn|medjunarodn|nacionaln|godišnj|republičk|ekspertsk|регионалн|меѓународн|годишн|републичк)\p{L}*`;
/**
 * An audience after the subject: "для голів громад півдня України", "pour les juges", "for the judges of …", "za novinare
 * iz …". A single word after "для" stays in the name ("Школа безпеки для журналістів"), as do "for persons …", and so
 * does an audience that is one noun with its adjectives and closes the name ("для общественных наблюдателей", Albanian
 * "për të miturit"): it says what the meeting is; an audience noun with a complement of its own ("для жителей сел",
 * "для голів громад …") is who attends.
 */
const LATER_AUDIENCE = new RegExp(String.raw`^(\s*(?:d['’]|\S+(?=\s))[^]*?)\s(?:(?:для|za|për(?=\s+(?:të\s|\p{Ll}+(?:ët|it|at|et)(?![\p{L}]))))\s+(?!(?:людей|лиц|осіб|людям|особам|osoba|lica|ljudi|njerëz|personave)(?![\p{L}]))(?!(?:(?:\p{Ll}+(?:ых|их)|të)\s+)+\p{Ll}[\p{L}-]*\s*$)\p{Ll}[\p{L}-]*\s+\S|(?:for\s+(?:the|local|national|young|senior)|pour\s+(?:les|des|de\s+jeunes)|für\s+(?:die|junge|lokale)|per\s+(?:i|gli|le)|para\s+(?:los|las))\s)[^]*$`, 'u');
/** Prepositions of place before a city ("в", "у", "in", "à", "u", "në", "a"). */
const LOCATIVE = /^(?:в|во|у|на|in|at|à|en|u|na|në|a|nel|im|bei)$/u;
/** Words before the kind that are part of a meeting's name: capitalized words, "OSCE", "annual", "regional" … */
const ARTICLE = /^(?:The|A|An|La|Le|Les|L['’]|Un|Une|Uno|Una|Die|Der|Das|Ein|Eine|Il|El|Si|Some|Twenty|Thirty|Forty|Një)$/u;
/**
 * An ordinal before a meeting's kind ("Third", "Третю", "Петтата", "Трећу", "П'яту", "Вторая", "7-ю", "27e", "4th",
 * "XXVI."): the number of the meeting is part of its name. Stems of the ordinals one to twelve in the page
 * languages, with any ending.
 */
const ORDINAL = new RegExp(String.raw`^(?:\d{1,3}(?:st|nd|rd|th|e|er|re|ème|eme|ª|º|°|\.|-?(?:я|ю|й|ий|ый|ой|ая|ую|ое|е|го|му|м|ї|у|а|та|ти|ри|ги|ма|ва|të|ti|ta))|[IVXLC]{1,7}\.|(?:перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят|одиннадцат|двенадцат|перш|друг|п['’ʼ]ят|шост|сьом|дев['’ʼ]ят|прв|трећ|четврт|пет|седм|осм|девет|десет|prv|drug|treć|četvrt|pet|šest|sedm|osm|devet|deset|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|premi|deuxi|troisi|quatri|cinqui|sixi|septi|huiti|neuvi|dixi|erst|zweit|dritt|viert|fünft|sechst|siebt|acht|neunt|zehnt|prim|terz|quart|quint|sest|settim|ottav|decim|segund|tercer|cuart|sext|séptim|octav|noven|décim)\p{L}{0,6})$`, 'iu');
/** A lower-case Slavic adjective by its ending ("молодіжну", "медиумска", "годишњу"), kept before a kind only after an ordinal or a meeting's adjective. */
const SLAVIC_ADJECTIVE_SHAPE = /^\p{Ll}[\p{Ll}'’ʼ-]{2,}(?:ая|яя|ую|юю|ой|ий|ый|ое|ее|ої|ою|на|ну|ни|не|ня|ню|ка|ку|ки|ке|ска|ску|ски|ско|ська|ську|ський|ське|ња|њу|ја|ју)$/u;
const NAME_WORD_BEFORE = new RegExp(String.raw`^(?:\p{Lu}[\p{L}\p{M}'’-]*|(?:19|20)\d\d|annual|regional|international|national|high-level|expert|youth|winter|summer|autumn|spring|training|ministerial|зимн\p{L}*|летн\p{L}*|ежегодн\p{L}*|okrugli|${SLAVIC_MEETING_ADJECTIVE})$`, 'u');

/**
 * The nominative of a feminine meeting's name that a verb put in the accusative ("провести региональную конференцию",
 * "проведе регіональну конференцію", "organizuje regionalnu obuku"): a name is cited in the nominative. Only the kind
 * and the adjectives before it change; the masculine accusative is the nominative already, and a masculine dative
 * ("к семинару") is left alone (only feminine endings: -ию/-ію/-iju, and -у/-u after ц, ч, л, к).
 */
export function nominative(before: readonly string[], kind: string): { before: string[]; kind: string } {
  const keep = (w: string) => /^(?:\p{Lu}{2,}|\p{Lu}+-)/u.test(w);
  // the instrumental after "завершится", "завершиться", "with" ("Первой национальной конференцией", "Міжнародною
  // конференцією", "Региональным семинаром"): feminine -ией/-ією, -ой/-ою/-ей after a consonant; masculine -ом
  const instrumental = kind.replace(/(?<=и)ей$/u, 'я').replace(/(?<=і)єю$/u, 'я').replace(/(?<=[чщжшц])ей$/u, 'а').replace(/(?<=[бвгдзклмнпрстфх])(?:ой|ою)$/u, 'а');
  if (instrumental !== kind) {
    const adjective = (w: string) => w.replace(/(?<=[нрлкгхдтвмпбсзцчшщж])ой$/u, 'ая').replace(/ей$/u, 'яя').replace(/ьою$/u, 'я').replace(/ою$/u, 'а').replace(/(?<=\d-?)й$/u, 'я');
    return { before: before.map((w) => (keep(w) ? w : adjective(w))), kind: instrumental };
  }
  const masculine = /^(?:семинар|семінар|форум|курс|тренинг|тренінг|саммит|самміт)ом$/u.test(kind.toLowerCase()) ? kind.slice(0, -2) : kind;
  if (masculine !== kind) {
    const adjective = (w: string) => w.replace(/(?<=\p{L})ым$/u, 'ый').replace(/(?<=\p{L})им$/u, 'ий').replace(/(?<=\d-?)м$/u, 'й');
    return { before: before.map((w) => (keep(w) ? w : adjective(w))), kind: masculine };
  }
  const noun = kind.replace(/(?<=и)ју$/u, 'ја').replace(/(?<=[иі])ю$/u, 'я').replace(/(?<=[цчлк])у$/u, 'а').replace(/(?<=i)ju$/u, 'ja').replace(/(?<=[cčlk])u$/u, 'a');
  if (noun === kind) return { before: [...before], kind };
  // adjectives and ordinals in the feminine accusative: -ую, -юю, -тю/-тью ("Третю", "третью"), "7-ю", consonant + -у
  const adjective = (w: string) => w.replace(/ую$/u, 'ая').replace(/юю$/u, 'яя').replace(/(?<=т)ью$/u, 'ья').replace(/(?<=т)ю$/u, 'я').replace(/(?<=\d-?)ю$/u, 'я')
    .replace(/(?<=[бвгдзклмнпрстфхцчшщђћџњљј])у$/u, 'а').replace(/(?<=[bcčćdđfghklmnprsštvzž])u$/u, 'a');
  return { before: before.map((w) => (keep(w) ? w : adjective(w))), kind: noun };
}

/** The name of the meeting whose kind is at `kindAt` in `s`, or undefined when it has no name beyond its kind. */
function nameAt(s: string, kindAt: number, written: string): { name: string; proper: boolean } | undefined {
  const words = s.slice(0, kindAt).split(/\s+/u).filter(Boolean);
  const before: string[] = [];
  for (let i = words.length - 1; i >= 0; i--) {
    const w = (words[i] as string).replace(/^[(«„“"]/u, '');
    // "OSCE Roma and Sinti Youth Conference": a connector between capitalized words belongs to the name
    const connector = /^(?:and|of|for|on|und|et)$/u.test(w) && before.length > 0 && /^\p{Lu}/u.test(words[i - 1] ?? '');
    // "OSCE experts' workshop": a possessive after a capitalized word belongs to the name
    // ("the OSCE Parliamentary Assembly's Parliamentary Conference": a body's possessive is the organizer, not the name)
    if (/^\p{Lu}[\p{L}\p{M}-]*['’]s?$/u.test(w)) break;
    const possessive = /\p{L}(?:['’]|['’]s)$/u.test(w) && /^\p{Lu}/u.test(words[i - 1] ?? '');
    const ordinal = ORDINAL.test(w) && !duration(w);
    // "щорічну молодіжну конференцію", "годишна медиумска школа": a Cyrillic adjective of the kind (kept only after an
    // ordinal, a meeting's adjective or a capitalized word further left; see below)
    const adjective = /\p{Script=Cyrillic}/u.test(w) && SLAVIC_ADJECTIVE_SHAPE.test(w) && before.every((b) => SLAVIC_ADJECTIVE_SHAPE.test(b) || NAME_WORD_BEFORE.test(b));
    if (!connector && !possessive && !ordinal && !adjective && (!NAME_WORD_BEFORE.test(w) || ARTICLE.test(w) || duration(w))) break;
    // "у Херсоні регіональну конференцію", "в Алма-Ате …", "у Новом Саду …": capitalized words after a preposition of
    // place are where, not the name (an ordinal is the name's: "в Чернігові П'яту щорічну школу")
    if (/^\p{Lu}/u.test(w) && !ordinal) {
      let k = i - 1;
      while (k >= 0 && /^\p{Lu}/u.test(words[k] as string) && !ARTICLE.test(words[k] as string)) k--;
      // "at a Post-Election Round Table": after an English preposition or verb "a" is the article, not Italian "a Roma"
      const article = words[k] === 'a' && /^(?:at|in|on|to|for|from|with|into|during|hold|holds|host|hosts|organi[sz]es?|present|attend|attends|is|was|as|and|of|by)$/iu.test(words[k - 1] ?? '');
      if (LOCATIVE.test(words[k] ?? '') && !article) break;
    }
    before.unshift(w);
  }
  // a generic adjective stays only after an ordinal, a meeting's adjective or a capitalized word ("большую
  // конференцию" is no name)
  while (before.length > 0 && SLAVIC_ADJECTIVE_SHAPE.test(before[0] as string) && !NAME_WORD_BEFORE.test(before[0] as string) && !ORDINAL.test(before[0] as string)) before.shift();
  // "OSZE-Konferenz": a hyphen joins the word before to the kind
  const joined = before.length > 0 && /-$/u.test(before[before.length - 1] as string);
  // "obuku za 20 policajaca o suzbijanju …": an audience right after the kind, before the subject, is skipped
  const after0 = s.slice(kindAt + written.length).replace(AUDIENCE_BEFORE_SUBJECT, ' ');
  const nom = nominative(before, written);
  const kind = joined ? `${nom.before.pop() as string}${nom.kind}` : nom.kind;
  before.splice(0, before.length, ...nom.before);
  // "Международная конференция «Многоязычное образование …»": a title in quotes after the kind is the name's
  // (a Romance adjective may come between: "seminario regionale «…»", "table ronde parlementaire « … »")
  const quoted = new RegExp(String.raw`^(?:\s+${ROMANCE_ADJECTIVE})?\s*(?:[«„“"][^«»„“”"]{3,150}[»“”"])`, 'u').exec(after0)?.[0];
  if (quoted) return { name: `${before.join(' ')} ${kind}${quoted}`.replace(/\s+/gu, ' ').trim(), proper: true };
  const after = after0.replace(NAME_END, '');
  // "Conferenza OSCE sulla …", "Конференция ОБСЕ по …", "заседание Парламентской ассамблеи ОБСЕ": names after the kind
  const run = /^(?:\s+(?:\p{Lu}[\p{L}\p{M}'’-]*))*/u.exec(after)?.[0] ?? '';
  // a short genitive after the kind ("заседание Парламентской ассамблеи ОБСЕ") is the name's too
  const proper = run && !/[,(]/u.test(after) && after.trim().split(/\s+/u).length <= 4 && !/\s(?:on|of|about|for|по|о|sur|de|über|zur|sulla|para|për|za)\s/iu.test(after) ? after : run;
  const tail = after.slice(proper.length).replace(/^\s*\p{L}*(?:ditor|javor)\p{L}*/u, '');
  // "конференцію з управління водними ресурсами для голів громад": once the subject is named, an audience ends the name
  // adjectives after the kind come before the subject ("Punëtoria rajonale për sigurinë …"): the audience is looked
  // for after the subject's preposition, which in Albanian is also an audience's ("për")
  // ("Konferenca rajonale e OSBE-së për …": the organization's genitive between the adjective and the subject)
  const lead = /^(?:\s+\p{Ll}+(?:ale|ore|are|ar|al|e))?(?:\s+(?:e|i|të|së)\s+\p{Lu}[\p{L}\p{M}-]*)?(?=\s+për\s)/u.exec(tail)?.[0] ?? '';
  const complement = COMPLEMENT.test(tail) ? lead + tail.slice(lead.length).replace(LATER_AUDIENCE, '$1') : GENITIVE_RUN.test(tail) && /\p{Script=Cyrillic}/u.test(tail) && !NOT_GENITIVE_RUN.test(tail) && tail.trim().split(/\s+/u).length <= 7 ? tail : '';
  // "… откроет в Нарве в понедельник Курсы подготовки преподавателей …": a kind capitalized inside a sentence heads a
  // name, which runs to the end of the phrase
  const capitalKind = /^\p{Lu}/u.test(written) && /\p{Ll}[\s,]*$/u.test(s.slice(0, kindAt)) && before.length === 0;
  const firstAfter = tail.trim().split(/\s+/u)[0] ?? '';
  const ownComplement = !complement && capitalKind && /^\s+\p{Ll}/u.test(tail) && tail.trim().split(/\s+/u).length <= 10
    && !LOCATIVE.test(firstAfter) && !new RegExp(`^(?:${PREPOSITIONS}|next|last|this|and|or|und|et|и|і|та|which|that|who|der|die|das)$`, 'iu').test(firstAfter) ? tail : '';
  if (ownComplement) return { name: `${kind}${ownComplement}`.replace(/\s+/gu, ' ').trim(), proper: true };
  const capitals = before.filter((w) => /^\p{Lu}/u.test(w)).length + (proper.trim() ? 1 : 0) + (joined ? 1 : 0);
  if (capitals === 0 && !complement) return undefined;
  // "un cours de cinq jours sur …": the duration is not part of the name
  // a German separable verb's particle closes the sentence after the name ("… zu einer Sondersitzung über … zusammen")
  const name = `${before.join(' ')} ${kind}${proper}${complement}`.replace(FRENCH_DURATION, '').replace(/\s+/gu, ' ').trim().replace(/\s+(?:zusammen|statt|teil)$/u, '');
  return { name, proper: capitals > 0 };
}

/**
 * A Russian or Ukrainian genitive after the kind that is all the rest of the name ("форум руководителей пограничных
 * служб", "форум молодых дипломатов", "Форум женщин – лидеров местных сообществ юга Кыргызстана"): lower-case words,
 * the first with a genitive plural ending, perhaps a dash and a place's genitive at the end, no preposition.
 */
const GENITIVE_RUN = /^\s+\p{Ll}+(?:ей|ов|ев|ёв|ых|их|ин|ок|ек|ів|ок)(?:\s+(?:[\p{Ll}-]+|–))*?(?:\s+\p{Lu}\p{Ll}+)?\s*$/u;
const NOT_GENITIVE_RUN = /(?<![\p{L}])(?:в|во|на|с|со|по|о|об|для|з|із|у|до|к|за|от|из|при|и|і|та|который|которая|которое|які|який|яка)(?![\p{L}])/u;

/** An ordinal number written with a full stop before a meeting's name ("XXVI. Jahrestagung", "26. Sitzung"). */
const ORDINAL_STOP = /(?:^|\s)(?:[IVXLC]{1,7}|\d{1,3})\.$/u;

function sentences(p: string): string[] {
  const out: string[] = [];
  for (let at = 0; at < p.length; ) {
    const end = sentenceEnd(p, at);
    const part = p.slice(at, end).trim();
    // "Die XXVI. Jahrestagung …": an ordinal's full stop ends no sentence
    if (out.length > 0 && ORDINAL_STOP.test(out[out.length - 1] as string)) out[out.length - 1] = `${out[out.length - 1] as string} ${part}`;
    else out.push(part);
    at = end;
  }
  return out.filter(Boolean);
}

/** Dates of the event said in the sentence, else "today"/"tomorrow" relative to `today`. */
/** What joins the two days of a range: "12 to 14", "du 12 au 14", "с 12 по 14", "nga 12 deri më 14", "12.–14.". */
const RANGE_JOIN = String.raw`(?:-|–|—|to|and|until|till|through|et|au|und|bis(?:\s+zum)?|и|і|та|до|по|al|e|y|i|deri(?:\s+më|\s+në)?|dhe|do)`;
// (a list of days runs from its first: "on 3, 4 and 5 May")
// (the French first of the month is written "1er": "les 1er et 2 décembre")
const DAY_RANGE = new RegExp(String.raw`(?<![\p{L}\d])(\d{1,2})(?:er)?\.?(?:\s*,\s*\d{1,2}\.?)*\s*${RANGE_JOIN}\s*(\d{1,2})\.?\s+(?:de\s+)?(\p{L}+)(?:\s+(?:de\s+)?(\d{4}))?`, 'iu');
/** A range of two whole dates ("from 30 April to 2 May"): what may stand between them. */
const DATES_JOIN = new RegExp(String.raw`^\s*(?:,\s*)?${RANGE_JOIN}\s*$`, 'iu');
/** Month first: "April 12-14", "April 12 to 14, 2016". */
const MONTH_FIRST_RANGE = /(?<![\p{L}])(\p{L}{3,})\s+(\d{1,2})\s*(?:-|–|to|through|and)\s*(\d{1,2})(?:,?\s+(\d{4}))?(?![\d])/u;

/** A range of days the sentence gives, or undefined. */
function rangeIn(s: string, year: number): { start: string; end: string } | undefined {
  const pair = (a: string, b: string, written: string) => {
    const start = findDate(a);
    const end = findDate(b);
    if (start?.date.year === undefined || end?.date.year === undefined) return undefined;
    const r = { start: toXsdDate({ ...start.date, year: start.date.year }, written), end: toXsdDate({ ...end.date, year: end.date.year }, written) };
    return r.end > r.start ? r : undefined;
  };
  // "le 7 et le 8 octobre", "les lundi 7 et mardi 8 octobre", "am Montag, 7., und am Dienstag, 8. Oktober": the
  // articles and weekdays around the days of a range are the days' own
  const days = s
    .replace(/(?<![\p{L}])(\p{L}{3,})\.?,?\s+(?=\d{1,2}(?:er)?\.?,?\s)/gu, (m: string, w: string) => (isWeekdayName(w) ? '' : m))
    .replace(new RegExp(String.raw`(\d(?:er)?\.?),?(\s*${RANGE_JOIN}\s+)(?:(?:le|el|il|am|the|den|on)\s+|l['’])(?=\d)`, 'giu'), '$1$2');
  const range = DAY_RANGE.exec(days);
  if (range && findDate(`${range[2]} ${range[3]} ${year}`)) return pair(`${range[1]} ${range[3]} ${range[4] ?? year}`, `${range[2]} ${range[3]} ${range[4] ?? year}`, range[0]);
  const monthFirst = MONTH_FIRST_RANGE.exec(s);
  if (monthFirst && findDate(`${monthFirst[2]} ${monthFirst[1]} ${year}`)) {
    return pair(`${monthFirst[2]} ${monthFirst[1]} ${monthFirst[4] ?? year}`, `${monthFirst[3]} ${monthFirst[1]} ${monthFirst[4] ?? year}`, monthFirst[0]);
  }
  // two whole dates joined as a range: the first takes the second's year when it has none
  const dates = findDates(s);
  for (let i = 0; i + 1 < dates.length; i++) {
    const a = dates[i] as FoundDate;
    const b = dates[i + 1] as FoundDate;
    // "du lundi 29 septembre au mercredi 1er octobre", "from Tuesday, 30 May, to Thursday, 1 June": the second day's
    // weekday stands between the join and its date
    const between = s.slice(a.index + a.length, b.index).replace(/(?<=\s)(\p{L}+),?\s*$/u, (w: string, day: string) => (isWeekdayName(day) ? '' : w));
    if (!DATES_JOIN.test(between)) continue;
    const yb = b.date.year ?? year;
    const ya = a.date.year ?? (a.date.month > b.date.month ? yb - 1 : yb);
    const start = { ...a.date, year: ya };
    const end = { ...b.date, year: yb };
    try {
      const r = { start: toXsdDate(start, s.slice(a.index, a.index + a.length)), end: toXsdDate(end, s.slice(b.index, b.index + b.length)) };
      if (r.end > r.start) return r;
    } catch {
      // an impossible day is no range
    }
  }
  return undefined;
}

/** The weekday a sentence names by its full name (five letters or more: no abbreviation such as "Do", "ср"). */
function weekdayOf(s: string): number | undefined {
  for (const m of s.matchAll(/\p{L}{5,}/gu)) {
    // "Четвртата" (the fourth) is no Thursday; "вторник" (Tuesday) is a weekday though "втор-" opens an ordinal
    if (ORDINAL.test(m[0]) && !isWeekdayName(m[0])) continue;
    const n = weekdayNumber(m[0]);
    if (n !== undefined) return n;
  }
  return undefined;
}

/** "Next week" in the page languages: a weekday in the same sentence is that day of the following week. */
const NEXT_WEEK = /(?<![\p{L}])(?:next week|la semaine prochaine|nächste Woche|kommende Woche|in der nächsten Woche|на следующей неделе|на будущей неделе|наступного тижня|наступному тижні|la settimana prossima|la prossima settimana|la próxima semana|la semana que viene|javën e ardhshme|следеће недеље|sledeće nedelje|наредната недела|следната недела)(?![\p{L}])/iu;

function datesIn(s: string, today: string, days: number | undefined, at = 0): { start?: string; end?: string } {
  const year = Number(today.slice(0, 4));
  const range = rangeIn(s, year);
  if (range) return range;
  // a date after "until" is the end, not the start ("began today … and runs until 25 January")
  const explicit = findDate(withoutUntil(s));
  let start: string | undefined;
  const weekday = explicit || TODAY.test(s) || TOMORROW.test(s) ? undefined : weekdayOf(withoutUntil(s));
  if (explicit) start = toXsdDate({ ...explicit.date, year: explicit.date.year ?? year }, s.slice(explicit.index, explicit.index + explicit.length));
  // "on Thursday", "jeudi", "am Donnerstag", "в четверг", "të enjten": the next such day from the page's (or that day)
  // "next week … on Monday": that weekday of the week after the page's (weeks start on Monday)
  else if (weekday !== undefined && NEXT_WEEK.test(s)) start = addDays(today, 7 - ((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7) + ((weekday + 6) % 7));
  // "wurde am Montag eröffnet; er dauert bis zum 25. Oktober": a weekday of a meeting that opened is the last such day
  else if (weekday !== undefined) start = new Date(`${today}T00:00:00Z`).getUTCDay() === weekday ? today : OPENED.test(s) ? addDays(nextWeekday(today, weekday), -7) : nextWeekday(today, weekday);
  else if (TODAY.test(s) || TOMORROW.test(s)) {
    // "počinje sutra …, saopštila je danas Misija": the word nearest the meeting's kind says when it starts
    const near = (re: RegExp) => {
      const found = [...s.matchAll(new RegExp(re.source, 'giu'))].map((m) => Math.abs(m.index - at));
      return found.length ? Math.min(...found) : Number.POSITIVE_INFINITY;
    };
    start = near(TOMORROW) < near(TODAY) ? addDays(today, 1) : today;
  }
  if (!start) return {};
  // an end the sentence gives ("bis zum 25. Oktober") beats one counted from a duration ("zweiwöchige": working weeks)
  const end = untilEnd(s, start, year) ?? (days ? addDays(start, days - 1) : undefined);
  return { start, ...(end ? { end } : {}) };
}

/** A meeting that has opened, in the page languages (past tense): its weekday is the last one, not the next. */
const OPENED = /(?<![\p{L}])(?:opened|began|started|was\s+(?:opened|launched)|wurde\s+(?:\p{L}+\s+){0,6}eröffnet|eröffnet\s+wurde|hat\s+(?:\p{L}+\s+){0,6}begonnen|begann|s['’]est\s+ouvert\p{L}*|a\s+débuté|a\s+commencé|a\s+été\s+ouvert\p{L}*|открыл\p{L}*|начал\p{L}*|відкрил\p{L}*|відкрив\p{L}*|розпочал\p{L}*|розпочав\p{L}*|si\s+è\s+apert\p{L}*|è\s+iniziat\p{L}*|se\s+inauguró|comenzó|u\s+hap|filloi|filluan|počeo|počela|počelo|otvoren\p{L}*|отворен\p{L}*|започна\p{L}*|отпочна\p{L}*)(?![\p{L}])/iu;

/** The meeting is under way as the page is written ("is taking place", "проходит", "se déroule"): it started by today. */
const UNDER_WAY = /(?<![\p{L}])(?:is taking place|is being held|is under way|are taking part|проходит|проводится|відбувається|проходить|se déroule|se tient|findet\s.*\sstatt|si svolge|se celebra|zhvillohet|održava se|се одржува)(?![\p{L}])/iu;

/** "until Tuesday", "jusqu'à vendredi", "bis Dienstag", "до 25 січня": the end of a meeting that starts on `start`. */
const UNTIL = /(?<![\p{L}])(?:(?:will\s+)?(?:conclude|concludes|close|closes|end|ends|finish|finishes)\s+on|se\s+(?:terminera|clôturera|clôture|termine|achèvera)\s+le|si\s+(?:concluderà|chiuderà)|terminerà|se\s+clausurará|concluirá|terminará|s['’]achèvera\s+le|завершится|закончится|завершиться|закінчиться|endet\s+am|zgjat\s+deri(?:\s+më)?|traje\s+do|trajaće\s+do|trajati\s+do|трае\s+до|траје\s+до|трајаће\s+до|трајати\s+до|until|till|through|jusqu['’]à|jusqu['’]au|bis(?:\s+zum|\s+am)?|до|fino a|hasta(?:\s+el)?|deri(?:\s+më)?|do)\s+(?:(?:в|во|у|on|am|le|u|në|el|il)\s+(?=\p{L}+(?:[\s,.;]|$)))?((?:\p{L}+,?\s+)?\d{1,2}\.?\s+(?:de\s+)?\p{L}+(?:\s+(?:de\s+)?\d{4})?|\p{L}+)/giu;

function untilEnd(s: string, start: string, year: number): string | undefined {
  // "do të zgjasë deri më 19 prill": the first "until" that is followed by a day or a date ("do" is also a word)
  for (const m of s.matchAll(UNTIL)) {
    const found = findDate(m[1] as string);
    if (found) {
      const end = toXsdDate({ ...found.date, year: found.date.year ?? year }, m[1] as string);
      if (end > start) return end;
      continue;
    }
    const weekday = weekdayNumber(m[1] as string);
    if (weekday !== undefined) return nextWeekday(start, weekday);
  }
  return undefined;
}
/** The sentence without its "until …" phrases that give a day or a date (the start is not there). */
function withoutUntil(s: string): string {
  return s.replace(UNTIL, (m: string, what: string) => (findDate(what) || weekdayNumber(what) !== undefined ? '' : m));
}

/**
 * The announced event of the paragraphs (dateline removed), or undefined: the first meeting with a proper name
 * ("OSCE Counter-Terrorism Conference") on or after `today`, else the first one named by its subject.
 */
/**
 * The meeting's name in the title's form when the title names it in another case ("у … Школі безпеки для журналістів"
 * in the text, "відкрилася Школа безпеки для журналістів" in the title): the nominative, as a name is cited.
 */
function titleForm(name: string, title: string | undefined): string {
  if (!title) return name;
  const want = name.split(/\s+/u);
  const have = title.split(/\s+/u).map((w) => w.replace(/^[(«„“"]+|[)»“”",.:;!?]+$/gu, ''));
  const same = (a: string, b: string) => {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    const n = Math.max(3, Math.min(x.length, y.length) - 2);
    return x === y || (x.length >= 4 && y.length >= 4 && x.slice(0, n) === y.slice(0, n) && Math.abs(x.length - y.length) <= 2);
  };
  for (let i = 0; i + want.length <= have.length; i++) {
    const slice = have.slice(i, i + want.length);
    if (slice.every((w, k) => same(w, want[k] as string)) && slice.join(' ') !== name) return slice.join(' ');
  }
  return name;
}

export function findEvent(paragraphs: readonly string[], today: string, title?: string): EventFacts | undefined {
  const split = paragraphs.map(sentences);
  const all = split.flat();
  // the sentence before each in its own paragraph
  const previous = split.flatMap((p) => p.map((_, i) => (i > 0 ? p[i - 1] : undefined)));
  const found: (EventFacts & { proper: boolean })[] = [];
  const year = Number(today.slice(0, 4));
  for (const [k, s] of all.entries()) {
    // a sentence saying the meeting starts or is held, or a listing entry giving its range of days without a verb
    // ("Formation sur …, 23-24 septembre 2019, Bichkek")
    if ((!STARTS.test(s) && !rangeIn(s, year)) || ENDED.test(s)) continue;
    const kinds = [...s.matchAll(KIND)];
    for (const [j, m] of kinds.entries()) {
      // "The OSCE Forum for Security Co-operation will hold a Special Meeting on …": a body named by a kind that holds,
      // hosts or organizes another meeting is the organizer, and the meeting is the one after the verb
      const next = kinds[j + 1];
      // ("Das Forum für Sicherheitskooperation tritt … zu einer Sondersitzung über … zusammen": the body meets for the
      // meeting the sentence leads into with "zu einer", "to a", "à une")
      if (next && (ORGANIZES.test(s.slice(m.index + m[0].length, next.index)) || LEADS_INTO.test(s.slice(m.index + m[0].length, next.index)))) continue;
      // "dialogue", "exhibition" are meetings only in a name with its subject ("the Mediterranean Dialogue on Water
      // Scarcity"), never "political dialogue" or "a dialogue with"
      if (NOT_MEETINGS.test(m[0]) && !(/^\p{Lu}/u.test(m[0]) && /^\s+(?:on|sur|über|zu|по|о|з|sulla|sobre|për|o)\s/u.test(s.slice(m.index + m[0].length)))) continue;
      const named = nameAt(s, m.index, m[0]);
      if (!named) continue;
      const d = duration(s) ?? lasting(s);
      const continues = /(?<![\p{L}])continues\s+tomorrow/iu.test(s);
      const dates = continues ? { start: today, end: addDays(today, 1) } : datesIn(s, today, d?.days, m.index);
      if (!dates.start && (TODAY.test(s) || /(?<![\p{L}])(?:will|gathers|meets)(?![\p{L}])/iu.test(s) || UNDER_WAY.test(s))) {
        dates.start = today;
        const end = d ? addDays(today, d.days - 1) : untilEnd(s, today, Number(today.slice(0, 4)));
        if (end) dates.end = end;
      }
      // a meeting that opened before the page's day and is still under way ("opened on 9 September and runs until
      // 11 September" on the 10th) is announced as much as one to come
      if (!dates.start || (dates.start < today && !(dates.end && dates.end >= today))) continue;
      const end = dates.end ?? laterEnd(all.slice(k + 1, k + 3), m[0], dates.start) ?? continuation(all, named.name, today, dates.start);
      found.push({ name: named.name, startDate: dates.start, endDate: end, rest: s, before: previous[k], proper: named.proper });
      break;
    }
  }
  const best = found.find((f) => f.proper) ?? found[0];
  return best && { name: titleForm(best.name, title), startDate: best.startDate, endDate: best.endDate, rest: best.rest, before: best.before };
}

/**
 * The end of a meeting said in the next sentences: "Bis Freitag beraten …" (a sentence opening with "until"), "The
 * conference runs from 14 to 15 November" (a range of the same meeting from its start), "… lasts until Friday".
 */
function laterEnd(next: readonly string[], kind: string, start: string): string | undefined {
  const year = Number(start.slice(0, 4));
  const stem = kind.toLowerCase().slice(0, Math.max(4, kind.length - 3));
  for (const s of next) {
    const range = rangeIn(s, year);
    if (range && range.start === start) return range.end;
    const opens = /^\P{L}*/u.exec(s)?.[0].length ?? 0;
    const u = new RegExp(UNTIL.source, "iu").exec(s);
    if (u && (u.index === opens || (s.toLowerCase().includes(stem) && /(?<![\p{L}])(?:runs|lasts|continues|dauert|läuft|dure|durera|se poursuit|se poursuivra|продлится|продолжится|триватиме|trajaće|traje|zgjat|proseguirà|continua)(?![\p{L}])/iu.test(s)))) {
      const end = untilEnd(s, start, year);
      if (end) return end;
    }
  }
  return undefined;
}

/** "The meeting … continues tomorrow": the end of a meeting that began today. */
function continuation(all: readonly string[], name: string, today: string, start: string): string | undefined {
  const key = name.split(/\s+/u).slice(-3).join(' ').toLowerCase();
  const later = all.find((s) => s.toLowerCase().includes(key) && /continues tomorrow|продолжится завтра|se poursuit demain|wird morgen fortgesetzt/iu.test(s));
  return later && start === today ? addDays(today, 1) : undefined;
}

/** Phrases naming who organizes the event ("organized by the X", "in co-operation with the Y"). */
export function organizerPhrases(paragraphs: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paragraphs.slice(0, 3)) {
    for (const m of p.matchAll(/\b(?:organi[sz]ed|hosted|convened|co-organi[sz]ed)\s+(?:jointly\s+)?by\s+(.+?)(?=,\s+(?:brings|bringing|is|was|will)\b|[.;]|$)/giu)) {
      out.push(...(m[1] as string).split(/\s+(?:in co-operation with|in cooperation with|together with|jointly with)\s+/i));
    }
  }
  return out;
}

/**
 * A city the reference data does not know, named where the meeting is held: "will take place in Riga", "në Pogradec",
 * "à Genève", "a Roma", and in the Slavic languages in the case a preposition gives it ("u Novom Sadu", "у Херсоні",
 * "во Охрид"), found through the cities' names of data/city-names.tsv and keyed by the city's English name. Never a
 * State, a structure or another name the matcher knows.
 */
// (a preposition opening the sentence is capitalized: "U Budvi danas počinje …", "В Оше пройдет …")
const HELD_IN = /(?<![\p{L}])(?:[Ii]n|[Àà]|[Ee]n|[Nn]ë|a|[Uu]|[Уу]|[Вв]|[Вв]о|[Nn]a|[Нн]а)\s+(\p{Lu}[\p{Ll}\p{M}'’-]+(?:\s\p{Lu}[\p{Ll}\p{M}'’-]+)?)/gu;
const NOT_CITY = /^(?:The|La|Le|Les|L|Der|Die|Das|Il|El|OSCE|OSZE|January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Europe|Asia|Central|South|North|East|West)(?![\p{L}])|^(?:Mediterr|Balkan|Cauca|Kaukas)/u;

function cityOfSentence(sentence: string, hits: readonly NameHit[], iris: Iris, eventName: string, index: ReferenceIndex): PlaceRef | undefined {
  const slavic = /\p{Script=Cyrillic}/u.test(sentence) || /[čćšžđ]/iu.test(sentence);
  // "OSZE-Konferenz über Grenzsicherheit in Zentralasien … in Berlin": a place inside the meeting's name is its subject
  const tailWords = eventName.split(/\s+/u).slice(-2).join(' ');
  const nameAt = sentence.indexOf(tailWords);
  const nameEnd = nameAt < 0 ? 0 : nameAt + tailWords.length;
  for (const m of sentence.matchAll(HELD_IN)) {
    const written = m[1] as string;
    const at = m.index + m[0].length - written.length;
    if (at < nameEnd && nameAt >= 0 && at >= nameAt) continue;
    if (NOT_CITY.test(written) || hits.some((h) => h.start < at + written.length && h.end > at)) continue;
    // the whole phrase, else its first word ("u Kragujevcu" before a comma or a second capitalized word)
    const first = written.split(' ')[0] as string;
    const city = placeName(written) ?? (written.includes(' ') ? placeName(first) : undefined) ?? (cityInflected(written) ?? (written.includes(' ') ? cityInflected(first) : undefined))?.name;
    if (city) {
      const known = index.find(city, 'place');
      if (known) return { iri: known.iri, name: known.label, minted: false, country: known.country };
      const slug = slugify(city);
      if (slug) return { iri: iris.entity('place', slug), name: city, minted: true, country: undefined };
    }
    // a city the table lacks is taken as written only where the language does not inflect it
    if (slavic || !/^(?:in|à|en|në)\s/u.test(m[0]) || at < nameEnd) continue;
    const slug = slugify(written);
    if (slug) return { iri: iris.entity('place', slug), name: written, minted: true, country: undefined };
  }
  return undefined;
}

/**
 * A page without a place of its own whose meeting's sentence names none: the city the sentence before it says the
 * participants travel to or meet in ("Zwölf Mitglieder … reisen nächste Woche nach Warschau. Die dreitägige
 * Studienreise … beginnt am Montag"): a city after a preposition of direction or place.
 */
function travelledTo(before: string | undefined, index: ReferenceIndex, iris: Iris): PlaceRef | undefined {
  if (!before) return undefined;
  const hits = nameMatcher(index).find(before);
  const known = hits.find((h) => h.category === 'place' && !hits.some((o) => o !== h && o.category !== 'place' && o.start <= h.start && o.end >= h.end));
  if (known) return { iri: known.iri, name: index.label(known.iri) ?? known.text, minted: false, country: index.entries.get(known.iri)?.country };
  for (const m of before.matchAll(/(?<![\p{L}])(?:to|nach|à|a|in|en|në|в|у|u|do)\s+(\p{Lu}[\p{Ll}\p{M}'’-]+)/gu)) {
    const city = placeName(m[1] as string) ?? cityInflected(m[1] as string)?.name;
    if (!city || index.find(city, 'country')) continue;
    const same = index.find(city, 'place');
    if (same) return { iri: same.iri, name: same.label, minted: false, country: same.country };
    const slug = slugify(city);
    if (slug) return { iri: iris.entity('place', slug), name: city, minted: true, country: undefined };
  }
  return undefined;
}

/** The announced event as a record: the place it names (else the page's), its organizers. */
/** A span of origins: "from Bishkek to Sarajevo", "de Vienne à Bichkek", "von Wien bis Bischkek", "от Бишкека до …". */
const FROM_TO = /(?<![\p{L}])(?:from|de|du|von|aus|da|desde|от|від|od|nga)\s+\p{Lu}[\p{L}\p{M}'’-]*(?:\s+\p{Lu}[\p{L}\p{M}'’-]*)?\s+(?:to|à|au|bis|nach|a|hasta|до|do|deri\s+në)\s+\p{Lu}[\p{L}\p{M}'’-]*(?:\s+\p{Lu}[\p{L}\p{M}'’-]*)?/gu;
/** A meeting held online (its name says so): it has no venue. */
const ONLINE = /(?<![\p{L}])(?:online|virtual|en\s+ligne|virtuel\p{L}*|онлайн|onlajn|virtuale|en\s+línea|webinar|вебинар|вебінар)(?![\p{L}])/iu;

export function eventOf(text: readonly string[], today: string, places: readonly PlaceRef[], index: ReferenceIndex, iris: Iris, title?: string): EventRecord | undefined {
  const facts = findEvent(text, today, title);
  if (!facts) return undefined;
  const hits = nameMatcher(index).find(facts.rest);
  // a city inside a structure's name ("le Centre de l'OSCE à Astana") is the structure's seat, not where the meeting is;
  // of the others, the first after the meeting's name ("… du 8 au 10 juin à Almaty") before one ahead of it
  const inside = (h: NameHit) => hits.some((o) => o !== h && o.category !== 'place' && o.start <= h.start && o.end >= h.end);
  const cities = hits.filter((h) => h.category === 'place' && !inside(h));
  const nameEnd = facts.rest.indexOf(facts.name.split(/\s+/u).slice(-1)[0] ?? '');
  // "from Bishkek to Sarajevo", "de Vienne à Bichkek": where the participants come from is no venue
  const span = [...facts.rest.matchAll(FROM_TO)].map((m) => [m.index, m.index + m[0].length] as const);
  const venues = cities.filter((h) => !span.some(([a, b]) => h.start >= a && h.end <= b));
  const named = venues.find((h) => nameEnd >= 0 && h.start > nameEnd) ?? venues[0] ?? (span.length === 0 ? hits.find((h) => h.category === 'place') : undefined);
  // an online meeting has no venue
  const online = ONLINE.test(facts.name);
  const place = online ? undefined : named ? { iri: named.iri, name: index.label(named.iri) ?? named.text, minted: false, country: index.entries.get(named.iri)?.country } : cityOfSentence(facts.rest, hits, iris, facts.name, index) ?? places[0] ?? travelledTo(facts.before, index, iris);
  const organizers = organizerPhrases(text)
    .map((phrase) => findNames(phrase, index).find((f) => f.category === 'structure')?.iri)
    .filter((x): x is string => x !== undefined);
  return {
    iri: iris.entity('meeting', `${facts.startDate ?? today}-${slugify(facts.name, 50) || 'event'}`),
    name: facts.name, startDate: facts.startDate, endDate: facts.endDate, place, organizers: [...new Set(organizers)],
  };
}
