/**
 * State names that, where they stand, name something else: a person's first name ("Jordan Whitfield", "Georgia
 * Papadopoulou", "Israel Moreno") or a state of the United States ("Georgia, Arizona and Michigan"). Decided by the
 * text around the name, never by a list of pages: a first name is a State's one-word name followed by a capitalized
 * surname that the page writes alone elsewhere or that an attribution or apposition frames; a US state is a name
 * listed next to another US state's.
 */
import { isGivenName } from './given-names.js';
import { SAYING_VERBS } from './lexicon.js';
import type { NameHit } from './name-matcher.js';

/** The fifty states of the United States (the names that share a list with "Georgia"). */
const US_STATES = [
  'Alabama', 'Alaska', 'Arizona', 'Arkansas', 'California', 'Colorado', 'Connecticut', 'Delaware', 'Florida', 'Hawaii',
  'Idaho', 'Illinois', 'Indiana', 'Iowa', 'Kansas', 'Kentucky', 'Louisiana', 'Maine', 'Maryland', 'Massachusetts',
  'Michigan', 'Minnesota', 'Mississippi', 'Missouri', 'Montana', 'Nebraska', 'Nevada', 'New Hampshire', 'New Jersey',
  'New Mexico', 'New York', 'North Carolina', 'North Dakota', 'Ohio', 'Oklahoma', 'Oregon', 'Pennsylvania',
  'Rhode Island', 'South Carolina', 'South Dakota', 'Tennessee', 'Texas', 'Utah', 'Vermont', 'Virginia', 'Washington',
  'West Virginia', 'Wisconsin', 'Wyoming',
];
const US_STATE = US_STATES.join('|');
const US_BEFORE = new RegExp(`(?:\\b(?:${US_STATE})\\s*(?:,|\\band\\b|\\bor\\b)\\s*(?:and\\s+|or\\s+)?|\\bU\\.?S\\.? state of\\s+|\\bstate of\\s+)$`, 'u');
const US_AFTER = new RegExp(`^\\s*(?:,|\\band\\b|\\bor\\b)\\s*(?:and\\s+|or\\s+)?(?:${US_STATE})\\b`, 'u');

/** Whether the State name at `hit` is a US state: listed next to a US state ("Georgia, Arizona"), or "the state of Georgia". */
export function isUsState(text: string, hit: NameHit): boolean {
  if (hit.category !== 'country' || hit.demonym) return false;
  return US_BEFORE.test(text.slice(Math.max(0, hit.start - 40), hit.start)) || US_AFTER.test(text.slice(hit.end, hit.end + 40));
}

