/**
 * Names of the reference data found in running text: States and structures, longest match first, case-sensitive
 * with word boundaries so "participating States" or "Georgian" do not match a State.
 */
import { detectLanguage } from './language.js';
import { operationByHost } from './operations.js';
import { nameMatcher, tokenize, type NameHit } from './name-matcher.js';
import type { Category, ReferenceIndex, Surface } from './reference-index.js';
import { chairpersonshipOf, namesChair } from './roles.js';
import { NS } from '../model/ns.js';
import { Graph, holdsOn, intervalBounds, type Bounds } from '../model/periods.js';

export interface Found {
  iri: string;
  category: Category;
  index: number;
  text: string;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Surfaces worth scanning for: long enough, not the OSCE itself (named in every release). */
function scannable(s: Surface, index: ReferenceIndex): boolean {
  if (s.category !== 'structure' && s.category !== 'country') return false;
  const letters = s.text.replace(/[^\p{L}]/gu, '');
  if (letters.length < 3) return false;
  // A one-word lower-case label ("presence") would match ordinary words.
  return /\p{Lu}/u.test(s.text);
}

const cache = new WeakMap<ReferenceIndex, { re: RegExp; byText: Map<string, Surface> }>();

function matcher(index: ReferenceIndex): { re: RegExp; byText: Map<string, Surface> } {
  const hit = cache.get(index);
  if (hit) return hit;
  const byText = new Map<string, Surface>();
  for (const s of index.surfaces) if (scannable(s, index) && !byText.has(s.text)) byText.set(s.text, s);
  const alternatives = [...byText.keys()].sort((a, b) => b.length - a.length).map(escape);
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|') || '(?!)'})(?![\\p{L}\\p{N}])`, 'gu');
  const built = { re, byText };
  cache.set(index, built);
  return built;
}

/** Every State or structure named in `text`, in order of appearance (longest alternative wins at a position). */
export function findNames(text: string, index: ReferenceIndex): Found[] {
  const { re, byText } = matcher(index);
  const out: Found[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const s = byText.get(m[0]);
    if (s) out.push({ iri: s.iri, category: s.category, index: m.index, text: m[0] });
  }
  return out;
}

/**
 * Words after (or, for an adjective written after its noun, before) a demonym that make it stand for the State:
 * "the Norwegian Foreign Minister", "the Irish Chairmanship", "la présidence italienne", "die schwedische
 * Polizeidirektorin". Without one a demonym is a language or a people ("in Albanian", "jeunes albanais").
 */
// (the Chair's title after its State's demonym: "the Polish Chairman-in-Office", "польский действующий председатель")
const STATE_NOUNS = /^(?:minist|govern|chairmanship|chairpersonship|chairman|chairwoman|chairperson|председател|чинн|presiden|parliament|parlament|prime|ambassad|embass|authorit|official|commissioner|police|polizei|army|armed|forces|border|capital|cit(?:y|ies)|town|region|side|delegat|delegu|delegad|delegaz|judiciar|court|counterpart|foreign|deputy|secretar|interior|justice|republic|federal|federation|foderation|prosecut|procureur|procura|staatsanwalt|generalstaatsanwalt|grenz|streitkr|armee|gouvernement|autorit|ministre|vorsitz|regierung|behord|botschaft|bundes|auswart|suprem|cour|tribunal|суд|правительств|министр|президент|власт|председательств|делегац|прокур|федерац|governo|gobierno|autoridad|vlad|влад|посол|посольств|представител|министерств|уряд|міністр|представник|головуванн|министар|амбасадор|председавањ|ambasad|predsedavanj|predsednik|мид|сторон|страна|partie|агенц|агентств|агенці|agenc|амбасад|поліці|полиц|policij|полициј|douan|customs|zoll|тамож|carin|царин|regulat|regulier|confed|konfed|inspector|inspekt|prokuror|qeveri|ministri|ambasad|autoritet|policia|policis|kufi|cooperation|cooperat|zusammenarbeit|cooperazion|cooperacion|broadcast|rundfunk|expert|эксперт|експерт|espert|ekspert|специалист|спеціаліст|specialist|spécialist|fachleut|методист|тренер|trainer|formateur|instructor|инструктор|programm|program|програм|polizia|garde|guard|polizi|staatlich|wahlkommission|республик|республік|републик|republik|grenzpolizist|pogranič|погранич|прикордон|service|emergenc|rescue|coast|troop|soldier|militar|navy|diplomat|конфедерац|конфедерац|konföderation)/u;
/** Parts of German compounds that make the compound a State's body or office ("Generalstaatsanwaltschaft", "Grenzdienst"). */
const STATE_COMPOUND = /(?:minister|ministerin|direktor|direktorin|vorsitz|regierung|polizei|staatsanwalt|grenzdienst|grenzschutz|grenzbeamt|behorde|botschaft|streitkraft)/u;
/** What may stand between two demonyms of one phrase: "and", a comma, and an article ("der österreichischen und der …"). */
const CHAIN_GAP = /^\s*(?:,|and|und|et|и|i|e|y|или|or|oder|ou)?\s*(?:the|der|die|das|dem|den|des|le|la|les|du|de la)?\s*$/u;
/** A Cyrillic adjective by its ending ("пограничные", "центральной"), folded ("й" is "и", "ї" is "і" then). */
const SLAVIC_ADJECTIVE = /^\p{Script=Cyrillic}{3,}(?:ые|ая|ое|ии|ыи|ои|ых|их|ую|ого|ому|ыми|ими|ная|ные|на|ні|ни|не|оі|ою|іи|ім|ата|от|ите)$/u;
/** Words that end a noun phrase: a demonym's noun is not looked for beyond them. */
const FUNCTION_WORDS = new Set(['and', 'or', 'the', 'of', 'for', 'with', 'from', 'to', 'in', 'on', 'at', 'by', 'as', 'who', 'which', 'that', 'was', 'were', 'is', 'are', 'has', 'have', 'had', 'will', 'would', 'said', 'says', 'told', 'but', 'not', 'also', 'its', 'their', 'his', 'her', 'this', 'these', 'those', 'a', 'an']);
const MODIFIERS = new Set(['osce', 'osze', 'foreign', 'deputy', 'prime', 'first', 'vice', 'acting', 'former', 'then', 'state', 'federal', 'new', 'interim']);

/** Words after a demonym that make it a people's or a language's, not the State's ("Albanian language teachers"). */
const PEOPLE_WORDS = /^(?:language|languages|speak|speaking|minorit|communit|communaut|gemeinschaft|volksgrupp|ethnic|origin|descent|diaspora|people|population|citizen|nationals$|nationality|women|youth|student|famil|refugee|roma|jewish|muslim|christian|orthodox|catholic|общин|громад|язык|мов|меньшин|менши|диаспор|zajednic|manjin|komunitet|pakic|gjuh|jezik|јазик|заедниц)/u;
/** The head noun of a body's name written in capitals ("Information System Authority", "National Police Agency"). */
const BODY_HEAD = /^(?:authorit|agenc|service|ministr|office|inspectorate|commission|committee|council|police|guard|centre|center|department|directorate|bureau|prosecut|court|parliament|assembly|board|institute|administration|force|army|navy|gendarmerie|customs|government|embassy|mission|delegation|chancellery|presidency|regulator|house|chamber|senate)/u;

function standsForState(text: string, hit: NameHit, tokens: readonly { folded: string; start: number; text: string }[]): boolean {
  const at = tokens.findIndex((t) => t.start >= hit.end);
  // "the Tajik-Afghan border", "Russian-Georgian talks": a compound of two demonyms describes a border or relations
  if (/^[-–]\s*\p{L}/u.test(text.slice(hit.end, hit.end + 2)) || /[-–]$/u.test(text.slice(Math.max(0, hit.start - 1), hit.start))) return false;
  // "узбекской общины", "Albanian community": a people's or a language's word right after it
  if (at >= 0 && PEOPLE_WORDS.test((tokens[at] as (typeof tokens)[number]).folded)) return false;
  // "the Estonian Information System Authority", "the Finnish Transport and Communications Agency": a body's name in
  // capitals (with its "and", "of", "for")
  if (/^\p{Lu}/u.test(hit.text) && at >= 0) {
    for (let k = at; k < tokens.length && k < at + 7; k++) {
      const t = tokens[k] as (typeof tokens)[number];
      const joins = k > at && /^(?:and|of|for|on|und|für)$/u.test(t.text) && /^\p{Lu}/u.test(tokens[k + 1]?.text ?? '');
      if ((!/^\p{Lu}/u.test(t.text) && !joins) || !/^[\s-]+$/u.test(text.slice(k === at ? hit.end : (tokens[k - 1] as typeof t).start + (tokens[k - 1] as typeof t).text.length, t.start))) break;
      // (the head first only when its complement follows: "the Dutch House of Representatives")
      if ((k > at || /^(?:of|for)$/u.test(tokens[k + 1]?.text ?? '')) && BODY_HEAD.test(t.folded)) return true;
    }
  }
  const next = at < 0 ? [] : tokens.slice(at, at + 4);
  for (const [n, t] of next.entries()) {
    if (STATE_NOUNS.test(t.folded) || STATE_COMPOUND.test(t.folded)) return /^[\s\p{L}'’-]*$/u.test(text.slice(hit.end, t.start));
    // "the Foreign Minister", "узбекские пограничные власти", "anti-corruption officials", "energy regulators":
    // modifiers between the demonym and its noun (a hyphenated compound's parts, a lower-case noun of a compound)
    const compound = text[t.start + t.text.length] === '-' || text[t.start - 1] === '-';
    const nounModifier = n < 3 && /^\p{Ll}{3,}$/u.test(t.text) && /^\p{Script=Latin}/u.test(t.text) && /^\p{Lu}/u.test(hit.text) && !PEOPLE_WORDS.test(t.folded) && !FUNCTION_WORDS.has(t.folded);
    if (!MODIFIERS.has(t.folded) && !SLAVIC_ADJECTIVE.test(t.folded) && !compound && !nounModifier) break;
  }
  // an adjective after its noun (French, Spanish, Italian, Russian): "la présidence italienne", "ministro español"
  if (/^\p{Ll}/u.test(hit.text)) {
    // (the noun in the same phrase: "… ucraina. Esperte spagnole" — the full stop between the two words before is no
    // bar when the noun is the one right before)
    const before = tokens.filter((t) => t.start < hit.start).slice(-2);
    return before.some((t) => STATE_NOUNS.test(t.folded) && /^[\s\p{L}'’-]*$/u.test(text.slice(t.start, hit.start)));
  }
  return false;
}

/** "the Armenian and Azerbaijani Foreign Ministers": a demonym joined by "and" or a comma to one that stands for its State. */
function chainedToState(text: string, hits: readonly NameHit[], i: number, tokens: Parameters<typeof standsForState>[2]): boolean {
  for (let j = i + 1; j < hits.length; j++) {
    const next = hits[j] as NameHit;
    const gap = text.slice((hits[j - 1] as NameHit).end, next.start);
    if (!next.demonym || !CHAIN_GAP.test(gap)) return false;
    if (standsForState(text, next, tokens)) return true;
  }
  return false;
}

/**
 * "des polices kazakhe et tadjike", "procureurs belges, luxembourgeois et …": an adjective written after its noun,
 * joined by "and" or a comma to one before it that stands for its State.
 */
function chainedBack(text: string, hits: readonly NameHit[], i: number, accepted: ReadonlySet<number>): boolean {
  const hit = hits[i] as NameHit;
  if (!hit.demonym || !/^\p{Ll}/u.test(hit.text)) return false;
  for (let j = i - 1; j >= 0; j--) {
    const prev = hits[j] as NameHit;
    if (!prev.demonym || !CHAIN_GAP.test(text.slice(prev.end, (hits[j + 1] as NameHit).start))) return false;
    if (accepted.has(j)) return true;
  }
  return false;
}

/**
 * Distinct IRIs of the States and structures the texts name: by any of their names in any language, older names
 * ("Chairman-in-Office", "FYROM") and, for States, demonyms where they stand for the State. Former States (the
 * Federal Republic of Yugoslavia, Serbia and Montenegro) are their own entities, never today's successor; a State's
 * name inside a structure's ("Mission to Serbia") is the structure only.
 */
/**
 * The words of a field operation's name right before a State's name: "OSZE-Mission im Kosovo", "Mission en Moldavie",
 * "Миссия ОБСЕ в Молдове", "Prezenca e OSBE-së në Shqipëri": an operation's name the reference data has no label
 * for in that language. The State named there is the operation's host, not a mention of the State.
 */
const OPERATION_BEFORE = /(?:^|[\s'’-])(?:missi|misi|миссi|миссия|миссии|місі|мисиј|misij|misiun|office|büro|bureau|ufficio|oficina|офис|офіс|zyr|centre|center|zentrum|centro|центр|qendr|presen|präsenz|присутств|prezenc|prani|co-?ordinat|koordinat|координат)\p{L}*(?:[\s'’-]+(?:de|du|des|d|l|la|le|of|the|der|die|e|i|OSCE|OSZE|ОБСЕ|ОБСЄ|OEBS|ОЕБС|OSBE|së|s|programme|programm|program|programa|programma|project|projet|projekt|проектов|проектів|regional|field|special|monitoring))*\s*(?:in|im|to|for|en|au|aux|à|in der|в|во|у|u|na|në|ne|nel|nella|para|pour)\s+(?:the\s+|la\s+|le\s+|l['’])?$/iu;

/** The operation's word before a name ("centres" in "reception centres in Greece", "Mission" in "OSZE-Mission in …"). */
const OPERATION_WORD_AT = /(?:^|[\s'’-])((?:missi|misi|миссi|миссия|миссии|місі|мисиј|misij|misiun|office|büro|bureau|ufficio|oficina|офис|офіс|zyr|centre|center|zentrum|centro|центр|qendr|presen|präsenz|присутств|prezenc|prani|co-?ordinat|koordinat|координат)\p{L}*)(?:(?![\s'’-](?:missi|centre|center|office)).)*$/iu;

function insideOperationName(text: string, hit: NameHit): boolean {
  return !hit.demonym && OPERATION_BEFORE.test(text.slice(Math.max(0, hit.start - 60), hit.start));
}

/**
 * A postal address (a street and number or range of numbers, perhaps a floor, then a postcode and city, perhaps a
 * country): "Wallnerstrasse 6, 1010 Vienna, Austria", "Kärntner Ring 5-7, 4e étage, A-1010 Vienne, Autriche", "ul.
 * Miodowa 10, 00-251 Warsaw". It locates an office, it does not speak of the State.
 */
const ADDRESS = /\p{L}[\p{L}.'’-]*\s+\d{1,4}[a-z]?(?:\s*[/–-]\s*\d{1,4}[a-z]?)?\s*,\s*(?:[^,\n]{0,25}(?:floor|étage|etage|stock|OG|этаж|поверх|kat)\s*,\s*)?(?:[A-Z]{1,2}-)?\d{2,3}-?\d{2,4}(?:\s?[A-Z]{2})?\s+\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*)?(?:\s*,\s*\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*)?)?/gu;

/** `text` with its postal addresses blanked (offsets kept). */
export function withoutAddresses(text: string): string {
  return text.replace(ADDRESS, (m) => ' '.repeat(m.length));
}

const boundsCache = new WeakMap<ReferenceIndex, Map<string, Bounds>>();

/** When each former State (osce:FormerState with a time:hasTime interval) existed. */
function formerStateBounds(index: ReferenceIndex): Map<string, Bounds> {
  let out = boundsCache.get(index);
  if (out) return out;
  out = new Map();
  const g = new Graph(index.quads);
  for (const state of g.subjects(`${NS.rdf}type`, `${NS.osce}FormerState`)) {
    const interval = g.one(state, `${NS.time}hasTime`)?.value;
    if (interval) out.set(state, intervalBounds(g, interval));
  }
  boundsCache.set(index, out);
  return out;
}

/** Words that put a sentence in a former time ("then", "at the time", "alors", "damals", "тогда", "tada", "atëherë"). */
const THEN = /(?<![\p{L}])(?:then|at the time|at that time|in those years|former(?:ly)?|alors|à l['’]époque|damals|seinerzeit|allora|entonces|тогда|тогдашн\p{L}*|тоді|тодішн\p{L}*|tada|tadašnj\p{L}*|тада|тадашњ\p{L}*|тогаш|atëherë|asokohe)(?![\p{L}])/iu;

/** A conjunction joining two States' names inside a former State's ("Serbia and Montenegro", "Srbija i Crna Gora"). */
const NAME_CONJUNCTION = /\s+(?:and|et|und|e|y|i|и|і|dhe|și)\s+|-et-/u;

/**
 * A former State's name on a page dated outside the State's time, made of two States' names ("Serbia and
 * Montenegro" on a 2017 page: the two States, co-operating): those States. Undefined when the name is no such
 * coordination ("Federal Republic of Yugoslavia" names the former State whenever it is written) or the page's date
 * falls in the State's time.
 */
function statesOutsideTheirTime(hit: NameHit, index: ReferenceIndex, language: string, date: string | undefined, sentence: string): string[] | undefined {
  const bounds = date ? formerStateBounds(index).get(hit.iri) : undefined;
  if (!bounds || !date || holdsOn(bounds, date) !== 'no') return undefined;
  // "in Serbia and Montenegro, as those States were then named", "in 2005": the sentence speaks of the State's time
  if (THEN.test(sentence) || [...sentence.matchAll(/(?<!\d)(?:19|20)\d\d(?!\d)/gu)].some((y) => holdsOn(bounds, `${y[0]}-07-01`) !== 'no')) return undefined;
  const parts = hit.text.split(NAME_CONJUNCTION);
  if (parts.length !== 2) return undefined;
  const states = parts.map((part) => {
    const found = nameMatcher(index).find(part.trim(), language);
    return found.length === 1 && found[0]?.category === 'country' && !found[0].demonym && !formerStateBounds(index).has(found[0].iri) ? found[0].iri : undefined;
  });
  return states.every((x) => x !== undefined) ? (states as string[]) : undefined;
}

/** An order named after a State ("l'Ordre de Malte", "the Sovereign Order of Malta", "Malteserorden" is one word). */
/** A chairmanship word in lower case right after a State's adjective, with "in the OSCE" after it (ru, uk, sr, mk). */
// (also with the organization in the genitive, and the CSCE's names: "Шведское председательство СБСЕ", "… ОБСЕ")
const CHAIR_AFTER_DEMONYM = /^\s+(?:председательств\p{L}*|головуванн\p{L}*|председавањ\p{L}*|predsedavanj\p{L}*|predsjedavanj\p{L}*|претседавањ\p{L}*)\s+(?:(?:в|у|во|u)\s+)?(?:ОБСЕ|ОБСЄ|ОЕБС|OEBS|СБСЕ|НБСЄ|КЕБС|KEBS)(?:-a|-у|-а)?(?![\p{L}])/u;

const ORDER_BEFORE = /(?<![\p{L}])(?:Ordre|Order|Orden|Ordine|Орден|Орденом)(?:\s+(?:souverain|militaire|sovereign|military|hospitaller|sovrano|militare|soberano|militar))*\s+(?:de|of|von|di|de la|del)\s+$/u;

/** The sentence of `text` a hit is in. */
function sentenceAround(text: string, hit: NameHit): string {
  const start = Math.max(text.lastIndexOf('. ', hit.start), text.lastIndexOf('! ', hit.start), text.lastIndexOf('? ', hit.start)) + 1;
  const ends = ['. ', '! ', '? '].map((e) => text.indexOf(e, hit.end)).filter((x) => x >= 0);
  return text.slice(start, ends.length ? Math.min(...ends) + 1 : text.length);
}

export function mentionedEntities(texts: readonly string[], index: ReferenceIndex, date?: string): string[] {
  const matcher = nameMatcher(index);
  const out = new Set<string>();
  const page = texts.join('\n');
  const language = detectLanguage(page);
  for (const raw of texts) {
    const text = withoutAddresses(raw);
    // "predsedavajući OEBS-om", "претседавачот со ОБСЕ": the Chair by its title in a language the data has no label in
    const chair = namesChair(text) ? chairpersonshipOf(index) : undefined;
    if (chair) out.add(chair);
    const tokens = tokenize(text);
    const hits = matcher.find(text, language, page);
    const accepted = new Set<number>();
    hits.forEach((hit, i) => {
      // "reception centres in Greece": a word of an operation's kind before a State names no operation there, and the
      // State is then mentioned
      // (the host as the matcher knew it, by its label, when the written form is one the index lacks: "Mission in Moldau")
      const word = insideOperationName(text, hit) ? text.slice(Math.max(0, hit.start - 60), hit.start).match(OPERATION_WORD_AT)?.[1] : undefined;
      const operation = (hit.category === 'country' || hit.category === 'place') && word
        ? operationByHost(text.slice(Math.max(0, hit.start - 60), hit.end), index, date) ?? operationByHost(`${word} in ${index.label(hit.iri) ?? hit.text}`, index, date) : undefined;
      const successors = hit.category === 'country' && !hit.demonym ? statesOutsideTheirTime(hit, index, language, date, sentenceAround(text, hit)) : undefined;
      // "la République fédérale de Yougoslavie (Serbie et Monténégro)": names in parentheses right after a State's
      // name say what it was made of, they name no State of their own
      const apposition = hit.category === 'country' && i > 0 && hits[i - 1]?.category === 'country' && /^\s*\(\s*$/u.test(text.slice((hits[i - 1] as NameHit).end, hit.start)) && /^\s*\)/u.test(text.slice(hit.end));
      // "l'Ordre de Malte", "the Order of Malta": an order named after a State
      const order = hit.category === 'country' && ORDER_BEFORE.test(text.slice(Math.max(0, hit.start - 40), hit.start));
      if (apposition || order) return;
      if (hit.category === 'structure') out.add(hit.iri);
      else if (operation) out.add(operation);
      else if (successors) {
        for (const state of successors) out.add(state);
        accepted.add(i);
      }
      else if ((hit.category === 'country' || hit.category === 'place') && insideOperationName(text, hit) && !/^\p{Lu}/u.test(text.slice(Math.max(0, hit.start - 60), hit.start).match(OPERATION_WORD_AT)?.[1] ?? 'X')) {
        if (hit.category === 'country') { out.add(hit.iri); accepted.add(i); }
      } else if ((hit.category === 'country' || hit.category === 'place') && insideOperationName(text, hit)) {
        // an operation's name (capitalized) the data has no operation for on that date: nothing
      } else if (hit.category === 'country' && (!hit.demonym || standsForState(text, hit, tokens) || chainedToState(text, hits, i, tokens) || chainedBack(text, hits, i, accepted))) {
        out.add(hit.iri);
        accepted.add(i);
        // "Казахстанское председательство в ОБСЕ", "головування Словаччини в ОБСЄ": a State's chairmanship written
        // in lower case is the Chairpersonship too (the capitalized name alone is matched as a name)
        // (an adjective the matcher read as the State's name form, "Шведское", as much as a demonym)
        const adjective = hit.demonym || /(?:ое|ее|ая|яя|ий|ый|ське|ська|ський|ско|sko)$/u.test(hit.text);
        const chairNear = adjective ? CHAIR_AFTER_DEMONYM.test(text.slice(hit.end, hit.end + 40)) : false;
        if (chairNear) {
          const chairIri = chairpersonshipOf(index);
          if (chairIri) out.add(chairIri);
        }
      }
    });
  }
  return [...out];
}

const QUOTED = /“([^“”"]{5,200})[”“]|"([^"]{5,200})"|«([^«»]{5,200})»|„([^„“”"]{5,200})[“”"]/gu;
const PUBLICATION_CUE = /\b(?:publication|report|handbook|guide(?:book|lines)?|booklet|manual|study|brochure|compilation|toolkit|book)\s*$|\b(?:titled|entitled)\s*$/i;

/** Titles of publications: a quoted title after "publication titled", "report", "handbook" and the like. */
export function findPublicationTitles(paragraphs: readonly string[]): string[] {
  const titles: string[] = [];
  for (const p of paragraphs) {
    for (const m of p.matchAll(QUOTED)) if (isTitleQuote(p, m.index)) titles.push((m.slice(1).find((g) => g !== undefined) as string).trim());
  }
  return [...new Set(titles)];
}

/** Whether the quoted passage starting at `quoteAt` in `p` is a title ("publication titled "…""), not speech. */
export function isTitleQuote(p: string, quoteAt: number): boolean {
  return PUBLICATION_CUE.test(p.slice(Math.max(0, quoteAt - 80), quoteAt).trimEnd());
}
