/**
 * Quoted statements and who made them. Quotations in "…", “…”, „…“, «…», ‘…’; a quotation running over two paragraphs
 * (the first without its closing mark) is one. The attribution is read after the quotation (`"…," said X`, `"…," X
 * said`, `«…», – заявила X`, `„…“, fügte er hinzu`, `« … », a-t-elle ajouté`) or before it (`X said: "…"`, `X said the
 * office would "…"`), and resolved: a surname or title and surname to the full name named before, a pronoun to the
 * person named last, a role without a name to the person the page gave that role or the office holder on the day,
 * a body ("the Mission said") to no person. A quotation no one is said to have said is not a quotation.
 */
import { ACCORDING_TO, APPOSITION_END, FOREIGN_MINISTER, PERSON_CLAUSE, NAME_PARTICLES, FEMININE_PRONOUNS, HONORIFICS, INVERTED_PRONOUN, LEADING_OCCASION, MASCULINE_PRONOUNS, OCCASION, PRONOUNS, SAYING_VERBS, SEPARABLE_PARTICLES } from './lexicon.js';
import { genderOf } from './given-names.js';
import { isTitleQuote, mentionedEntities } from './mentions.js';
import { monthOf } from './dates.js';
import { detectLanguage } from './language.js';
import { fold, nameMatcher, type NameHit } from './name-matcher.js';
import { sameNameAcrossScripts } from './person-key.js';
import { commonWords, isRoleWord, nameRuns, NOUNS_CAPITALIZED, PersonBook, type KnownPerson } from './persons.js';
import type { ReferenceIndex } from './reference-index.js';
import { chairInNationalOffice, chairTitleOnPage, cleanRole, fullNameOf, heldOffice, holderOf, isOffice, namesChair, officeOf, type Office } from './roles.js';

export interface Speaker {
  /** undefined when a body speaks or the holder of an office cannot be determined. */
  name: string | undefined;
  role: string | undefined;
  /** IRI of the structure the speaker speaks for. */
  affiliation: string | undefined;
}

export interface Quote {
  text: string;
  speaker: Speaker;
}

/** More quotations than any real release has: a bound on the work and the size of the graph. */
export const MAX_QUOTES = 100;
/** Persons read from one page at most (a bound on the work on pathological pages). */
export const MAX_PERSONS = 200;

