/**
 * Persons named in a release and who a short reference means. A person's name is a run of capitalized words (with
 * particles such as "de", "van der", and initials) that is not a name of the reference data (a body, place, State or
 * field of work is never a person) and has no word of an office ("Minister", "Generalsekretärin") or a word the page
 * also writes in lower case. The book keeps the persons in page order with the role the page gives them, and resolves
 * a surname ("Lenarčič said"), a title and surname ("Ambassador Vreede") or a pronoun to one of them; failing that,
 * a surname or full name to a person of the graph (an office holder).
 */
import { HONORIFICS, NAME_PARTICLES, ROLE_STEMS } from './lexicon.js';
import { isGermanNoun, isGivenName } from './given-names.js';
import { fold, nameMatcher, type NameHit } from './name-matcher.js';
import { sameNameAcrossScripts } from './person-key.js';
import type { ReferenceIndex } from './reference-index.js';

export interface PersonMention {
  name: string;
  start: number;
  end: number;
}

const NAME_WORD = /^(?:\p{Lu}[\p{L}\p{M}'’]*(?:-\p{Lu}?[\p{L}\p{M}'’]+)*|\p{Lu}\.)$/u;
const TOKEN = /\p{Lu}\.(?=\s)|\p{L}[\p{L}\p{M}'’-]*/gu;
const honorifics = new Set(HONORIFICS.map(fold));

/** A word of an office: a role stem at its start or, in German compounds, at its end ("Bundesaußenminister"). */
const stems = ROLE_STEMS.map(fold);
const roleWords = new Map<string, boolean>();

/**
 * Office words matched as whole words only, where their stem starts given names: the Albanian "shef" (chief) in its
 * case forms ("Shefi i Misionit"), whose stem starts "Shefqet", "Shefik".
 */
// (and the Latin Serbian, Croatian and Bosnian "šef", folded, in its cases: "šef Misije", "šefica"; not a stem: "Sefer")
const ROLE_FORMS = new Set(['shef', 'shefi', 'shefin', 'shefit', 'shefe', 'shefja', 'shefen', 'shefes', 'shefet', 'sef', 'sefa', 'sefu', 'sefom', 'sefica', 'sefice', 'seficu']);

/**
 * Scientists named by their science ("гидролог", "социолога", "hydrologist", "sociologue", "Soziologin",
 * "hidrologe"): a noun of "-logy" in any case form of the page languages is an occupation. The few "-log" nouns that
 * name no person (a prologue, a monologue, an obituary) are not.
 */
const LOGY_OCCUPATION = /^\p{L}+(?:олог(?:а|у|ом|е|и|ов|ів|ам|ами|иня|ині|иню|инею|иња|ињу|иње)?|olog(?:ist|ists|ue|ues|e|en|in|innen|a|u|i|ia|inja|inje|ët)?)$/u;
const NOT_LOGY_OCCUPATION = /^(?:пр|мон|некр|пр|хрон|тех|термин|антр)олог|^(?:pr|mon|nekr|necr|chron|term|techn)olog/u;

export function isRoleWord(word: string): boolean {
  const whole = fold(word).replace(/[.’']+$/u, '');
  let known = roleWords.get(whole);
  if (known === undefined) {
    // a hyphenated office is one word ("Co-ordinator"), and so are its parts ("Bundesaußenminister-Stellvertreter")
    known = honorifics.has(whole) || ROLE_FORMS.has(whole) || LOGY_OCCUPATION.test(whole) && !NOT_LOGY_OCCUPATION.test(whole) || stems.some((s) => s.includes('-') && whole.startsWith(s)) || whole.split('-').some((part) => {
      const w = part.replace(/(?:in|innen)$/u, '');
      return stems.some((s) => part.startsWith(s) || (w.length > s.length + 3 && w.endsWith(s)));
    });
    if (roleWords.size < 10_000) roleWords.set(whole, known);
  }
  return known;
}

/** Words of institutions that are capitalized in names of bodies, buildings and events, never in a person's name. */
// (and the words of a ministry's name in the Romance languages: "Ministro degli Affari Esteri e della Cooperazione
// Internazionale", "Ministro de Asuntos Exteriores y de Cooperación", "ministre de l'Europe et des Affaires étrangères")
const INSTITUTION_WORDS = ['affari', 'esteri', 'cooperazione', 'internazionale', 'asuntos', 'exteriores', 'cooperación', 'cooperacion', 'affaires', 'étrangères', 'etrangeres', 'européennes', 'europeennes', 'administration', 'affairs', 'agency', 'academy', 'authority', 'chamber', 'directorate', 'inspectorate', 'municipality', 'radio', 'television', 'association', 'board', 'building', 'bureau', 'centre', 'center', 'college', 'committee', 'commission', 'conference', 'congress', 'council', 'court', 'department', 'division', 'embassy', 'europe', 'european', 'forum', 'foundation', 'fund', 'government', 'group', 'hall', 'hotel', 'house', 'information', 'institute', 'interior', 'justice', 'ministry', 'network', 'office', 'palace', 'parliament', 'police', 'programme', 'program', 'project', 'republic', 'resources', 'school', 'section', 'service', 'session', 'square', 'street', 'straße', 'strasse', 'gasse', 'platz', 'ring', 'allee', 'summit', 'tribunal', 'union', 'unit', 'university', 'week', 'day',
  // the portfolios in ministries' names ("Deputy Minister of Education and Science Aizada …", "Minister for Foreign
  // Affairs and Trade"), capitalized in English before a name and never a name's word
  'education', 'science', 'health', 'culture', 'finance', 'finances', 'economy', 'trade', 'labour', 'labor', 'defence',
  'defense', 'agriculture', 'energy', 'environment', 'youth', 'sport', 'sports', 'tourism', 'transport', 'development',
  'integration', 'technology', 'technologies', 'innovation', 'emergency', 'emergencies', 'welfare', 'infrastructure',
  'communications', 'digital', 'territories', 'reintegration', 'veterans', 'diaspora', 'ecology', 'industry',
  'employment', 'fisheries', 'forestry', 'social', 'protection', 'policy', 'family', 'public', 'works', 'regional', 'local',
  'planning', 'economic', 'internal', 'foreign', 'natural', 'mining', 'human', 'rights', 'equality', 'minorities',
  // the same nouns in French, Italian and Spanish names of bodies and buildings ("le Congrès de Liège", "Palais des
  // Congrès", "Consiglio comunale di Trento", "Asamblea de Madrid"), with and without their accents
  ...['congrès', 'conseil', 'cour', 'assemblée', 'parlement', 'ministère', 'palais', 'université', 'institut', 'comité', 'fondation', 'agence',
    'chambre', 'mairie', 'préfecture', 'gouvernement', 'école', 'lycée', 'collège', 'conférence', 'sommet', 'théâtre', 'musée', 'hôtel',
    'congresso', 'consiglio', 'corte', 'assemblea', 'parlamento', 'ministero', 'palazzo', 'università', 'istituto', 'comitato', 'fondazione',
    'agenzia', 'camera', 'comune', 'governo', 'scuola', 'congreso', 'consejo', 'asamblea', 'ministerio', 'palacio', 'universidad', 'instituto',
    'fundación', 'agencia', 'cámara', 'ayuntamiento', 'gobierno', 'escuela'].flatMap((w) => [w, w.normalize('NFKD').replace(/\p{M}/gu, '')])];

/**
 * Stems of the nouns of committees and commissions in the page languages, in any case form and, in German, at the end
 * of a compound ("des Allgemeinen Ausschusses", "Menschenrechtsausschuss", "Комитета"): a body's word, never a name's.
 */
const BODY_STEMS = ['ausschuss', 'komitee', 'kommission', 'commissione', 'comision', 'komisij', 'komision', 'комитет', 'комисси', 'комісі', 'комітет', 'комисиј'];

/** Institutions in German, whose adjectives before them are capitalized in a name ("Technische Hochschule"). */
const GERMAN_INSTITUTIONS = /(?:hochschule|universität|schule|institut|akademie|stiftung|ministerium|behörde|gericht|verband|verein|zentrum|amt|gymnasium|klinik|kammer|rat|bank)$/u;

/** A word of a body's or an institution's name. */
function isBodyOrInstitution(word: string): boolean {
  const w = fold(word);
  return isBodyWord(word) || INSTITUTION_WORDS.includes(w) || GERMAN_INSTITUTIONS.test(word.toLowerCase());
}

function isBodyWord(word: string): boolean {
  const w = fold(word);
  return BODY_STEMS.some((s) => w.startsWith(s) || (w.length > s.length + 3 && w.includes(s) && /^\p{Script=Latin}/u.test(w)));
}

const vocabularies = new WeakMap<ReferenceIndex, Set<string>>();

/** Words of the names of the reference data other than persons' (bodies, places, States, fields, content types). */
function vocabulary(index: ReferenceIndex): Set<string> {
  let v = vocabularies.get(index);
  if (v) return v;
  v = new Set(INSTITUTION_WORDS);
  for (const q of index.quads) {
    if (q.object.termType !== 'Literal' || q.subject.termType !== 'NamedNode') continue;
    const kind = index.iris.parseEntity(q.subject.value.replace(/#.*$/u, ''))?.kind;
    if (!kind || kind === 'person' || kind === 'membership' || kind === 'release' || kind === 'quotation') continue;
    if (!/(?:name|label|Label|abbreviation|formerName|demonym|literalForm)$/u.test(q.predicate.value)) continue;
    for (const w of q.object.value.split(/[^\p{L}]+/u)) if (w.length >= 4) v.add(fold(w));
  }
  vocabularies.set(index, v);
  return v;
}

/**
 * Words that are not parts of persons' names on this page: its lower-case words (a capitalized word the page also
 * writes in lower case is a common word) and the words of the reference data's names of bodies, places and fields.
 */
export function commonWords(text: string, index: ReferenceIndex): Set<string> {
  const lower = [...text.matchAll(/(?<![\p{L}])\p{Ll}[\p{L}\p{M}]*/gu)].map((m) => fold(m[0]));
  return new Set([...vocabulary(index), ...lower]);
}

function isAcronym(word: string): boolean {
  // with a case ending: "ОЕБС-а", "OSBE-së", "ODIHR-it"
  const letters = word.replace(/(?<=\p{Lu}{2,})-\p{Ll}{1,3}$/u, '').replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase();
}

/** Prepositions of place in the Slavic languages, Albanian and English, right before a capitalized word. */
const PLACE_PREPOSITION = /(?:^|[\s(])(?:в|во|на|из|у|з|із|од|u|iz|na|od|do|në|nga|in|at)\s+$/u;

/** Languages that capitalize every noun: there a capital letter is no sign of a name. */
export const NOUNS_CAPITALIZED = new Set(['de', 'lb']);

/**
 * Where a person's name starts in a run of capitalized words: on a page whose nouns are all capitalized, after the
 * last word with a noun's suffix ("Landesverteidigung Klaudia Tanner"); and in a run of three words or more whose
 * first is no given name, at the first given name ("Äußeres Sebastian Kurz", "Auswärtigen Amt Max Muster", a
 * sentence's first word "Тетово Јордан Стојановски", "Інспектор Йорг Ланге").
 */
function nameStart(run: readonly RegExpMatchArray[], minor: (w: RegExpMatchArray) => boolean, nounsCapitalized: boolean): number {
  let start = 0;
  if (nounsCapitalized) run.forEach((w, i) => { if (i < run.length - 1 && !minor(w) && isGermanNoun(w[0])) start = i + 1; });
  // a person of the graph written in Cyrillic ("Гельга Марія Шмід"): the whole run, whatever the given-name lists say
  if (isGraphPersonAcrossScripts(run.slice(start).map((w) => w[0]).join(' '))) return start;
  const major = run.slice(start).filter((w) => !minor(w));
  if (major.length >= 3 && !isGivenName((major[0] as RegExpMatchArray)[0])) {
    const given = major.findIndex((w, i) => i > 0 && i <= major.length - 2 && isGivenName(w[0]));
    if (given > 0) start = run.indexOf(major[given] as RegExpMatchArray);
  }
  return start;
}

/**
 * The persons' names in `phrase`, in order: runs of capitalized words with honorifics, words of offices, acronyms
 * and names of the reference data before them dropped. Single words only count with `allowSingle` (a surname, which
 * the caller checks against the book). `lang` is the page's language (German capitalizes nouns: nameStart).
 */
export function nameRuns(phrase: string, common: Set<string>, names: readonly NameHit[] = [], allowSingle = false, lang = ''): PersonMention[] {
  const words = [...phrase.matchAll(TOKEN)];
  const out: PersonMention[] = [];
  const covered = coverage(names);
  // a State's name that the matcher read as a first name ("Jordan Whitfield") is a name word here, not a common word
  const firstNames = new Set(names.filter((n) => n.firstName).map((n) => n.start));
  for (let i = 0; i < words.length; i++) {
    const run: RegExpMatchArray[] = [];
    for (let j = i; j < words.length; j++) {
      const w = words[j] as RegExpMatchArray;
      const prev = words[j - 1];
      if (j > i && prev && !/^\s+$/u.test(phrase.slice(prev.index! + prev[0].length, w.index))) break;
      if (!(NAME_WORD.test(w[0]) || (j > i && NAME_PARTICLES.has(w[0])))) break;
      run.push(w);
    }
    i += Math.max(0, run.length - 1);
    // longer runs of capitals are headings or names of bodies, not a person's name
    if (run.length > 8) continue;
    // ("Elena Marin": a surname that is also a word of the reference data's names, right after a given name)
    const afterGiven = (w: RegExpMatchArray) => { const k = run.indexOf(w); return k > 0 && isGivenName((run[k - 1] as RegExpMatchArray)[0]) && !isRoleWord(w[0]) && !isBodyOrInstitution(w[0]) && !isAcronym(w[0]) && !FUNCTION_WORDS.has(w[0].toLowerCase()) && !covered(w.index!); };
    const ok = (w: RegExpMatchArray) => firstNames.has(w.index!) || good(w, common, covered) || afterGiven(w);
    while (run.length > 0 && !ok(run[0] as RegExpMatchArray)) run.shift();
    // "Karel De Gucht": a particle may be capitalized inside a name
    const minor = (w: RegExpMatchArray) => NAME_PARTICLES.has(w[0].toLowerCase()) || /^\p{Lu}\.$/u.test(w[0]);
    while (run.length > 0 && minor(run[run.length - 1] as RegExpMatchArray)) run.pop();
    // "Regional Court Chairman Bakhtiyor Umarov", "Prefect Arben Hoxha": the name is the words after the last that cannot
    // be part of one (an office's, a body's)
    // "Tobias Grunewald von der Technischen Hochschule Lübeck": a particle followed by a body's words is a preposition
    const particle = run.findIndex((w, k) => k > 0 && NAME_PARTICLES.has(w[0].toLowerCase()) && run.slice(k + 1).some((x) => !minor(x) && isBodyOrInstitution(x[0])));
    if (particle > 0) run.splice(particle);
    const lastBad = run.map((w) => !minor(w) && !ok(w)).lastIndexOf(true);
    if (lastBad >= 0) run.splice(0, lastBad + 1);
    if (run.length === 0) continue;
    run.splice(0, nameStart(run, minor, NOUNS_CAPITALIZED.has(lang)));
    // "Директор школы в Туркестане Гульнара Есенова": after a preposition of place, the first word is the place
    if (run.filter((w) => !minor(w)).length >= 3 && PLACE_PREPOSITION.test(phrase.slice(Math.max(0, (run[0] as RegExpMatchArray).index! - 6), (run[0] as RegExpMatchArray).index))) run.shift();
    // "Deputy Minister of Education, Science, Culture and Sports Aida Kovač", "First Vice-Minister of Water Resources and
    // Irrigation Aidos …": after a conjunction, a preposition or a comma inside an office's name, the first word of a
    // run of three is the office's last (not a given name); in German, a capitalized word after an article is a noun
    // ("Leiterin der Abteilung … des Grenzdienstes Gulnara Sadykova")
    if (run.filter((w) => !minor(w)).length >= 3 && !isGivenName((run[0] as RegExpMatchArray)[0])) {
      const lead = phrase.slice(Math.max(0, (run[0] as RegExpMatchArray).index! - 80), (run[0] as RegExpMatchArray).index);
      const inOffice = /(?:^|\s)(?:and|of|for|und|et|de|des|du|i|и|і|та|e|y|dhe)\s+$|,\s*$/u.test(lead) && lead.split(/\s+/u).slice(-8).some((w) => isRoleWord(w.replace(/[,;]$/u, '')));
      const afterArticle = NOUNS_CAPITALIZED.has(lang) && /(?:^|\s)(?:des|der|dem|den|die|das|eines|einer|einem)\s+$/u.test(lead);
      if (inOffice || afterArticle) run.shift();
    }
    while (run.length > 0 && minor(run[0] as RegExpMatchArray)) run.shift();
    if (run.length === 0) continue;
    if (run.filter((w) => !minor(w)).length < 2 && !allowSingle) continue;
    // "studentkinja novinarstva iz Novog Pazara", "в Нижнем Новгороде": two capitalized words right after a preposition
    // of place are a place's name, not a person's (not the page's person's, who is known by name: "u Marka Petrovića")
    if (run.length === 2 && !isGivenName((run[0] as RegExpMatchArray)[0]) && /(?:^|[\s(])(?:iz|u|у|в|во|из|із|in|në|nga|nel|nella)\s+$/u.test(phrase.slice(Math.max(0, (run[0] as RegExpMatchArray).index! - 6), (run[0] as RegExpMatchArray).index))) continue;
    const first = run[0] as RegExpMatchArray;
    const last = run[run.length - 1] as RegExpMatchArray;
    const end = last.index! + last[0].replace(/[’']s$/u, '').length;
    // «Луч надежды», "Women of the East": the whole of a quoted name is a body's, a publication's or an event's
    if (/[«“„"‘]\s*$/u.test(phrase.slice(Math.max(0, first.index! - 2), first.index)) && /^\s*[»“”"’]/u.test(phrase.slice(end, end + 2))) continue;
    out.push({ name: phrase.slice(first.index, end), start: first.index!, end });
  }
  return out;
}

/** Whether an offset lies inside a name of the reference data other than a person's (sorted ranges, binary search). */
function coverage(names: readonly NameHit[]): (at: number) => boolean {
  const ranges = names.filter((n) => n.category !== 'person').map((n) => [n.start, n.end] as const).sort((a, b) => a[0] - b[0]);
  return (at) => {
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [start, end] = ranges[mid] as readonly [number, number];
      if (at < start) hi = mid - 1;
      else if (at >= end) lo = mid + 1;
      else return true;
    }
    return false;
  };
}

/** Prepositions and conjunctions that start a sentence ("For Dilnoza Karimova, …"): capitalized, never a name's. */
const FUNCTION_WORDS = new Set(['for', 'with', 'after', 'before', 'in', 'at', 'on', 'by', 'from', 'as', 'when', 'while', 'since', 'during', 'like', 'unlike', 'pour', 'avec', 'selon', 'après', 'avant', 'dans', 'chez', 'für', 'mit', 'nach', 'bei', 'laut', 'während', 'для', 'по', 'после', 'від', 'після', 'për', 'pas', 'sipas', 'posle', 'nakon', 'prema']);

function good(w: RegExpMatchArray, common: Set<string>, covered: (at: number) => boolean): boolean {
  const word = w[0].replace(/[’']s$/u, '');
  if (!NAME_WORD.test(word) || isAcronym(word) || isRoleWord(word) || isBodyWord(word) || FUNCTION_WORDS.has(word.toLowerCase())) return false;
  if (common.has(fold(word))) return false;
  // a word inside a name of the reference data (a place, a State, a structure, a field) is not part of a person's name
  return !covered(w.index!);
}

export interface KnownPerson {
  name: string;
  role: string | undefined;
  affiliation: string | undefined;
}

const words = (name: string): string[] => fold(name).split(/[\s-]+/u).filter(Boolean);

/** The persons of one page, each named once with the role the page gives them, and where each is named. */
export class PersonBook {
  readonly persons: KnownPerson[] = [];
  /** Where each person was last named (pages are read in order, so the last mention is the nearest before). */
  private readonly last = new Map<KnownPerson, number>();
  private readonly graph: string[];

  constructor(index: ReferenceIndex) {
    this.graph = graphPersons(index);
  }

  /** Records that a person is named at `at`; a known person keeps the first full name and gains a missing role. */
  add(name: string, at: number, role?: string, affiliation?: string): KnownPerson {
    const same = this.persons.find((p) => fold(p.name) === fold(name)) ?? this.onPage(name);
    const person = same ?? { name, role, affiliation };
    if (!same) this.persons.push(person);
    // a later mention may give the role in full ("PA Special Representative X" in a caption, then "the Assembly's
    // Special Representative on the South Caucasus, X"): the fuller role of the same office wins
    if (role && (!person.role || (role.length > person.role.length && fold(role).startsWith(fold(person.role)) && (!affiliation || !person.affiliation || affiliation === person.affiliation)))) person.role = role;
    if (!person.affiliation && affiliation) person.affiliation = affiliation;
    this.last.set(person, Math.max(at, this.last.get(person) ?? at));
    return person;
  }

  /** The person of the page whose name ends with these words ("Lenarčič", "Perrin de Brichambaut"), last named first. */
  onPage(text: string): KnownPerson | undefined {
    const w = words(text);
    if (w.length === 0) return undefined;
    const tail = (name: string) => words(name).slice(-w.length).join(' ');
    let best: KnownPerson | undefined;
    for (const p of this.persons) {
      if (words(p.name).length >= w.length && tail(p.name) === w.join(' ') && (!best || (this.last.get(p) ?? -1) >= (this.last.get(best) ?? -1))) best = p;
    }
    return best;
  }

  /** The person a surname or full name means: named earlier on the page, else the one person of the graph so named. */
  bySurname(text: string): KnownPerson | undefined {
    const onPage = this.onPage(text) ?? this.byFirstName(text);
    if (onPage) return onPage;
    const w = words(text).join(' ');
    const inGraph = this.graph.filter((n) => words(n).slice(-words(text).length).join(' ') === w);
    return inGraph.length === 1 ? { name: inGraph[0] as string, role: undefined, affiliation: undefined } : undefined;
  }

  /** The graph's spelling of a person the page names in another script ("Маттео Мекаччи" → "Matteo Mecacci"). */
  graphNameOf(name: string): string | undefined {
    if (!/\p{Script=Cyrillic}/u.test(name)) return undefined;
    return this.graph.find((g) => sameNameAcrossScripts(g, name));
  }

  /** The page's spelling of a person of the graph, when the page named them in another script. */
  pageFormOf(graphName: string): KnownPerson | undefined {
    return this.persons.find((p) => /\p{Script=Cyrillic}/u.test(p.name) && sameNameAcrossScripts(graphName, p.name));
  }

  /**
   * Feature stories call a private person by the first name ("…," says Aigul): the one person of the page whose
   * first name this is, when no one's surname is.
   */
  byFirstName(text: string): KnownPerson | undefined {
    const w = words(text);
    if (w.length !== 1) return undefined;
    const fits = this.persons.filter((p) => { const pw = words(p.name); return pw.length >= 2 && pw[0] === w[0]; });
    return fits.length === 1 ? fits[0] : undefined;
  }

  /** Where a person of the book was last named. */
  namedAt(person: KnownPerson): number {
    return this.last.get(person) ?? -1;
  }

  /** The person named last before `at` (what a pronoun stands for), of those `fits` accepts. */
  before(at: number, fits: (p: KnownPerson) => boolean = () => true): KnownPerson | undefined {
    let best: KnownPerson | undefined;
    let bestAt = -1;
    for (const [p, pAt] of this.last) if (pAt < at && pAt >= bestAt && fits(p)) { best = p; bestAt = pAt; }
    return best;
  }
}

const graphCache = new WeakMap<ReferenceIndex, string[]>();
/** The persons of the graph of the last reference index read (nameRuns has no index to ask). */
let lastGraph: readonly string[] = [];

function graphPersons(index: ReferenceIndex): string[] {
  let names = graphCache.get(index);
  if (!names) {
    names = index.quads
      .filter((q) => q.predicate.value === 'http://schema.org/name' && index.iris.parseEntity(q.subject.value)?.kind === 'person')
      .map((q) => q.object.value);
    graphCache.set(index, names);
  }
  lastGraph = names;
  return names;
}

/** Whether a name in Cyrillic is a person of the graph written in that script. */
function isGraphPersonAcrossScripts(name: string): boolean {
  return /\p{Script=Cyrillic}/u.test(name) && name.split(/\s+/u).length >= 2 && lastGraph.some((g) => sameNameAcrossScripts(g, name));
}

/** Every person named in `text` with two words or more. */
export function personMentions(text: string, index: ReferenceIndex, common: Set<string>, lang = ''): PersonMention[] {
  return nameRuns(text, common, nameMatcher(index).find(text, lang), false, lang);
}