const NAME_WORD = /^\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)*$/u;
/** What frames a person's name in running text: an attribution verb or "by" before it, an apposition or verb after it. */
const VERBS = [...SAYING_VERBS].sort((a, b) => b.length - a.length).map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
// (or the start of a sentence: "France Lemaire, juriste au Conseil de l'Europe, a souligné …")
const FRAME_BEFORE = new RegExp(`(?:(?<![\\p{L}])(?:${VERBS}|by|with|and|par|avec|et|von|mit|und)|[,;(]|^|[.!?\\n])\\s*$`, 'iu');
/** A verb of saying right after or right before a name ("Jordan said", "said Jordan"). */
// and an auxiliary that starts the sentence's verb ("Israël a salué …", "Jordan has visited …")
const VERB_AFTER = new RegExp(`^\\s+(?:${VERBS}|a|avait|est|has|had|was|will|hat|hatte|ist|war|wird|ha|è|je|ka)(?![\\p{L}])`, 'iu');
const VERB_BEFORE = new RegExp(`(?<![\\p{L}])(?:${VERBS}),?\\s+$`, 'iu');
const FRAME_AFTER = /^(?:\s*[,(]\s*\p{Ll}|\s+(?:said|says|told|added|explained|noted|stressed)\b)/u;

/**
 * Whether a one-word State name at `hit` is a person's first name: a capitalized surname follows after one space (not
 * a word of another name the matcher found, not a word the page writes in lower case, not followed by another
 * capitalized word), and either the page writes the surname alone elsewhere, or an attribution or apposition frames
 * the pair ("said Georgia Papadopoulou, leader of …"), or the State's name is a given name in two languages or more
 * of the given-name lists (Georgia, Jordan, Israel, India: "Jordan Smith visited …" once) and no article precedes it.
 */
export function isFirstName(text: string, hit: NameHit, next: NameHit | undefined, page = text): boolean {
  if (hit.category !== 'country' || hit.demonym || /\s/u.test(hit.text) || !NAME_WORD.test(hit.text)) return false;
  const m = /^ (\p{Lu}[\p{L}\p{M}'’-]+)(?=([\s\S]{0,2}))/u.exec(text.slice(hit.end, hit.end + 60));
  if (!m) return false;
  const surname = (m[1] as string).replace(/[’']s$/u, '');
  const surnameStart = hit.end + 1;
  if (!NAME_WORD.test(surname) || (next && next.start === surnameStart)) return false;
  const after = text.slice(surnameStart + surname.length);
  if (/^\s\p{Lu}/u.test(after)) return false;
  if (new RegExp(`(?<![\\p{L}])${escape(surname.toLowerCase())}(?![\\p{L}])`, 'u').test(page)) return false;
  // the surname alone: not after the State's name, not after another capitalized word (another first name)
  const elsewhere = new RegExp(`(?<!\\p{Lu}[\\p{L}\\p{M}'’-]*\\s)(?<![\\p{L}])${escape(surname)}(?![\\p{L}])`, 'gu');
  const alone = [...page.matchAll(elsewhere)].some((x) => page !== text || x.index !== surnameStart);
  const before = text.slice(Math.max(0, hit.start - 20), hit.start);
  // "France Lemaire, juriste au …": at a sentence's start, a name and its apposition
  const opensApposition = /(?:^|[.!?»"”]\s+)$/u.test(before) && /^\s*,\s*\p{Ll}/u.test(after);
  return alone || (FRAME_BEFORE.test(before) && FRAME_AFTER.test(after)) || opensApposition || (isGivenName(hit.text, 2) && !ARTICLE_BEFORE.test(before));
}

/** "the Jordan Valley": a name after an article is a place's or a thing's, not a person's. */
const ARTICLE_BEFORE = /(?<![\p{L}])(?:the|der|die|das|dem|den|des|le|la|les|du|el|il|lo)\s+$/iu;

/**
 * Whether a one-word State name (or a Slavic State adjective, capitalized) at `hit` is a person's surname: right
 * after a given name ("Lena Jordan", "Марія Угорська", the given name in two languages or more of the lists), or alone next to a verb of saying ("Jordan said") on a page that
 * names a person with that surname.
 */
export function isSurname(text: string, hit: NameHit, page = text): boolean {
  // Slavic adjectives are written in lower case: one capitalized after a given name is a surname ("Андрей Польский")
  const adjective = hit.demonym && /\p{Script=Cyrillic}/u.test(hit.text);
  if (hit.category !== 'country' || (hit.demonym && !adjective) || /\s/u.test(hit.text) || !NAME_WORD.test(hit.text)) return false;
  const prev = /(?<![\p{L}])(\p{Lu}\p{Ll}+) $/u.exec(text.slice(Math.max(0, hit.start - 30), hit.start))?.[1];
  if (prev && isGivenName(prev, 2) && !/^ \p{Lu}/u.test(text.slice(hit.end))) return true;
  const named = new RegExp(`(?<![\\p{L}])(\\p{Lu}\\p{Ll}+) ${escape(hit.text)}(?![\\p{L}])`, 'gu');
  if (![...page.matchAll(named)].some((m) => isGivenName(m[1] as string, 2))) return false;
  return VERB_AFTER.test(text.slice(hit.end, hit.end + 30)) || VERB_BEFORE.test(text.slice(Math.max(0, hit.start - 30), hit.start));
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