// An apostrophe followed by a letter ("public’s", "don't") is inside a quotation, not its end.
const QUOTE = /"([^"]{2,})"|“([^“”"]{2,})[”“]|„([^„“”"]{2,})[“”"]|«([^«»]{2,})»|»([^«»]{2,})«|(?<![\p{L}\p{N}])‘((?:[^‘’]|’(?=\p{L}))+?)’(?![\p{L}])|(?<![\p{L}\p{N}])'(?=\p{L})((?:[^']|'(?=\p{L}))+?)'(?![\p{L}])/gu;
const OPENERS = /^[“"„«»‘']/u;
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const VERB_ALT = [...SAYING_VERBS].sort((a, b) => b.length - a.length).map(escape).join('|');
const VERB_FIRST = new RegExp(`^(?:${VERB_ALT})(?![\\p{L}])`, 'iu');
// ("so-called" is no verb of saying: no letter or hyphen before a verb)
const VERB_ANY = new RegExp(`(?<![\\p{L}-])(?:${VERB_ALT})(?![\\p{L}])`, 'giu');
const ABBREVIATIONS = new Set(['dr', 'mr', 'mrs', 'ms', 'prof', 'm', 'mme', 'st', 'no', 'tel', 'g', 'р', 'г', 'ul', 'al', 'h', 'e']);
const PRONOUN_SET = new Set(PRONOUNS);
const honorific = new RegExp(`(?:\\s*,)?(?:\\s+(?:${HONORIFICS.map(escape).join('|')})\\.?)+\\s*$`, 'iu');

interface Span {
  text: string;
  start: number;
  end: number;
}

/** End of the sentence that starts at `from` (an abbreviation's full stop such as "Dr." does not end it). */
export function sentenceEnd(p: string, from: number): number {
  const re = /[.!?](?=\s+[\p{Lu}\p{N}“"„«‘(]|\s*$)/gu;
  re.lastIndex = from;
  for (let m = re.exec(p); m; m = re.exec(p)) {
    const word = /(\p{L}+)$/u.exec(p.slice(Math.max(0, m.index - 12), m.index))?.[1] ?? '';
    if (m[0] === '.' && (ABBREVIATIONS.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word))) continue;
    // a German or Serbian day number ("vom 9. bis 10. Februar", "8. juna") is not the end of a sentence
    if (m[0] === '.' && /(?<![\d.])\d{1,2}$/u.test(p.slice(Math.max(0, m.index - 3), m.index)) && ordinalDateAhead(p.slice(m.index + 1, m.index + 40))) continue;
    return m.index + 1;
  }
  return p.length;
}

/** Whether text after a day number's full stop continues a date: a month name, or "bis"/"i"/"und" and another day. */
function ordinalDateAhead(rest: string): boolean {
  const m = /^\s+(\p{L}+)/u.exec(rest);
  if (!m) return false;
  return monthOf(m[1] as string) !== undefined || /^\s+(?:bis|und|i|и|do|dhe|-|–)\s+\d{1,2}\./u.test(rest);
}

let boundaries: { p: string; ends: number[] } | undefined;

/** Start of the sentence `before` is in (sentence ends computed once per paragraph). */
function sentenceStart(p: string, before: number): number {
  if (boundaries?.p !== p) {
    const ends: number[] = [];
    for (let at = 0; at < p.length; ) {
      const end = sentenceEnd(p, at);
      ends.push(end);
      at = end;
    }
    boundaries = { p, ends };
  }
  let start = 0;
  for (const end of boundaries.ends) {
    if (end >= before) break;
    start = end;
  }
  return start;
}

function spans(p: string): Span[] {
  return [...p.matchAll(QUOTE)].map((m) => ({ text: (m.slice(1).find((g) => g !== undefined) as string).trim(), start: m.index, end: m.index + m[0].length }));
}

interface Attribution {
  subject: string;
  pronoun: boolean;
  /** The verb of saying as written ("сказала", "rekao je"), which in Slavic languages tells the speaker's gender. */
  verb?: string | undefined;
}

/**
 * The gender a Slavic verb of saying gives its subject: the past tense agrees with it ("сказала", "заявила", "rekla
 * je", "рекла је" / "сказал", "сказав", "rekao je", "рекао је"); undefined for other verbs and languages.
 */
export function verbGender(verb: string | undefined): 'female' | 'male' | undefined {
  const v = (verb ?? '').toLowerCase().replace(/\s+(?:je|је|se|се)$/u, '');
  if (/\p{Script=Cyrillic}/u.test(v)) {
    if (/ла$/u.test(v)) return 'female';
    if (/(?:[аеиоуыя]л|[аеиоуяі]в|ао|ео|ио)$/u.test(v)) return 'male';
    return undefined;
  }
  if (/(?:je|se)$/u.test((verb ?? '').toLowerCase().trim())) return /la$/u.test(v) ? 'female' : /(?:ao|eo|io|uo)$/u.test(v) ? 'male' : undefined;
  return undefined;
}

/**
 * "«…», – говорится в послании", "«…», – йдеться у зверненні", "…“, hieß es in der Botschaft": an impersonal verb
 * whose subject is the message itself speaks for whoever sent it, as a pronoun would (the one who acted before).
 */
const MESSAGE_SAID = /^(?:в|во|у|in)\s+(?:(?:его|её|ее|своем|своём|этом|том|його|її|своєму|цьому|тому|der|dem|seiner|ihrer|the|his|her|its)\s+)?(?:\p{Ll}+(?:ом|ем|ому|ій|ей|ой|en|em)\s+)?(?:послани\p{L}*|обращени\p{L}*|видеообращени\p{L}*|заявлени\p{L}*|письм\p{L}*|сообщени\p{L}*|послан\p{L}*|зверненн?\p{L}*|відеозверненн?\p{L}*|заяв\p{L}*|лист[іу]|повідомленн\p{L}*|Botschaft|Erklärung|Grußwort|Schreiben|Brief|Videobotschaft|message|statement|letter)$/iu;

/** The subject phrase of an attribution after the quotation, or undefined. */
function after(p: string, span: Span): Attribution | undefined {
  const rest = p.slice(span.end);
  const sep = /^[\s,.;]*[–—-]?\s*/u.exec(rest)?.[0] ?? '';
  // (a full stop after the closing mark ends the sentence too: «…». Lirije Berisha … ha raccontato … is a new one)
  const ended = (/[.!?]$/u.test(span.text) || /[.!?]/u.test(sep)) && !/[,–—-]/u.test(sep);
  const clause = rest.slice(sep.length, sentenceEnd(rest, sep.length)).replace(/[.!?]$/u, '');
  if (!clause || OPENERS.test(clause)) return undefined;
  const inverted = INVERTED_PRONOUN.exec(clause.split(/\s+/u).slice(0, 3).join(' '));
  if (inverted && !ended) return { subject: inverted[0].replace(/^-(?:t-)?/u, ''), pronoun: true };
  const first = VERB_FIRST.exec(clause);
  if (first) {
    if (ended && /^\p{Lu}/u.test(clause) && !/^(?:So|Laut|Selon|Según|Secondo)\b/u.test(clause)) return undefined;
    // "« … » Selon Jelena Vuksanović, rédactrice …, « … »": words of saying that open a quotation of their own are its
    // attribution, not the one before
    if (ended && /[“"„«]/u.test(clause)) return undefined;
    // "„…“, додала је, наводећи пример …": a comma right after the verb ends the attribution (no subject written)
    // "«…», – додала вона, показуючи на …": a participle clause after the subject is no part of it
    // "«…», – сказала, открывая конференцию, Специальный представитель …": a participle clause between the verb and
    // the subject is what the speaker was doing
    const subject = withoutParticipleClause(withoutLeadingParticipleClause(clause.slice(first[0].length)).replace(new RegExp(`\\s+(?:${SEPARABLE_PARTICLES.join('|')})$`, 'u'), '').replace(/^\s*,[\s\S]*$/u, '')).trim();
    // "…", afirmó. / "…", dodao je.: a language that drops the subject pronoun; the verb stands for it
    // ("…“, hieß es darin": the message of the one who acted in the sentence before, as a pronoun would be)
    // ("– заявил он на пресс-конференции в Кишиневе": a pronoun and where or when it spoke)
    const words = subject.split(/\s+/u);
    const pronoun = !subject || (PRONOUN_SET.has(fold(words[0] ?? '')) && (words.length <= 3 || CIRCUMSTANCE_PREPOSITION.test(words[1] ?? ''))) || /^(?:darin|dort|daraus|therein|in\s+it)$/iu.test(subject) || MESSAGE_SAID.test(subject);
    return { subject, pronoun, verb: first[0] };
  }
  if (ended) return undefined;
  VERB_ANY.lastIndex = 0;
  const verb = VERB_ANY.exec(clause);
  if (!verb || verb.index === 0) return undefined;
  const subject = clause.slice(0, verb.index).trim();
  if (subject.split(/\s+/u).length > 12 || /[“”"„«»]/u.test(subject)) return undefined;
  const pronoun = PRONOUN_SET.has(fold(subject)) || (subject.split(/\s+/u).length === 1 && PRONOUN_SET.has(fold(subject)));
  return { subject, pronoun, verb: verb[0] };
}

/** The subject phrase of an attribution before the quotation in its sentence (`X said: "…"`, `X said the office would "…"`). */
/**
 * Words set between a compound tense's auxiliary and its participle ("a pour sa part estimé", "a également
 * souligné", "hat außerdem betont"): taken out before a verb is looked for (after the subject, so its offsets stay).
 */
const INSERTED = /(?<=(?<![\p{L}])(?:a|avait|ont|avaient|has|had|hat|hatte|ha|aveva)\s)(?:pour\s+sa\s+part|pour\s+leur\s+part|de\s+son\s+côté|quant\s+à\s+(?:elle|lui)|également|notamment|ensuite|aussi|encore|enfin|also|further|außerdem|zudem|ebenfalls|anche|inoltre)\s+/giu;

function before(p: string, span: Span, from: number): Attribution | undefined {
  const clause = p.slice(Math.max(from, sentenceStart(p, span.start)), span.start).replace(INSERTED, '');
  VERB_ANY.lastIndex = 0;
  let verb: RegExpExecArray | undefined;
  let previousVerb: RegExpExecArray | undefined;
  for (let m = VERB_ANY.exec(clause); m; m = VERB_ANY.exec(clause)) { previousVerb = verb; verb = m; }
  // "Kreu i Prezencës … shtoi se kampi do të zhvillohet sipas rregullave …: «…»": "according to" inside the clause,
  // before no pronoun and after another verb of saying, is no attribution
  if (verb && previousVerb && ACCORDING_TO.test(verb[0]) && clause.slice(0, verb.index).replace(/^.*[.!?]/su, '').trim() !== '' && !PRONOUN_SET.has(fold(clause.slice(verb.index + verb[0].length).replace(/[\s,]+$/u, '').trim()))) verb = previousVerb;
  const colon = /:\s*$/u.test(clause);
  // "Pour le Représentant de l'OSCE pour la liberté des médias, « … »": "for X" opening the sentence is X's view
  const view = !verb && !colon ? /^\s*(?:Pour|Para|Per|Für|Для)\s+((?:le|la|l['’]|el|il|den|die|das)\s*\S[^,]*),\s*$/u.exec(clause) : null;
  if (view) return { subject: view[1] as string, pronoun: false };
  if (!verb && !colon) return undefined;
  // "По ее словам, «…»", "За його словами, «…»": a possessive pronoun is the speaker, with its gender
  const possessive = verb && /^(?:по|за)\s+(ее|её|его|її|його)\s/iu.exec(verb[0]);
  if (possessive) return { subject: /^(?:его|його)$/iu.test(possessive[1] as string) ? 'он' : 'она', pronoun: true, verb: verb?.[0] };
  // "Selon Georgia Lambert, juriste de la Mission, « … »": the speaker follows the words of saying; so it does after
  // "Как подчеркнул …, «…»", "Як зазначив …, «…»" (as X stressed)
  const according = verb && (ACCORDING_TO.test(verb[0]) || /^\s*(?:Как|Як)\s*$/u.test(clause.slice(0, verb.index).replace(/^.*[.!?]/su, ''))) && /^[\s\p{P}]*(?:Как|Як)?\s*$/u.test(clause.slice(0, verb.index).replace(/^.*[.!?]/su, ''));
  // "Le président de l'Assemblée a salué une initiative qui, selon lui, « … »": the pronoun is the clause's subject,
  // the words before its verb (an auxiliary)
  if (verb && ACCORDING_TO.test(verb[0]) && !according && PRONOUN_SET.has(fold(clause.slice(verb.index + verb[0].length).replace(/[\s,]+$/u, '').trim()))) {
    const head = clause.slice(0, verb.index).replace(/^.*[.!?]\s*/su, '');
    const aux = /\s(?:a|ont|avait|avaient|est|sont|hat|haben|hatte|ist|has|have|had|was|is|ha|hanno|aveva|è|habían|había|ha)\s/u.exec(head);
    const subject = aux ? head.slice(0, aux.index).trim() : '';
    if (subject && /^\p{Lu}/u.test(subject)) return { subject, pronoun: false, verb: verb[0] };
  }
  let subject = according && verb ? untilReported(clause.slice(verb.index + verb[0].length).replace(/,\s*$/u, '')) : verb ? clause.slice(0, verb.index) : clause.replace(/:\s*$/u, '');
  // "Aus Südtirol berichtet Dr. Verena Gasser, Programmdirektorin …: „…“": a circumstance first, then the verb, then
  // the subject (the verb-second order): the words after the verb up to the colon are the speaker
  const inverted = verb && colon && !according ? clause.slice(verb.index + verb[0].length).replace(/:\s*$/u, '').trim() : '';
  const lead = verb ? clause.slice(0, verb.index).replace(/^.*[.!?]\s+/su, '').trim().split(/\s+/u) : [];
  if (inverted && /^\p{Lu}/u.test(inverted) && lead.length >= 2 && lead.length <= 4 && CIRCUMSTANCE_PREPOSITION.test(lead[0] as string)) return { subject: inverted, pronoun: false, verb: verb?.[0] };
  if (!verb && /^\s*$/u.test(subject)) return undefined;
  // "Speaking after a briefing by the Mission, the Chairman-in-Office said:": the participle clause is not the subject
  // "The PA President welcomed the delegation's findings and said": the subject is the noun phrase before the first verb
  // ("Верховный комиссар …, посетивший …, заявил, что …, и добавил:": the words before its first verb of saying)
  if (/\s(?:and|et|und|и|і|та|dhe)$/u.test(subject.trim())) subject = subjectBeforeSaying(subject.trim()) ?? subjectBeforeVerb(subject.trim()) ?? subject;
  // ("Asked about the winter, Lindqvist said:": a past participle's clause likewise)
  subject = subject.trim().replace(/,$/u, '').replace(/^(?:\p{Lu}\p{Ll}+ing|\p{Lu}\p{Ll}+ed(?=\s+(?:about|by|for|on|at|in|after|whether|if|what|how|why)\s)|En\s+\p{Ll}+ant|\p{Lu}\p{Ll}+(?:ая|яя|ив|ав|ыв|уя|ая|я))(?![\p{L}])[^,]*,\s*/u, '');
  const pronoun = PRONOUN_SET.has(fold(subject.split(/\s+/u).pop() ?? ''));
  return { subject, pronoun, verb: verb?.[0] };
}

/**
 * The speaker after "according to" without the reported speech that follows it ("Secondo il Capo della Missione …, i
 * comitati locali … sono «…»"): it ends before the first comma segment in lower case that is no office (an apposition
 * such as ", juriste de la Mission," stays).
 */
function untilReported(subject: string): string {
  const segments = commaSegments(subject);
  const cut = segments.findIndex((x, i) => i > 0 && /^\s*\p{Ll}/u.test(x) && !isOffice(x) && !/^\s*(?:the|a|an|le|la|l['’]\S*|un|une|der|die|das|el|il|lo|la|un|una)\s+\S*\s*$/iu.test(x));
  return cut > 0 ? segments.slice(0, cut).join(', ') : subject;
}

/**
 * Whether a word after a comma starts a participle clause ("…, aprendo i lavori,", "…, inaugurando la conferencia",
 * "…, ouvrant la conférence", "…, opening the session", "…, відкриваючи", "…, otvarajući"): what the speaker was
 * doing, never their role. French "-ant" only before an article or a preposition ("représentant", "enseignant" are
 * nouns too); Russian "-я"/"-в" only before a preposition ("открыв конференцию" aside, "главная" is an adjective).
 */
export function isParticiple(word: string, next = ''): boolean {
  if (isRoleWord(word) || !/^\p{Ll}+$/u.test(word)) return false;
  const n = next.toLowerCase();
  return (/^\p{Ll}{3,}(?:ando|endo|iendo|yendo)$/u.test(word) && !/^(?:comando|contrabbando|contrabando|dividendo|reverendo)$/u.test(word))
    || (/^\p{Ll}{3,}ing$/u.test(word) && !/^(?:during|king|thing|something|nothing|everything|anything|evening|morning|building|meeting|training|housing)$/u.test(word))
    || (/^\p{Ll}{2,}ant$/u.test(word) && /^(?:la|le|les|l['’].*|un|une|que|qu['’].*|son|sa|ses|leur|leurs|ce|cette|ces|lors|à|au|aux|sur|en|devant|pour)$/u.test(n))
    || /^\p{Ll}{3,}(?:учи|ючи|ачи|ячи|ући|ući|јќи)$/u.test(word)
    || (/^\p{Ll}{3,}(?:ая|яя|уя|ив|ав|ыв|ясь|вшись)$/u.test(word) && /^(?:на|в|во|перед|с|со|к|по|при|что|о|об)$/u.test(n));
}

/** The words after a verb without a participle clause set off by commas before the subject (", открывая конференцию,"). */
function withoutLeadingParticipleClause(rest: string): string {
  const m = /^\s*,\s*(\p{Ll}+)(?:\s+([\p{L}'’]+))?[^,]*,\s*(?=\S)/u.exec(rest);
  // (between two commas after the verb a Slavic "-я"/"-в" form is the adverbial participle, whatever follows it)
  const word = m?.[1] ?? '';
  const participle = isParticiple(word, m?.[2]) || (/^\p{Script=Cyrillic}{3,}(?:я|в|вши|вшись|ясь)$/u.test(word) && !isRoleWord(word));
  return m && participle ? ` ${rest.slice(m[0].length)}` : rest;
}

/** Endings of Russian and Ukrainian adverbial participles that no adjective or noun of an office has ("представляя", "открывая", "виступаючи"). */
const SLAVIC_GERUND = /^\p{Script=Cyrillic}{3,}(?:[бвгджзклмпрстфхцчшщ]я|ывая|ивая|ляя|ируя|уя|ясь|вшись|вши|ючи|учи|ачи|ячи)$/u;

/** A subject without a participle clause after a comma ("Angelino Alfano, aprendo i lavori," → "Angelino Alfano"). */
function withoutParticipleClause(subject: string): string {
  for (const m of subject.matchAll(/,\s+(\p{Ll}+)(?:\s+([\p{L}'’]+))?/gu)) {
    // (a Russian or Ukrainian adverbial participle by its ending, whatever follows: "…, представляя форум журналистам")
    // (and an active participle: "Кристина Ольсен, руководившая одним из патрулей", "…, посетивший Кишинев")
    if (isParticiple(m[1] as string, m[2]) || (SLAVIC_GERUND.test(m[1] as string) && !isRoleWord(m[1] as string)) || isActiveParticiple(m[1] as string)) return subject.slice(0, m.index);
  }
  return subject;
}

/**
 * A committee's or commission's name that runs to the end of a comma-separated segment ("General Committee on
 * Democracy", "des Allgemeinen Ausschusses für Demokratie", "Commission générale de la démocratie"): the segments
 * after it up to one with a conjunction are the rest of its name ("…, Human Rights and Humanitarian Questions").
 */
// (a ministry's portfolios likewise: "Deputy Minister of Education, Science, Culture and Sports")
const COMMITTEE_OPEN = /(?:[Mm]inist(?:er|ry|re|ro|ra|erin|erium)|Committee|Commission|Ausschuss\p{L}*|Kommission|Komitee|commission|comité|Comité|Commissione|commissione|Comisión|comisión|[Кк]омитет\p{L}*|[Кк]омісі\p{L}*|[Кк]омітет\p{L}*|[Кк]омиси\p{L}*|[Kk]omisij\p{L}*|[Kk]omision\p{L}*|[Oo]dbor\p{L}*)(?:\s+[\p{L}-]+){0,3}?\s+(?:on|for|of|für|zu|de|des|du|de\s+la|pour|per|sobre|по|з|у|za|për)\s+[^,]*$/u;
const CONJUNCTION = /\s(?:and|und|et|e|y|i|и|і|та|dhe|ed)\s/u;

/** Comma-separated segments, with the items of a committee's name joined back into the segment that opens it. */
export function commaSegments(text: string): string[] {
  const parts = text.split(/,\s*/u);
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    let segment = parts[i] as string;
    if (COMMITTEE_OPEN.test(segment)) {
      const end = parts.slice(i + 1, i + 5).findIndex((x) => CONJUNCTION.test(` ${x} `) && x.trim().split(/\s+/u).length <= 12);
      const items = end >= 0 ? parts.slice(i + 1, i + 1 + end) : [];
      if (end >= 0 && items.every((x) => x.trim().split(/\s+/u).length <= 5)) {
        segment = [segment, ...parts.slice(i + 1, i + 2 + end)].join(', ');
        i += end + 1;
      }
    }
    out.push(segment);
  }
  return out;
}

/** A country or party in parentheses after a name ("Anna Holm (Sweden), Chair of …"): skipped before the apposition. */
const PARENTHESIS = /^\s*\([^()]{1,40}\)/u;

/** Words in lower case inside a subject's noun phrase ("The Head of the OSCE Mission, Jan Novak,"). */
const NOUN_PHRASE_WORDS = /^(?:of|the|a|an|for|on|in|to|and|de|la|le|les|l|du|des|der|die|das|den|dem|von|für|im|am)$/u;

/** "X, …, заявил, что …, и добавил": the words before the clause's first verb of saying, when it has one after them. */
function subjectBeforeSaying(clause: string): string | undefined {
  VERB_ANY.lastIndex = 0;
  const verb = VERB_ANY.exec(clause);
  const subject = verb && verb.index > 0 ? clause.slice(0, verb.index).trim().replace(/,$/u, '') : '';
  return /^\p{Lu}/u.test(subject) && subject.split(/\s+/u).length <= 16 ? subject : undefined;
}

/**
 * "The PA President welcomed the findings and said …": the subject is the words before the first word in lower case
 * that cannot be inside a name or an office (the verb); undefined when the sentence starts in lower case.
 */
function subjectBeforeVerb(clause: string): string | undefined {
  const verb = [...clause.matchAll(/[\p{L}'’-]+/gu)].find((m) => /^\p{Ll}/u.test(m[0]) && !NOUN_PHRASE_WORDS.test(m[0]));
  const subject = verb ? clause.slice(0, verb.index).trim() : '';
  return /\p{Lu}/u.test(subject) ? subject : undefined;
}

interface Context {
  /** The paragraphs joined as `readSpeech` reads them (offsets are into this text). */
  full: string;
  index: ReferenceIndex;
  book: PersonBook;
  hits: NameHit[];
  common: Set<string>;
  today: string | undefined;
  /** The page's language (Latin script), for inflected names. */
  lang: string;
  /** IRIs of the page's sources (its Source field), which roles refer back to when the text does not name them. */
  sources: readonly string[];
  /** Genders the page's verbs gave persons it named ("рекао је Дачић": male), by folded name. */
  genders: Map<string, 'female' | 'male'>;
}

/** How far back a surname or pronoun is looked for among names the page wrote without a role (characters). */
const NAMED_BEFORE_WINDOW = 3000;

/**
 * The full names the page wrote before `at` without a sign that they are persons' (no role, no honorific: "The
 * mission is headed by Jordan Whitfield", "Lejla Hadžić has followed …"), nearest last. A surname that an attribution
 * uses later, or a pronoun with no person before it, refers to one of them.
 */
function namedBefore(at: number, ctx: Context): string[] {
  return namedBeforeAt(at, ctx).map((r) => r.name);
}

/** `namedBefore` with where each name starts in the page. */
function namedBeforeAt(at: number, ctx: Context): { name: string; at: number }[] {
  const from = Math.max(0, at - NAMED_BEFORE_WINDOW);
  const text = ctx.full.slice(from, at);
  const hits = ctx.hits.filter((h) => h.start >= from && h.end <= at).map((h) => ({ ...h, start: h.start - from, end: h.end - from }));
  return nameRuns(text, ctx.common, hits, false, ctx.lang).map((r) => ({ name: r.name, at: from + r.start }));
}

/** The full name written earlier on the page that ends with `surname` (or, failing that, starts with it as a first name), nearest first. */
function fullNameBefore(surname: string, at: number, ctx: Context): string | undefined {
  const key = fold(surname);
  const names = namedBefore(at, ctx).reverse().map((n) => ({ n, w: fold(n).split(/\s+/u) })).filter((x) => x.w.length >= 2);
  const bySurname = names.find((x) => x.w[x.w.length - 1] === key);
  if (bySurname) return bySurname.n;
  // "В мастерской Севиндж Алиевой …" then "говорит Алиева": a Russian or Ukrainian surname in another case is the same
  // surname; the name is the one the attribution writes (in the nominative)
  // (on the words as written: folding takes the breve off "й")
  const stem = (w: string) => w.toLowerCase().replace(/(?:ой|ей|ою|ую|ого|ому|ым|ом|им|ых|а|у|е|ы|и|ю|я)$/u, '');
  const lastWord = (n: string) => n.split(/\s+/u).pop() ?? '';
  const inflected = /\p{Script=Cyrillic}/u.test(surname) && surname.length >= 4 ? names.find((x) => stem(lastWord(x.n)) === stem(surname) && lastWord(x.n).length >= 4) : undefined;
  if (inflected) return inflected.n.replace(/\S+$/u, surname);
  const byFirst = [...new Set(names.filter((x) => x.w[0] === key).map((x) => x.n))];
  return byFirst.length === 1 ? byFirst[0] : undefined;
}

/**
 * The text before a surname without the words of the known name that end it ("M. De Gucht" read as "Gucht"; "ван
 * дер Стул", "van der Stoel" read as "Стул", "Stoel"): capitalized words and particles of that name.
 */
function withoutNameWords(text: string, nameWords: Set<string>): string {
  const words = [...text.matchAll(/[\p{L}'’-]+/gu)];
  let cut = text.length;
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i] as RegExpMatchArray;
    if (!/^\s*$/u.test(text.slice(w.index! + w[0].length, cut))) break;
    if (!nameWords.has(fold(w[0])) || !(/^\p{Lu}/u.test(w[0]) || NAME_PARTICLES.has(w[0]))) break;
    cut = w.index!;
  }
  return text.slice(0, cut);
}

function speakerOf(subject: string, pronoun: boolean, at: number, ctx: Context, verb?: string): Speaker | undefined {
  if (pronoun) {
    // "…," she said: the nearest person named before whose name does not say another gender; where no pronoun says
    // it, a Slavic verb's ending does ("…», – сказала.", "„…“, rekla je.")
    const words = subject.split(/\s+/u).map(fold);
    const gender = words.some((w) => FEMININE_PRONOUNS.has(w)) ? 'female' : words.some((w) => MASCULINE_PRONOUNS.has(w)) ? 'male' : verbGender(verb);
    const genderOfName = (name: string) => ctx.genders.get(fold(name)) ?? genderOf(name);
    const agrees = (name: string) => !gender || !genderOfName(name) || genderOfName(name) === gender;
    // German capitalizes every noun, so there a run of capitalized words is no sign of a person's name
    const named = NOUNS_CAPITALIZED.has(ctx.lang) ? [] : namedBeforeAt(at, ctx);
    const candidates = named.map((n) => n.name);
    // a name written before without a role whose gender is the pronoun's or the verb's, nearer than any person of the
    // book who agrees ("Jelena Marković, savetnica …, i Dragan Petrović, sudija …" then "rekla je")
    const agreeing = ctx.book.before(at, (k) => agrees(k.name));
    const nearest = gender ? named.filter((n) => genderOfName(n.name) === gender).pop() : undefined;
    const same = nearest && agreeing && ctx.book.onPage(nearest.name) === agreeing;
    const other = nearest && !same && (!agreeing || nearest.at > ctx.book.namedAt(agreeing)) ? nearest : undefined;
    const p = other ? undefined : agreeing ?? ctx.book.before(at);
    // "le Président en exercice a rappelé que … « … », a-t-il écrit": an office that spoke after the last person named
    // (after the whole name: "Наталія Бойко, національна координаторка …, нагадала" is her sentence, not an office's)
    const office = officeSpokeBefore(at, p ? nameEnd(ctx.book.namedAt(p), ctx) : other ? other.at : -1, ctx);
    if (office) return office;
    if (p) return fromPerson(p, at, ctx);
    if (other) return fromPerson(ctx.book.add(other.name, at), at, ctx);
    const fallback = candidates.filter(agrees).pop() ?? candidates.pop();
    return fallback ? fromPerson(ctx.book.add(fallback, at), at, ctx) : undefined;
  }
  // "a déclaré le Haut Commissaire pour les minorités nationales qui se rendra …": a clause is no part of the subject
  // ("said a statement issued by the Swiss Chairmanship in Berne": a message speaks for its sender)
  const sender = subject.replace(/^(?:a|an|the|its|his|her)\s+(?:joint\s+)?(?:statement|message|letter|communiqué|press\s+release|declaration)\s+(?:(?:issued|published|released|sent|signed)\s+)?(?:by|from)\s+/iu, '');
  const phrase = withoutParticipleClause(withoutLeadingCircumstance(sender.replace(LEADING_OCCASION, '')).replace(APPOSITION_END, '').replace(PERSON_CLAUSE, '')).replace(OCCASION, '').replace(/\s+in\s+\p{Lu}[\p{L}-]*$/u, (m) => (sender !== subject ? '' : m)).trim();
  if (!phrase) return undefined;
  const local = ctx.hits.filter((h) => h.start >= at - phrase.length - 400 && h.end <= at + 400);
  const names = nameMatcher(ctx.index).find(phrase, ctx.lang, ctx.full);
  const runs = nameRuns(phrase, ctx.common, names, true, ctx.lang);
  // "X was joined by Y, member of …, who said": the relative pronoun stands for the last person named before it
  if (/,\s*(?:who|qui|der|die|который|которая|який|яка|koji|koja|che|que)\s*$/iu.test(subject)) runs.reverse();
  for (const run of runs) {
    const single = run.name.split(/\s+/u).length < 2;
    const earlier = single && !ctx.book.onPage(run.name) ? fullNameBefore(run.name, at, ctx) : undefined;
    const known = earlier ? ctx.book.add(earlier, at) : ctx.book.bySurname(run.name);
    if (!known && run.name.split(/\s+/u).length < 2) continue;
    const next = phrase.slice(run.end).replace(PARENTHESIS, '');
    let roleAfter = next.startsWith(',') ? untilPredicate(next.slice(1).replace(AGE, '')) : '';
    // "Кристина Ольсен, руководившая одним из патрулей": a participle clause after the name is what she did, no role
    const firstAfter = /^\s*(\p{Ll}+)(?:\s+(\S+))?/u.exec(roleAfter);
    if (firstAfter && (isActiveParticiple(firstAfter[1] as string) || (!isRoleWord(firstAfter[1] as string) && (SLAVIC_GERUND.test(firstAfter[1] as string) || isParticiple(firstAfter[1] as string, firstAfter[2]))))) roleAfter = '';
    // "– говорит Рахимова, показывая тетрадь …": after a person the page gave a role, only an apposition is a new one
    if (roleAfter && known?.role && !isApposition(roleAfter, false, ctx.lang)) roleAfter = '';
    // "M. De Gucht" read as "Gucht": the words of the known name before the run are the name's, not a role
    const nameWords = new Set(fold(known?.name ?? '').split(/\s+/u));
    // and "ван дер Стул", "van der Stoel": its particles in lower case too
    const before = withoutNameWords(phrase.slice(0, run.start), nameWords);
    const roleBefore = ` ${before}`.replace(honorific, '').replace(/,\s*$/u, '').trim();
    const roleText = cleanRole(roleAfter) ? roleAfter : namesChair(roleBefore) ? roleBefore : commaSegments(roleBefore).filter(Boolean).pop() ?? '';
    const name = known?.name ?? run.name;
    const office = personsOffice(officeOf(roleText, local, at, ctx.index, ctx.lang, ctx.today, ctx.full, ctx.sources), name, ctx, roleText);
    const person = ctx.book.add(name, at, office.role, office.affiliation);
    // "…“, рекао је Дачић": the verb's ending gives the person's gender, for the pronouns and bare verbs after it
    const saidGender = verbGender(verb);
    if (saidGender) ctx.genders.set(fold(person.name), saidGender);
    // a person of the graph the page gives no office: the office they held that day
    const held = !person.role && !person.affiliation && ctx.today ? heldOffice(ctx.book.graphNameOf(person.name) ?? person.name, ctx.today, ctx.index, ctx.lang, /\p{Script=Cyrillic}/u.test(ctx.full)) : undefined;
    if (held) ctx.book.add(person.name, at, held.role, held.affiliation);
    return { name: person.name, role: office.role ?? person.role, affiliation: office.role ? office.affiliation : (office.affiliation ?? person.affiliation) };
  }
  // no name: a role ("the Secretary General") or a body ("the OSCE Mission to Montenegro"); of "the Chairperson-in-Office,
  // Slovak Foreign Minister," the Chair is the office the speaker speaks in
  const segments = commaSegments(phrase).filter(Boolean);
  const last = segments.find((x) => namesChair(x)) ?? segments.pop() ?? phrase;
  const office = officeOf(last, local, at, ctx.index, ctx.lang, ctx.today, ctx.full, ctx.sources);
  if (!office.role && !office.affiliation) return undefined;
  // "Генеральний секретар ОБСЄ звернувся до учасників у відеозверненні: «…»": the office that starts the clause
  // before a colon, whatever its verb
  const acted = !isOffice(office.role ?? '') && /^\p{Lu}/u.test(phrase) ? officeActedBefore(phrase, at - phrase.length, ctx) : undefined;
  if (acted) return acted;
  if (!isOffice(office.role ?? '')) return office.affiliation ? { name: undefined, role: undefined, affiliation: office.affiliation } : undefined;
  return byOffice(office, last, at, ctx);
}

/** A preposition that opens a circumstance (where, when, on what occasion), in the page languages. */
const CIRCUMSTANCE_PREPOSITION = /^(?:на|в|во|при|перед|после|у|під\s+час|по|in|at|during|on|bei|beim|im|am|auf|aus|von|vor|nach|à|au|lors\s+de|en|dans|al|durante|en|nel|nella|alla|da|na|u|në)$/iu;
const ARTICLE_WORD = /^(?:the|le|la|les|l['’]\p{L}*|der|die|das|den|dem|el|los|las|il|lo|gli)$/iu;
/** An active participle in Russian or Ukrainian ("выступивший", "открывающий", "виступаючий"): what the speaker did, not an office. */
const ACTIVE_PARTICIPLE = /^\p{Ll}{3,}(?:вший|вшая|вшее|вшие|ющий|ющая|ящий|ящая|учий|ючий|ачий|ячий|ший|шая)$/u;

/** An active participle, also one made of an office's stem ("руководившая одним из патрулей": who led, not a leader). */
function isActiveParticiple(word: string): boolean {
  return ACTIVE_PARTICIPLE.test(word) && (!isRoleWord(word) || /(?:вш|ющ|ящ)(?:ий|ая|ее|ие)$/u.test(word));
}

/**
 * The subject after a verb of saying without what comes before the speaker's words: a participle ("сказал выступивший
 * на брифинге начальник …") and a circumstance ("erklärte in Wien der Generalsekretär", "declaró al inaugurar el
 * seminario el Alto Comisionado", "сказал на брифинге начальник"): the subject starts at the first office word or
 * capitalized word after the circumstance's own head, with its article.
 */
export function withoutLeadingCircumstance(subject: string): string {
  let words = subject.trim().split(/\s+/u);
  if (words.length > 1 && ACTIVE_PARTICIPLE.test(words[0] as string) && !isRoleWord(words[0] as string)) words = words.slice(1);
  const prep = (words[0] ?? '').toLowerCase() === 'під' && (words[1] ?? '') === 'час' ? 2 : CIRCUMSTANCE_PREPOSITION.test(words[0] ?? '') || /^al$/iu.test(words[0] ?? '') ? 1 : 0;
  if (prep === 0) return withoutLeadingAdverbials(words).join(' ');
  // the circumstance's own head (its noun, place or infinitive) is the word after the preposition
  for (let i = prep + 1; i < Math.min(words.length, prep + 6); i++) {
    const w = words[i] as string;
    if (/[,;:]$/u.test(words[i - 1] as string)) break;
    if (!(isOfficeNoun(w) || /^\p{Lu}/u.test(w))) continue;
    // "під час брифінгу в Краматорську Головний спостерігач": a capitalized word after a preposition is the place
    if (!isOfficeNoun(w) && CIRCUMSTANCE_PREPOSITION.test(words[i - 1] as string)) continue;
    const start = ARTICLE_WORD.test(words[i - 1] as string) && i - 1 > prep ? i - 1 : i;
    return words.slice(start).join(' ');
  }
  return words.join(' ');
}

const FRENCH_PREDICATE = /^\s*(?:a|ont|avait|avaient|est|sont)\s+(?:\p{Ll}+(?:é|ée|és|ées)|dit|décrit|écrit|fait|pris|mis|reçu|vu|ouvert|offert)(?![\p{L}])/u;

/**
 * An apposition without the predicate that follows it ("rapporteur de la commission générale des affaires économiques,
 * de la science …, présentera un projet de résolution"): it ends before a comma segment that starts with a word in
 * lower case that is no office word, article or preposition (a verb), a committee's enumeration kept whole.
 */
function untilPredicate(apposition: string): string {
  const segments = commaSegments(apposition);
  // (a French compound tense is a predicate though it starts like an article: ", a décrit des familles", ", ont fait")
  const cut = segments.findIndex((x, i) => i > 0 && /^\s*\p{Ll}/u.test(x) && !isRoleWord(x.trim().split(/\s+/u)[0] ?? '') && (FRENCH_PREDICATE.test(x) || !/^\s*(?:the|a|an|le|la|les|l['’]|un|une|der|die|das|des|du|de|of|for|on|in|at|and|et|und|und|el|il|и|і|та|по|в|у|з|на|dhe|i|e|të)(?![\p{L}])/iu.test(x)));
  return cut > 0 ? segments.slice(0, cut).join(', ') : apposition;
}

/**
 * Words in lower case between a verb of saying and the office that speaks ("заявил журналистам Генеральный секретарь",
 * "a affirmé mardi à Vienne la Représentante …", "dijo hoy el Jefe …"): a time, a place, an addressee. The subject
 * starts at the first office word within six words (at its article, where the language writes one), when no
 * capitalized word but a place after a preposition comes before it.
 */
function withoutLeadingAdverbials(words: string[]): string[] {
  const first = words[0] ?? '';
  // (a plural in the dative is the addressee, though an occupation's: "журналистам", "участникам")
  if (!/^\p{Ll}/u.test(first) || ARTICLE_WORD.test(first) || (isRoleWord(first) && !/^\p{Script=Cyrillic}+(?:ам|ям)$/u.test(first)) || /^(?:un|une|a|an|ein|eine|uno|una)$/iu.test(first)) return words;
  for (let i = 1; i < Math.min(words.length, 6); i++) {
    const w = words[i] as string;
    if (/[,;:.]$/u.test(words[i - 1] as string)) return words;
    if (/^\p{Lu}/u.test(w) && !isOfficeNoun(w) && !CIRCUMSTANCE_PREPOSITION.test(words[i - 1] as string)) return words;
    if (!isOfficeNoun(w)) continue;
    // with the adjectives before the noun in languages without articles ("генерален секретар", "специальный представитель")
    let start = i;
    // (Macedonian adjectives with the suffixed article too: "генералниот секретар")
    const adjective = /^\p{Script=Cyrillic}+(?:ый|ий|ой|ая|яя|ій|ен|ан|на|ни|ски|ска|ьна|ьни|иот|ата|ото|ите)$/u;
    while (start > 1 && adjective.test(words[start - 1] as string)) start--;
    if (start === 1 && adjective.test(first)) return words;
    return words.slice(ARTICLE_WORD.test(words[start - 1] as string) ? start - 1 : start);
  }
  return words;
}

/** Where the name written at `at` ends (its capitalized words). */
function nameEnd(at: number, ctx: Context): number {
  if (at < 0) return at;
  return at + (/^\p{Lu}[\p{L}\p{M}'’-]*(?:\s+\p{Lu}[\p{L}\p{M}'’-]*)*/u.exec(ctx.full.slice(at, at + 120))?.[0].length ?? 0);
}

/**
 * The speaker of the last sentence before `at` (and after `after`) whose subject is an office without a name and
 * whose verb is one of saying ("the Chairperson-in-Office recalled that …"): the person a following pronoun means.
 */
function officeSpokeBefore(at: number, after: number, ctx: Context): Speaker | undefined {
  const from = Math.max(after + 1, at - 600, 0);
  return officeSaidBefore(at, from, ctx) ?? officeActedBefore(ctx.full.slice(from, at), from, ctx);
}

function officeSaidBefore(at: number, from: number, ctx: Context): Speaker | undefined {
  const text = ctx.full.slice(from, at);
  VERB_ANY.lastIndex = 0;
  let verb: RegExpExecArray | undefined;
  for (let m = VERB_ANY.exec(text); m; m = VERB_ANY.exec(text)) verb = m;
  if (!verb) return undefined;
  const start = Math.max(text.lastIndexOf('. ', verb.index) + 1, text.lastIndexOf('\n', verb.index) + 1, 0);
  const subject = text.slice(start, verb.index).trim();
  if (!subject || /[“”"„«»]/u.test(text.slice(start)) || nameRuns(subject, ctx.common, [], false, ctx.lang).length > 0) return undefined;
  const segments = commaSegments(subject.replace(PERSON_CLAUSE, '').replace(OCCASION, '')).filter(Boolean);
  const segment = segments.find((x) => namesChair(x)) ?? segments.pop();
  if (!segment) return undefined;
  const office = officeOf(segment, ctx.hits, from + verb.index, ctx.index, ctx.lang, ctx.today, ctx.full, ctx.sources);
  if (!office.role || !isOffice(office.role) || !namesChair(segment) && !office.affiliation) return undefined;
  const speaker = byOffice(office, segment, from + verb.index, ctx);
  // an office whose holder the facts leave open is still who spoke ("Kreu i Prezencës … theksoi …", then "deklaroi ai")
  return speaker.name || speaker.role ? speaker : undefined;
}

/**
 * The office that is the subject of the last sentence of `text` whatever its verb ("Генеральный секретарь ОБСЕ в
 * видеообращении … поблагодарила местных медиаторов. «…», – отметила она."): the longest run of its first words (six
 * at most) that names an office of a structure, with no person's name in it.
 */
function officeActedBefore(text: string, from: number, ctx: Context): Speaker | undefined {
  const body = text.replace(/\s+$/u, '');
  const start = Math.max(body.lastIndexOf('. ', body.length - 2) + 1, body.lastIndexOf('\n') + 1, 0);
  const sentence = body.slice(start).trim();
  // a sentence's first words, not the rest of one whose start (a person's name) lies before `text`
  if (!sentence || /[“”"„«»]/u.test(sentence) || !/^\p{Lu}/u.test(sentence)) return undefined;
  const words = sentence.split(/\s+/u).slice(0, 6);
  for (let k = words.length; k >= 1; k--) {
    const phrase = words.slice(0, k).join(' ').replace(/[,;:]$/u, '');
    if (nameRuns(phrase, ctx.common, [], false, ctx.lang).length > 0) continue;
    const office = officeOf(phrase, ctx.hits, from + start, ctx.index, ctx.lang, ctx.today, ctx.full, ctx.sources);
    if (!office.role || !isOffice(office.role) || !office.affiliation) continue;
    const speaker = byOffice(office, phrase, from + start, ctx);
    return speaker.name || speaker.role ? speaker : undefined;
  }
  return undefined;
}

/** The person an office without a name stands for: the one the page gave it, else its holder on the day. */
function byOffice(office: Office, phrase: string, at: number, ctx: Context): Speaker {
  const role = office.role as string;
  let affiliation = office.affiliation;
  let structureName: string | undefined;
  const head = fold(role).split(/\s+/u)[0] ?? '';
  const onPage = ctx.book.persons.find((p) => (affiliation && p.affiliation === affiliation && (!p.role || fold(p.role).startsWith(head))) || (p.role && fold(p.role).startsWith(fold(role))));
  if (onPage) return fromPerson(onPage, at, ctx);
  if (!affiliation) {
    // "the Representative" after "the OSCE Representative on Freedom of the Media": the structure named before
    const key = fold(cleanRole(phrase) ?? phrase);
    const named = ctx.hits.filter((h) => h.category === 'structure' && h.start < at && fold(cleanRole(h.text) ?? h.text).startsWith(key)).pop();
    affiliation = named?.iri;
    structureName = named ? cleanRole(named.text) : undefined;
  }
  // "изјави шефот" after "Шефот на Мисијата на ОБСЕ во Скопје рече …": the office the page wrote in full before
  if (!affiliation) {
    const full = fullOfficeBefore(role, at - phrase.length, ctx);
    if (full) affiliation = full;
  }
  // a short form of an office whose full name is the structure's ("the High Commissioner"): the name the page gave it
  const written = ctx.hits.filter((h) => h.iri === affiliation && h.start < at).pop();
  structureName ??= written ? cleanRole(written.text) : undefined;
  // (a structure the page named in a form its names lack, "Верховный комиссар СБСЕ по делам …": its name in the data)
  if (!structureName && affiliation?.includes('/structure/') && !ARTICLES_WRITTEN.has(ctx.lang)) structureName = fullNameOf(affiliation, role, ctx.index);
  const resolved = { role, affiliation };
  // "заявил Верховный комиссар" after "Верховный комиссар ОБСЕ по делам национальных меньшинств": in a language without
  // articles the short title is the office the page wrote in full (English "the Representative" refers back, and stays
  // as written); an institution's office only, a field operation's name ends with its host
  // ("the Co-ordinator" after "the Co-ordinator of OSCE Economic and Environmental Activities": an Office named by its
  // head's office, whose short title names no structure of its own, is the head's office as the page gave it in full)
  const headOffice = ctx.hits.filter((h) => h.iri === affiliation && h.start < at && h.headOffice).pop();
  const fullRole = structureName && (!ARTICLES_WRITTEN.has(ctx.lang) || headOffice) && affiliation?.includes('/structure/') && structureName.length > role.length && fold(structureName).startsWith(fold(role)) ? structureName : role;
  // "Верховный комиссар" after "Верховный комиссар ОБСЕ по делам национальных меньшинств": the office by its full name
  const holder = ctx.today ? holderOf(resolved, ctx.today, ctx.index, ctx.lang) ?? (structureName ? holderOf({ role: structureName, affiliation }, ctx.today, ctx.index, ctx.lang) : undefined) : undefined;
  // the holder as the page wrote them, in its script ("Маттео Мекаччи" for Matteo Mecacci)
  const name = holder ? ctx.book.pageFormOf(holder)?.name ?? namedBefore(at, ctx).find((n) => sameNameAcrossScripts(holder, n)) ?? holder : undefined;
  if (name) ctx.book.add(name, at, fullRole, affiliation);
  return { name, role: fullRole, affiliation };
}

/**
 * Offices of the Parliamentary Assembly's members in the page languages (its President and Vice-Presidents, Treasurer,
 * Special Representatives, committee officers, rapporteurs, heads of its delegations): held in the
 * Assembly when the Assembly publishes the page, though the text does not name it near the quotation.
 */
const PA_OFFICE = /^(?:(?:vice|deputy|co)[\s-]*)?(?:president|chair(?:person|man|woman)?|special\s+representative|rapporteur|treasurer|head\s+of\s+(?:the\s+)?delegation|présidente?|représentante?\s+spéciale?|rapporteuse|trésorière?|präsident(?:in)?|vizepräsident(?:in)?|vorsitzende[rn]?|sonderbeauftragte[rn]?|berichterstatter(?:in)?|schatzmeister(?:in)?|президент|вице-президент|председател\p{L}*|специальн\p{L}*\s+представител\p{L}*|докладчик|казначей|presidente|vicepresidente|rappresentante\s+speciale|relatore|relatrice|tesoriere|representante\s+especial|relatora?)(?![\p{L}])/iu;

/** A State's parliament named in a role ("of the Georgian Parliament", "du Parlement", "Bundestag", "Верховной Рады"). */
const NATIONAL_PARLIAMENT = /(?<![\p{L}])(?:parliament|parlement|parlament\p{L}*|bundestag|nationalrat|congress|senate|sénat|senat|duma|дум\p{L}*|рад\p{L}*|парламент\p{L}*|skupštin\p{L}*|скупштин\p{L}*|kuvend\p{L}*|собрани\p{L}*|sejm|seimas|saeima|riigikogu|storting|riksdag\p{L}*|folketing\p{L}*)(?![\p{L}])/iu;

/**
 * The office a named person speaks in: the foreign minister of a State the role names ("Міністр закордонних справ
 * України", in any case) who chairs the OSCE that day speaks as the Chair; a minister the page names without the
 * State ("Außenminister Kurz") keeps the office the page gives.
 */
function personsOffice(office: Office, name: string, ctx: Context, roleText = office.role ?? ''): Office {
  // "said Special Representative on Gender Issues Margit Haller" on a page the Parliamentary Assembly publishes
  // (not an office of a national parliament: "deputy chair of the foreign relations committee of the Georgian Parliament")
  const national = (role: string) => NATIONAL_PARLIAMENT.test(role) || mentionedEntities([role], ctx.index, ctx.today).some((iri) => ctx.index.entries.get(iri)?.category === 'country');
  const assembly = !office.affiliation && office.role && PA_OFFICE.test(office.role) && !national(office.role) ? ctx.index.find('Parliamentary Assembly', 'structure')?.iri : undefined;
  if (assembly && ctx.sources.includes(assembly)) return { role: office.role, affiliation: assembly };
  // (the State by its name in any case or by its adjective: "України", "der albanische Außenminister")
  const namesState = nameMatcher(ctx.index).find(roleText, ctx.lang).some((h) => h.category === 'country')
    || mentionedEntities([roleText], ctx.index, ctx.today).some((iri) => ctx.index.entries.get(iri)?.category === 'country');
  // ("Tánaiste and Minister for Foreign Affairs and Trade Eamon Gilmore": a foreign minister's national title that names
  // no State, on a page that names the Chairperson-in-Office's office: the graph says whether its holder chairs that
  // day; "sagte Außenminister Kurz" on a page that speaks only of the Chairpersonship stays his national office)
  if (!office.role || office.affiliation || (!namesState && !(FOREIGN_MINISTER.test(office.role) && chairTitleOnPage(ctx.full)))) return office;
  return chairInNationalOffice(office, ctx.book.graphNameOf(name) ?? name, ctx.today, ctx.index, ctx.lang, ctx.full) ?? office;
}

/**
 * The structure of an office written before `at` with the same role ("Шефот на Мисијата на ОБСЕ во Скопје" for a
 * later "шефот"): the last place the role's word starts the words of an office with a structure (ten words at most).
 */
function fullOfficeBefore(role: string, at: number, ctx: Context): string | undefined {
  const word = role.split(/\s+/u)[0] ?? '';
  if (!isRoleWord(word) || role.split(/\s+/u).length > 2) return undefined;
  const stem = escape(word.slice(0, Math.max(3, word.length - 1)));
  const found = [...ctx.full.slice(0, Math.max(0, at)).matchAll(new RegExp(`(?<![\\p{L}])${stem}\\p{L}*`, 'giu'))];
  for (let i = found.length - 1; i >= 0; i--) {
    const start = (found[i] as RegExpMatchArray).index as number;
    const words = ctx.full.slice(start, sentenceEnd(ctx.full, start)).split(/\s+/u).slice(0, 10);
    for (let k = 2; k <= words.length; k++) {
      const office = officeOf(words.slice(0, k).join(' '), ctx.hits, start, ctx.index, ctx.lang, ctx.today, ctx.full, ctx.sources);
      if (office.affiliation && office.role && fold(office.role) === fold(role)) return office.affiliation;
    }
  }
  return undefined;
}

function fromPerson(p: KnownPerson, at: number, ctx: Context): Speaker {
  ctx.book.add(p.name, at);
  return { name: p.name, role: p.role, affiliation: p.affiliation };
}

/** An apposition that gives a role: short, starting with an article or a word of an office ("Head of …"). */
function isApposition(text: string, roleBefore: boolean, lang: string): boolean {
  const words = text.trim().split(/\s+/u);
  // an office of a structure with a long name ("asesora jurídica de la Oficina del Representante de la OSCE para la
  // Libertad de los Medios de Comunicación") may be long; anything else that long is a clause
  if (words.length > (isRoleWord(words[0] ?? '') ? 24 : 14)) return false;
  const first = (words[0] ?? '').toLowerCase();
  // French, Italian and Spanish "a" is a verb ("a ouvert les travaux"), not an article
  const article = (lang === 'en' || lang === '' ? /^(?:a|an|the)$/u : /^(?:un|une|le|la|l['’].*|il|lo|uno|una|el)$/u).test(first)
    || /^(?:the|an)$/u.test(first);
  // "національна координаторка проектів …", "старший советник …": an adjective before the office's noun
  const adjective = /^\p{Ll}{3,}$/u.test(first) && !NOT_OCCUPATION.test(first) && !AUXILIARY.test(first) && !isParticiple(first, words[1]) && isOfficeNoun(words[1] ?? '');
  return (article && !roleBefore) || isRoleWord(words[0] ?? '') || (article && isRoleWord(words[1] ?? '')) || adjective || (!NOUNS_CAPITALIZED.has(lang) && occupation(words));
}

/** Verbs that start a predicate after a name ("X, has …", "X, a …"): never an occupation. */
const AUXILIARY = /^(?:has|had|have|is|was|were|will|would|can|could|may|must|est|était|sera|hat|hatte|ist|war|wird|ha|è|je|su|је|се|ќе|është|ka|do|а)$/u;

/** Words that start a clause after a name, not an occupation ("X, who …", "X, now retired, …"). */
const NOT_OCCUPATION = /^(?:who|which|whose|that|now|then|also|however|too|together|along|alongside|both|either|neither|jointly|including|namely|respectively|once|qui|dont|aussi|ensemble|avec|comme|der|die|das|который|которая|которые|который|вместе|разом|также|також|как|так|однако|впрочем|кстати|тоже|як|однак|теж|мабуть|kao|kako|takođe|међутим|као|який|яка|які|koji|koja|zajedno|takođe|që|cili|cila|bashkë)$/u;

/**
 * "Zarina Saidova, hydrologist at the University of Central Asia", "Олена Мельник, редакторка газети з Краматорська":
 * an apposition without an article is an occupation when a word in lower case (no verb form) is followed, within
 * three words, by a word that joins it to a place or a body.
 */
function occupation(words: readonly string[]): boolean {
  const first = words[0] ?? '';
  if (words.length > 16 || !/^\p{Ll}{3,}$/u.test(first) || NOT_OCCUPATION.test(first) || AUXILIARY.test(first) || VERB_FIRST.test(words.join(' ')) || isParticiple(first, words[1])) return false;
  // a verb's form: English -ed/-ing, Slavic past tense ("рассказала", "розповів"), a Spanish or Italian past tense's
  // stressed ending ("presentó", "annunciò"; French "-é" is a noun's too: "député")
  if (/(?:ing|ed|ly|ая|ий|ый|ись|ся|ла|ло|ли|л|в|ši|ći|ó|ò|ì|ù)$/u.test(first) && !isRoleWord(first)) return false;
  return words.slice(1, 3).some((w) => /^(?:at|of|from|in|with|for|à|au|de|du|des|chez|bei|beim|der|des|am|im|aus|з|із|в|на|из|у|при|od|iz|u|na|pri|во|од|на|në|nga|i|e|en|del|della|dello|di|da|presso|nel|nella|за|za)$/u.test(w))
    || (words.length >= 2 && words.length <= 4 && /^\p{Ll}/u.test(words[1] ?? '') && /\p{Script=Cyrillic}/u.test(first));
}

/** Languages with articles: there an office's words before a name start at the article ("the school director"). */
const ARTICLES_WRITTEN = new Set(['en', 'fr', 'de', 'it', 'es', 'sq', '']);

/** A word of an office that is a noun ("Head", "director"), not a verb made of one ("headed", "chairing"). */
function isOfficeNoun(word: string): boolean {
  return isRoleWord(word) && !/(?:ed|ing)$/u.test(word);
}

/** Words that join an office to what qualifies it: "of", "for", and where from ("Новинарот од Тетово"). */
const ROLE_LINK = /^(?:of|and|for|on|from|de|des|du|der|für|aus|di|del|della|dello|dei|degli|delle|и|по|од|из|з|iz|od)$/u;

/**
 * The role written before a name: the comma-separated phrase before it ("the school director, Nataliia Kovalenko"),
 * cut to its last noun phrase, or the words of an office right before it ("Die schwedische Polizeidirektorin X").
 */
function roleBeforeName(clause: string, lang: string, common?: Set<string>): string | undefined {
  const c = clause.trimEnd();
  const segments = commaSegments(c.replace(/,$/u, ''));
  // "OSCE Chairperson-in-Office, Serbian Foreign Minister X": the Chair named just before the role
  const previous = segments.length >= 2 ? (segments[segments.length - 2] as string).split(/\s+/u).slice(-8).join(' ') : '';
  const chair = namesChair(previous) ? `${previous}, ` : '';
  if (c.endsWith(',')) {
    let words = (segments[segments.length - 1] ?? '').trim().split(/\s+/u).filter(Boolean);
    // "… a annoncé aujourd'hui la vice-présidente de l'Assemblée, X": the office starts at the article before its
    // first noun when words that are not the office's come before it (a verb, an adverb)
    const first = words.findIndex((w) => isOfficeNoun(w.replace(/^l['’]/u, '')));
    // ("Selon la greffière adjointe …, Mme X": the words of "according to" that open the sentence likewise)
    if (first >= 2 && /^(?:the|a|an|le|la|les|der|die|das|el|il|la|un|une)$/iu.test(words[first - 1] as string) && !words.slice(0, first - 1).some((w, k) => (/^\p{Lu}/u.test(w) && !(k === 0 && /^(?:Selon|Según|Secondo|Laut|Sipas|According|Pour|Per|Für|Para)$/u.test(w))) || isRoleWord(w))) words = words.slice(first - 1);
    if (words.length <= 10) return chair + words.join(' ');
    // "… was attended by the Head of the OSCE Mission to the Federal Republic of Yugoslavia,": from the office's word
    const tail = words.slice(-24);
    let office = tail.findIndex((w) => isOfficeNoun(w));
    if (office >= 0 && tail.length - office <= 22) {
      // with the words that qualify the office back to its article ("the school director")
      for (let k = 0; k < 3 && office > 0 && /^\p{Ll}/u.test(tail[office - 1] as string); k++) {
        office--;
        if (/^(?:the|a|an|le|la|les|der|die|das|el|il|its|his|her)$/iu.test(tail[office] as string)) break;
      }
      return tail.slice(office).join(' ');
    }
    const short = words.slice(-10);
    const at = short.findIndex((w) => /^(?:the|a|an|le|la|les|der|die|das|el|il|its|his|her)$/iu.test(w));
    return at >= 0 ? short.slice(at).join(' ') : undefined;
  }
  const words = (segments[segments.length - 1] ?? '').split(/\s+/u).filter(Boolean);
  const kept: string[] = [];
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i] as string;
    if (!(isRoleWord(w) || /^\p{Lu}/u.test(w) || (kept.length > 0 && ROLE_LINK.test(w)))) break;
    kept.unshift(w);
  }
  while (kept.length > 0 && ROLE_LINK.test(kept[0] as string)) kept.shift();
  // "Head of the OSCE PA delegation Ingrid Falkenberg (Sweden) said": an office that opens the sentence, its noun first,
  // is the role as a whole (lower-case words of its complement included)
  // (no other capitalized word than abbreviations: a name or a place would be the start of another phrase)
  const opening = words.length <= 10 && words.length > kept.length && segments.length === 1 && /^\p{Lu}/u.test(words[0] ?? '') && isOfficeNoun(words[0] ?? '') && words.slice(1).every((w) => /^\p{Ll}+$/u.test(w) || /^\p{Lu}{2,}$/u.test(w)) && !words.some((w) => VERB_FIRST.test(w));
  // (German capitalizes every noun, so there a place's noun after a preposition would look like a name)
  if (opening && !NOUNS_CAPITALIZED.has(lang) && !/^(?:of|the|a|an|in|at|on|for|to|with|from|im|am|de|du|des|la|le|à|au)$/iu.test(words[words.length - 1] ?? '')) return chair + words.join(' ');
  // languages that write an office in lower case after its noun: "Tužilac za ratne zločine", "советник Верховного
  // комиссара по вопросам образования" (the last office word of the last eight, to the name)
  const tail = words.slice(-8);
  let office = tail.findIndex((w) => isOfficeNoun(w));
  // with the adjectives before it ("Національний радник …", "старший советник …")
  while (office > 0 && /^\p{Script=Cyrillic}+(?:ий|ій|ый|ой|ая|яя|на|ня)$/u.test(tail[office - 1] as string)) office--;
  const keptIsOffice = kept.length > 0 && isOffice(kept.join(' '));
  // (not across another person's name: "Фермер Петро Сиротюк обробляє … біля Нової Каховки" is the farmer's sentence)
  if (!ARTICLES_WRITTEN.has(lang) && office >= 0 && tail.length - office > kept.length && !keptIsOffice && (!common || nameRuns(tail.slice(office).join(' '), common, [], false, lang).length === 0)) {
    return chair + tail.slice(office).join(' ');
  }
  // "La présidente en exercice de l'OSCE, la ministre … des Affaires étrangères X": the Chair is the office
  return kept.length > 0 ? chair + kept.join(' ') : chair ? previous : undefined;
}

/** An age written after a name ("Arta Berisha, 17 ans, l'une des réalisatrices"): not part of the role. */
const AGE = /^\s*(?:\d{1,3}(?:\s+(?:ans|years old|year-old|Jahre|лет|года|років|роки|godina|vjeç))?\s*,\s*|\d{1,3}[-‑–]?(?:летн\p{L}*|річн\p{L}*|year-old|jährig\p{L}*|godišnj\p{L}*|годишн\p{L}*|vjeçar\p{L}*|enne|años)\s+)/u;

/** "X has followed many trials as a trial monitor with the Mission": the office a sentence gives its subject. */
const AS_ROLE = /^[^“”"„«»]*?\s(?:as|en tant que|als|в качестве|як|kao|si)\s+(?:(?:a|an|the|un|une|le|la|l['’])\s*)?([^,.;:“”"„«»]+)/iu;

function roleAsPredicate(rest: string): string | undefined {
  const phrase = AS_ROLE.exec(rest)?.[1]?.trim();
  return phrase && phrase.split(/\s+/u).length <= 12 && isOffice(phrase) ? phrase : undefined;
}

/**
 * The text before a name without the honorific right before it; "La cheffe de la Mission, l'ambassadrice Margit
 * Solberg": the comma before the honorific stays, so the phrase before it is read as the role.
 */
function withoutHonorific(clause: string): string {
  const h = honorific.exec(clause);
  if (!h) return clause;
  return clause.slice(0, h.index) + (/^\s*,/u.test(h[0]) ? ',' : '');
}

/** A quoted name inside an apposition («Луч надежды», “Women of the East”) is part of it. */
const APPOSITION_TEXT = /^,\s*((?:[^,.;:“”"„«»]|«[^«»]{1,60}»|„[^„“”]{1,60}[“”]|“[^“”]{1,60}”|,)+)(.?)/u;

/**
 * The apposition after a name ("X, director of the foundation «Луч надежды» from Osh, said"): the text after the
 * comma to the next comma, full stop, semicolon or colon, a committee's name with its enumeration kept whole;
 * undefined when a quotation starts before it ends.
 */
function appositionAfter(following: string): string | undefined {
  const m = APPOSITION_TEXT.exec(following);
  if (!m) return undefined;
  const segments = commaSegments(m[1] as string);
  // the text ran to a quotation mark (not a quoted name) before any comma ended the first segment
  if (segments.length === 1 && /[“”"„«»]/u.test(m[2] ?? '')) return undefined;
  const first = (segments[0] ?? '').replace(/\s+$/u, '');
  return first.trim() ? first : undefined;
}

/**
 * Records the persons a paragraph names before its quotations are attributed, with the roles given next to them. A
 * name counts as a person's only with some sign of one: a role or honorific beside it, or a person already known.
 */
function notePersons(text: string, offset: number, ctx: Context): void {
  for (const run of nameRuns(text, ctx.common, ctx.hits.map((h) => ({ ...h, start: h.start - offset, end: h.end - offset })), true, ctx.lang)) {
    const known = ctx.book.bySurname(run.name);
    if (!known && run.name.split(/\s+/u).length < 2) continue;
    // "Aida Begić, 17 ans, l'une des réalisatrices": an age before the apposition is not the role
    const following = text.slice(run.end).replace(PARENTHESIS, '');
    const appos = appositionAfter(following.startsWith(',') ? `,${following.slice(1).replace(AGE, '')}` : following);
    const clause = text.slice(sentenceStart(text, run.start), run.start);
    const honored = honorific.test(` ${clause.trimEnd()}`) || /(?:^|\s)(?:Dr|Mr|Mrs|Ms|Prof|M|Mme)\.\s*$/u.test(clause);
    const roleBefore = roleBeforeName(withoutHonorific(` ${clause}`), ctx.lang, ctx.common);
    const beforeRole = roleBefore && isOffice(roleBefore) ? roleBefore : undefined;
    // ("Selon la greffière adjointe de la Cour, Mme X, les demandes … viennent …": with a role before the name, what
    // follows the name's comma is a role only when it is an office)
    const apposRole = appos && isApposition(appos, beforeRole !== undefined, ctx.lang) && (!beforeRole || isOffice(appos)) ? appos : undefined;
    const predicateRole = apposRole || beforeRole ? undefined : roleAsPredicate(text.slice(run.end, sentenceEnd(text, run.end)));
    if (!known && !honored && !apposRole && !beforeRole && !predicateRole) continue;
    const roleText = apposRole ?? beforeRole ?? predicateRole ?? '';
    const office = personsOffice(officeOf(roleText, ctx.hits, offset + run.start, ctx.index, ctx.lang, ctx.today, ctx.full, ctx.sources), known?.name ?? run.name, ctx, roleText);
    ctx.book.add(known?.name ?? run.name, offset + run.start, office.role, office.affiliation);
  }
}

/** The person whose reported speech is the sentence right before a quotation that stands as a sentence alone. */
function reportedBefore(p: string, from: number, s: Span, base: number, ctx: Context): Speaker | undefined {
  const lead = p.slice(from, s.start);
  if (!/[.!?]\s*$/u.test(lead) || !/^[^\p{L}]*[.!?]?[“”"„«»]?\s*$/u.test(p.slice(s.end, s.end + 3).replace(/^[.!?]/u, ''))) return undefined;
  const end = lead.replace(/\s+$/u, '').length - 1;
  const dot = lead.lastIndexOf('. ', end - 1);
  const start = dot < 0 ? 0 : dot + 2;
  const sentence = lead.slice(start, end);
  VERB_ANY.lastIndex = 0;
  if (!sentence || /[“”"„«»]/u.test(sentence) || !VERB_ANY.test(sentence)) return undefined;
  const person = ctx.book.before(base + s.start);
  const at = person ? ctx.book.namedAt(person) : -1;
  if (!person || at < base + from + start) return undefined;
  return fromPerson(person, base + s.start, ctx);
}

interface Joined extends Span {
  /** The first part of a quotation split by its attribution, and the paragraph cut before its second part. */
  head?: Span & { p: string };
  /** The attribution set inside the quotation marks ("« Un sommet, a précisé le Secrétaire général, n'est … »"). */
  inside?: Attribution;
}

/**
 * A quotation split by its attribution is one quotation starting at its first part: “…,” said X, “become …” and «…»,
 * ha detto X, «non si …» (the second part goes on in lower case right after the attribution's comma, in the same
 * sentence), and « Un sommet, a précisé X, n'est … », «Амударья, – сказал X, – каждый год …» (the attribution set
 * between commas inside the marks, right after the first words).
 */
function splitQuotesJoined(p: string, raw: Span[]): Joined[] {
  const out: Joined[] = [];
  for (let i = 0; i < raw.length; i++) {
    const s = raw[i] as Span;
    const next = raw[i + 1];
    const between = next ? p.slice(s.end, next.start) : '';
    VERB_ANY.lastIndex = 0;
    const joins = next && between.length <= 250 && /^\p{Ll}/u.test(next.text) && !/[.!?]$/u.test(s.text)
      && /,\s*[–—-]?\s*$/u.test(between)
      && !/[.!?;:]/u.test(between.replace(/(?<![\p{L}])(?:\p{Lu}|Dr|Mr|Mrs|Ms|Prof|M|Mme|St)\./gu, '')) && VERB_ANY.test(between);
    if (next && joins) {
      const cut = p.slice(0, next.start).replace(/[\s,–—-]+$/u, '');
      out.push({ text: `${s.text.replace(/[,\s]+$/u, '')} ${next.text}`, start: s.start, end: next.end, head: { ...s, p: `${cut}.` } });
      i++;
      continue;
    }
    const inner = innerAttribution(s.text);
    if (inner) {
      out.push({ ...s, text: inner.text, inside: inner.attribution });
      continue;
    }
    out.push(s);
  }
  return out;
}

/**
 * The attribution set inside a quotation's marks after its first words (« Un sommet, a précisé X, n'est … », «Амударья,
 * – сказал X, – каждый год …», « La Cour existe …, a reconnu le Président de la Cour. Ce n'est pas … »), and the
 * quotation without it.
 */
function innerAttribution(text: string): { attribution: Attribution; text: string } | undefined {
  const inner = new RegExp(`^([^,.!?;:“”"„«»]{2,120}?),\\s*[–—-]?\\s*((?:${VERB_ALT})(?![\\p{L}])[^,.!?;:“”"„«»]{0,160}?|[^,.!?;:“”"„«»]{2,60}?\\s(?:${VERB_ALT}))\\s*(?:,\\s*[–—-]?\\s*(?=\\p{Ll})|\\.\\s+(?=\\p{Lu}))`, 'u').exec(text);
  if (!inner) return undefined;
  const mock = `“${inner[1]},” ${inner[2]}.`;
  const attribution = after(mock, spans(mock)[0] as Span);
  if (!attribution) return undefined;
  const rest = text.slice(inner[0].length);
  return { attribution, text: `${inner[1]}${/^\p{Lu}/u.test(rest) ? '.' : ''} ${rest}` };
}

/**
 * The attribution of a quotation that stands as a paragraph of its own after a paragraph ending in a colon ("In einer
 * Videobotschaft wandte sich die Generalsekretärin der OSZE an die Absolventinnen:", "At the signing he told the
 * engineers:"): that paragraph's last sentence, read as if the quotation followed it.
 */
function colonLead(lead: { p: string; base: number } | undefined): Attribution | undefined {
  if (!lead || !/:\s*$/u.test(lead.p)) return undefined;
  const mock = `${lead.p} “quoted words follow here”`;
  return before(mock, { text: 'quoted words follow here', start: lead.p.length + 1, end: mock.length }, 0);
}

/**
 * A paragraph of direct speech set off by dashes ("— …, — говорит X, хозяйка мастерской. — …", "– …, – сказала X.")
 * written with the quotation marks it stands for, of the same length (offsets into the page stay): « for the opening
 * dash, » before the dash that introduces the words of saying, « for the dash after them and » for the last full stop;
 * undefined when the paragraph is not such speech (no words of saying right after the second dash).
 */
export function dashDialogue(p: string): string | undefined {
  if (!/^[—–-]\s/u.test(p)) return undefined;
  const seps = [...p.matchAll(/\s[—–-]\s/gu)].map((m) => m.index as number).filter((i) => i > 1);
  const first = seps[0];
  if (first === undefined || !VERB_FIRST.test(p.slice(first + 3)) || /[«»“”"„]/u.test(p)) return undefined;
  const c = [...p];
  // (a string of UTF-16 units: the dashes and spaces are one unit each, so indices are the spread's)
  if (c.length !== p.length) return undefined;
  c[0] = '«';
  c[first] = '»';
  const second = seps[1];
  const end = p.replace(/\s+$/u, '').length - 1;
  if (second !== undefined && /[.!?…]/u.test(p[end] ?? '') && end > second + 3) {
    c[second + 1] = '«';
    c[end] = '»';
  }
  return c.join('');
}

/** Whether a person's full name is written in the paragraph between two offsets (another candidate for a pronoun). */
function namedBetween(from: number, to: number, p: string, ctx: Context): boolean {
  return nameRuns(p.slice(from, to), ctx.common, [], false, ctx.lang).some((r) => r.name.split(/\s+/u).length >= 2);
}

/** Quotations of the paragraphs, in order, with their speakers; `today` (YYYY-MM-DD) resolves offices to holders. */
export function findQuotes(paragraphs: readonly string[], index: ReferenceIndex, today?: string, title = '', sources: readonly string[] = []): Quote[] {
  return readSpeech(paragraphs, index, today, title, sources).quotes;
}

export interface Speech {
  quotes: Quote[];
  /** Every person the paragraphs name (speakers and office holders they resolve to included), in order. */
  persons: string[];
}

/** The quotations of the paragraphs and the persons they name. */
export function readSpeech(paragraphs: readonly string[], index: ReferenceIndex, today?: string, title = '', sources: readonly string[] = []): Speech {
  const full = paragraphs.join('\n\n');
  const lang = detectLanguage(full);
  const ctx: Context = { full, index, book: new PersonBook(index), hits: nameMatcher(index).find(full, lang), common: commonWords(`${title}\n${full}`, index), today, lang, sources, genders: new Map() };
  const quotes: Quote[] = [];
  let last: Speaker | undefined;
  let open: string[] = [];
  let offset = 0;
  // the paragraph before this one, and the one before an open quotation started (its attribution, when it ends in a
  // colon); whether the paragraph before ended inside a quotation it opened after its last closed one
  let lead: { p: string; base: number } | undefined;
  let openLead: { p: string; base: number } | undefined;
  let unclosed = false;
  const speakerOfLead = (l: typeof lead, _at: number): Speaker | undefined => {
    const a = colonLead(l);
    if (!a || !l) return undefined;
    // (a pronoun there refers to someone before its own sentence: "… said the Mission would pay. At the signing he told
    // the engineers:")
    const start = sentenceStart(l.p, l.p.trimEnd().length - 1);
    const said = speakerOf(a.subject, a.pronoun, l.base + start, ctx, a.verb);
    if (said?.name || said?.role) return said;
    // "In einer Videobotschaft wandte sich die Generalsekretärin der OSZE an die Absolventinnen:": no verb of saying,
    // the office that acts in the sentence, from its noun
    const sentence = l.p.slice(start);
    for (const m of sentence.matchAll(/\p{Lu}[\p{L}-]*/gu)) {
      if (!isOfficeNoun(m[0])) continue;
      const office = officeActedBefore(sentence.slice(m.index), l.base + start + m.index!, ctx);
      if (office) return office;
    }
    return said;
  };
  for (let p of paragraphs) {
    if (quotes.length >= MAX_QUOTES || ctx.book.persons.length >= MAX_PERSONS) break;
    const base = offset;
    offset += p.length + 2;
    if (OPENERS.test(p) && spans(p).length === 0) {
      if (open.length === 0) openLead = lead;
      open.push(p.slice(1).trim());
      lead = { p, base };
      continue;
    }
    // “We have seen … (a paragraph opened and not closed), then "… either.”" (a paragraph that closes it without opening
    // one): one quotation, attributed inside, by the paragraph before it ending in a colon, or as the one before it
    if (open.length > 0 && spans(p).length === 0 && /[”"»“’]\s*$/u.test(p)) {
      const joined = [...open, p.replace(/[”"»“’]\s*$/u, '').trim()].join(' ');
      const inner = innerAttribution(joined);
      const speaker = (inner ? speakerOf(inner.attribution.subject, inner.attribution.pronoun, base, ctx, inner.attribution.verb) : undefined) ?? speakerOfLead(openLead, base) ?? last;
      open = [];
      lead = { p, base };
      if (!speaker) continue;
      quotes.push({ text: inner?.text ?? joined, speaker });
      last = speaker;
      if (speaker.name) ctx.book.add(speaker.name, base);
      continue;
    }
    // "— Раньше я продавала ковры …, — говорит Алиева, хозяйка мастерской. — Теперь у меня …": direct speech set off
    // by dashes (Russian, Ukrainian) is read as the quotation marks it stands for, one quotation per paragraph
    const dialogue = dashDialogue(p);
    if (dialogue) p = dialogue;
    const found = splitQuotesJoined(p, spans(p).filter((s) => !isTitleQuote(p, s.start))).filter((s) => s.text.split(/\s+/u).length >= 4);
    let previous: Speaker | undefined;
    let from = 0;
    for (const s of found) {
      if (quotes.length >= MAX_QUOTES) break;
      notePersons(p.slice(from, s.start), base + from, ctx);
      // (a quotation split by its attribution is attributed by the words between its parts, read as after its first)
      const attribution = s.inside ?? (s.head ? after(s.head.p, s.head) : after(p, s)) ?? before(p, s, from);
      // "«…», – сказал … глава Миссии ОБСЕ в Молдове. «…», – добавил он.": a pronoun after a quotation of an office whose
      // holder the facts leave open, in the same paragraph, is that office (no person named between them)
      const sameOffice = attribution?.pronoun && previous && !previous.name && previous.role && !namedBetween(from, s.start, p, ctx) ? previous : undefined;
      let speaker = sameOffice ?? (attribution ? speakerOf(attribution.subject, attribution.pronoun, base + s.start, ctx, attribution.verb) : undefined);
      // "La Directrice du BIDDH … a rappelé que « … ». Selon le Bureau, …": words after the quotation's sentence that
      // name no one are no attribution of it; the words of saying before it are
      const ahead = !speaker && attribution && /^[^\p{L}]*[.!?]/u.test(p.slice(s.end, s.end + 4)) ? before(p, s, from) : undefined;
      if (ahead) speaker = speakerOf(ahead.subject, ahead.pronoun, base + s.start, ctx, ahead.verb);
      speaker ??= previous ?? (s.start === 0 ? last : undefined);
      // "X, stellvertretende Vorsitzende …, sagte, ihre Kommission wolle … . „Wir wollen …“": a quotation that is a
      // sentence of its own, with no words of saying, right after a sentence in which a person said something (reported
      // speech), continues that person's words
      if (!speaker && !attribution) speaker = reportedBefore(p, from, s, base, ctx);
      const text = s.text.replace(/[,\s]+$/u, '');
      from = s.end;
      // «…» over two paragraphs, each opened: attributed inside its first part, or by the paragraph before it (a colon)
      if (!attribution && s.start === 0 && open.length > 0) {
        const inner = innerAttribution([...open, text].join(' '));
        const own = (inner ? speakerOf(inner.attribution.subject, inner.attribution.pronoun, base, ctx, inner.attribution.verb) : undefined) ?? speakerOfLead(openLead, base);
        if (own) {
          quotes.push({ text: inner?.text ?? [...open, text].join(' '), speaker: own });
          open = [];
          previous = own;
          if (own.name) ctx.book.add(own.name, base);
          continue;
        }
      }
      // "In einer Videobotschaft wandte sich die Generalsekretärin … an die Absolventinnen:" then „…“ as a paragraph
      if (!attribution && s.start === 0 && open.length === 0) speaker = speakerOfLead(lead, base) ?? speaker;
      // "…," said X. "The course … (opened, not closed at the paragraph's end), then "Most of all …" opening the next
      // paragraph with no attribution of its own: the quotation goes on ("…," said X. "…" in one paragraph are two)
      const lastQuote = quotes[quotes.length - 1];
      if (!attribution && lastQuote && !s.head && !s.inside && ((s.start === 0 && unclosed && open.length === 0) || (dialogue && previous))) {
        lastQuote.text = `${lastQuote.text} ${text}`;
        continue;
      }
      if (!speaker) continue;
      const joined = s.start === 0 && open.length > 0 ? [...open, text].join(' ') : text;
      open = [];
      quotes.push({ text: joined, speaker });
      previous = speaker;
      if (speaker.name) ctx.book.add(speaker.name, base + s.start);
    }
    notePersons(p.slice(from), base + from, ctx);
    last = previous;
    open = [];
    lead = { p, base };
    // (a quotation mark opened after the last closed quotation, and not closed in the paragraph)
    unclosed = /^[^“”"„«»]*[“"„«][^“”"„«»]{8,}$/u.test(p.slice(from));
  }
  return { quotes, persons: ctx.book.persons.map((p) => p.name) };
}
