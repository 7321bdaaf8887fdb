/**
 * A speaker's office: the role as written and the structure it is held in (the affiliation), and the post whose
 * holder a role without a name stands for ("said the Secretary General" in 2013 is Lamberto Zannier).
 * "Head of the OSCE Mission to Skopje" is role "Head" in mission-to-skopje; "ODIHR Director" is "Director" in ODIHR;
 * "the Mission's adviser" is "adviser" in the mission the page named last; a minister speaking as
 * Chairperson-in-Office has that role in the Chairpersonship; a State's official has no affiliation.
 */
import { officeHolders, type OfficeHolders, type PostKey } from '../model/office-holders.js';
import { holdsOn } from '../model/periods.js';
import { ARTICLES, FOREIGN_MINISTER, HONORIFICS, RELATIVE_CLAUSE } from './lexicon.js';
import { fold, nameMatcher, tokenize, type NameHit } from './name-matcher.js';
import { operationByHost, OPERATION_WORD } from './operations.js';
import { isRoleWord } from './persons.js';
import type { ReferenceIndex } from './reference-index.js';

export interface Office {
  role: string | undefined;
  affiliation: string | undefined;
}

const CONNECTOR = /(?:\s*(?:,|\bat|\bau|\baux|\bof|\bin|\bwith|\bfor|\bfrom|\bdu|\bde la|\bde l['’]|\bdes|\bde|\bdel|\bdella|\bder|\bdes|\bim|\bam|\bà|\bna|\bnë|\bu|\bi|\be|\btë|\bsë|(?<![\p{L}])(?:на|во|в|при|од|у|з|за))?\s*(?:the\s+|l['’]|la\s+|le\s+)?(?:OSCE['’]s\s+|OSCE\s+|OSZE-?\s*|ОБСЕ\s+)?)$/iu;
/** Chairperson-in-Office in the page languages: the role a minister speaks in for the Chairpersonship. */
const CIO = /(?<![\p{L}])(?:Chair(?:person|man|woman)-in-Office|CiO(?![\p{L}])|Amtierende[rn]?\s+(?:OSZE-)?Vorsitzende[rn]?|présidente?\s+en\s+exercice|Presidente\s+in\s+esercizio|Presidente\s+en\s+ejercicio|Действующ\p{L}*\s+председател\p{L}*|Чинн\p{L}*\s+голов\p{L}*|predsedavajuć\p{L}*|predsjedavajuć\p{L}*|председавајућ\p{L}*|предсједавајућ\p{L}*|претседавач\p{L}*|Krye(?:sues|tar)\p{L}*\s+(?:i|në)\s+detyr\p{L}*)/iu;
/** The Parliamentary Assembly's general committees in the page languages ("General Committee", "Allgemeiner Ausschuss"). */
const PA_GENERAL_COMMITTEE = /(?<![\p{L}])(?:General\s+Committee|Allgemein\p{L}*\s+Ausschuss\p{L}*|[Cc]ommission\s+générale|[Cc]ommissione\s+generale|[Cc]omisión\s+General|[Гг]енеральн\p{L}*\s+комитет\p{L}*|[Гг]енеральн\p{L}*\s+комітет\p{L}*|[Gg]eneraln\p{L}*\s+odbor\p{L}*)(?![\p{L}])/u;
/** Nouns by which a page refers back to a structure it named ("the Mission's", "the Centre", "Центра"). */
const BACK_REFERENCE = /(?<![\p{L}])(?:the\s+)?(?:\p{L}+(?:ого|ой|ых|ого|ного)\s+)?(Programme Office|Project Co-ordinator|Co-ordinator|Mission|Centre|Center|Office|Бюро|Координатор\p{L}*\s+проект\p{L}*|Presence|Assembly|Secretariat|Institution|Misij\p{L}*|Мисиј\p{L}*|Centra|Центр\p{L}*|Офис\p{L}*|Координатор\p{L}*|Миссии|Prezenc\p{L}*|Prani\p{L}*|Bureau|Büro|Missione|Misión|Assemblée|Versammlung|Ассамбле\p{L}*|Асамбле\p{L}*|Asamble\p{L}*|Skupštin\p{L}*|Собрани\p{L}*|Верховн\p{L}*\s+комиссар\p{L}*|Верховн\p{L}*\s+комісар\p{L}*|Court|Cour|Corte|Gerichtshof|Programmbüro\p{L}*)(?:['’]s)?(?![\p{L}])/iu;

const honorific = new RegExp(`^(?:(?:${HONORIFICS.map((h) => h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\.?\\s+)+`, 'iu');

/** Articles, honorifics and stray punctuation around a role. */
export function cleanRole(role: string): string | undefined {
  // the organization named inside a role is not part of it ("Représentante de l'OSCE pour …" = "Représentante pour …")
  // Albanian and Serbian join it with a case ending ("Kreu i Prezencës së OSBE-së", "generalna sekretarka OEBS-a")
  let r = role.replace(/(?:\s+(?:i|e|të|së))?\s+(?:OSBE|OEBS|ОЕБС|OSCE|OSZE|ОБСЕ)-?(?:së|ja|në|s|a|u|om|e|у|а|ом|е)(?![\p{L}])/gu, ' ')
    // and an abbreviation's case ending ("Drejtori i ODIHR-it", "ODIHR-a")
    .replace(/(?<=\p{Lu}{2,})-(?:it|së|në|ja|n|t|s|ës|a|u|om|e|а|у|ом)(?![\p{L}])/gu, '')
    // (Italian and Spanish "dell'OSCE", "de la OSCE" too)
    // (and the CSCE's, the organization's name before 1995: "Head of the CSCE Mission", "KSZE", "СБСЕ")
    .replace(/(?:\s+(?:de\s+l['’]|der\s+|d['’]|dell['’]|della\s+|de\s+la\s+|del\s+))?(?<![\p{L}])(?:OSCE|OSZE|ОБСЕ|ОБСЄ|OSBE|OEBS|ОЕБС|CSCE|KSZE|СБСЕ|НБСЄ|KEBS|КЕБС)(?:['’]s)?(?:-|(?![\p{L}]))/gu, ' ')
    // a role ends where a clause starts ("Haut Commissaire, qui se rendra …", "советник, который …")
    .replace(RELATIVE_CLAUSE, '')
    .replace(/\s{2,}/gu, ' ');
  r = r.trim().replace(/^[,;:–—-]+|[,;:.–—-]+$/gu, '').trim();
  for (let prev = ''; prev !== r; ) {
    prev = r;
    // "… y sont attendus, ainsi que l'avocate X": the words that add a person to a list are no part of the role
    r = r.replace(/^(?:ainsi\s+que|de\s+même\s+que|as\s+well\s+as|along\s+with|together\s+with|sowie|а\s+также|а\s+також|and|et|und|и|і|та)\s+/iu, '');
    r = r.replace(ARTICLES, '').replace(honorific, '').replace(/^(?:OSCE|OSZE|ОБСЕ|ОБСЄ|OEBS)\s+/u, '').replace(/^(?:OSZE|ОБСЕ)-/u, '').trim();
    // the word that joined the organization's name, left at the end ("генерален секретар на [ОБСЕ]")
    r = r.replace(/\s+(?:на|of|of the|de|de la|du|des|der|i|e|të|së|у|в|во)$/u, '').replace(/[,;:–—-]+$/u, '').trim();
  }
  return r && /\p{L}/u.test(r) ? r : undefined;
}

/** The structure a role text names (or refers back to), and the role without it. */
export function officeOf(roleText: string, pageHits: readonly NameHit[], at: number, index: ReferenceIndex, language = '', date?: string, page?: string, sources: readonly string[] = []): Office {
  const office = officeIn(language === 'sq' ? albanianNominative(roleText) : roleText, pageHits, at, index, language, date, page, sources);
  // "a former police officer from Sweden": the State a person comes from is a mention, no part of the role
  const from = office.role ? /\s(?:from|aus|из|iz|nga)\s+(\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+)?)$/u.exec(office.role) : null;
  if (from && office.role && index.find(from[1] as string, 'country') && isOffice(office.role.slice(0, from.index))) office.role = office.role.slice(0, from.index);
  return { role: office.role === undefined ? undefined : nominative(withoutDemonym(withoutSuffixedArticle(office.role, language), index, language), language), affiliation: office.affiliation };
}

/**
 * An Albanian office in the genitive or dative after the words that govern it ("Sipas Sekretares së Përgjithshme të
 * OSBE-së", "Sipas Drejtorit të ODIHR-it"): the definite nominative, as the page would name the office ("Sekretarja e
 * Përgjithshme", "Drejtori i …"): the head noun's ending ("-es" → "-ja", "-ës" → "-a", "-it" → "-i") and the linking
 * article right after it ("së" → "e", "të" → "i").
 */
export function albanianNominative(role: string): string {
  const m = /^(\s*)(\p{Lu}?\p{Ll}+?)(es|ës|it)(\s+)(së|të)(?=\s)/u.exec(role);
  if (!m || !isRoleWord(`${m[2]}${m[3]}`)) return role;
  const [, space, stem, ending, gap, link] = m as unknown as [string, string, string, string, string, string];
  const noun = ending === 'es' ? `${stem}ja` : ending === 'ës' ? `${stem}a` : `${stem}i`;
  const article = ending === 'it' ? 'i' : link === 'së' ? 'e' : 'i';
  return `${space}${noun}${gap}${article}${role.slice(m[0].length)}`;
}

/**
 * A Russian or Ukrainian office written in the genitive after the words that govern it ("По словам Верховного
 * комиссара …", "в заявлении Представителя …", "По словам Координатора …"): the role in the nominative, as the page
 * would name the office. Only the head noun (an office word whose nominative ends in a consonant or a soft sign) and
 * the adjectives before it change; the complement after it stays as written ("Координатор экономической … деятельности").
 */
export function nominative(role: string, language: string): string {
  if (language !== 'ru' && language !== 'uk') return role;
  // ("По словам главы Миссии …", "за словами голови …": the head's title of the a-declension, "глава", "голова")
  const head0 = /^([Гг]лав|[Гг]олов)[ыи](?=\s|$)/u.exec(role);
  if (head0) return `${head0[1]}а${role.slice(head0[0].length)}`;
  const words = role.split(/\s+/u);
  const noun = words.findIndex((w) => /^\p{Script=Cyrillic}+$/u.test(w) && isRoleWord(w) && !/(?:ого|его|ього|ый|ий|ій|ой|ая|яя|ої|ей)$/u.test(w));
  if (noun < 0 || noun > 2) return role;
  const head = words[noun] as string;
  const m = /^(\p{L}+?)([ая])$/u.exec(head);
  if (!m) return role;
  const stem = m[1] as string;
  const soft = m[2] === 'я' && !(language === 'uk' && /р$/u.test(stem));
  const base = soft ? `${stem}ь` : stem;
  // (a masculine office noun's nominative: "-ор", "-ар", "-тель", "-ник", "-ач"…; feminine nominatives in "-ка", "-ця"
  // and "голова" end so and stay)
  if (!isRoleWord(base) || !/(?:ор|ар|арь|ер|ель|ик|ач|ант|ент|ист|ат|ир)$/u.test(base)) return role;
  const adjectives = words.slice(0, noun);
  if (!adjectives.every((w) => /(?:ого|его|ього)$/u.test(w))) return role;
  const nom = adjectives.map((w) => language === 'uk'
    ? w.replace(/ього$/u, 'ій').replace(/ого$/u, 'ий')
    : w.replace(/его$/u, 'ий').replace(/(?<=[гкхжшчщ])ого$/u, 'ий').replace(/ого$/u, 'ый'));
  return [...nom, base, ...words.slice(noun + 1)].join(' ');
}

/**
 * "Die schwedische Polizeidirektorin": a State's adjective in lower case before an office's noun says which State, it
 * is no part of the role ("Polizeidirektorin"); the State is a mention of its own.
 */
function withoutDemonym(role: string, index: ReferenceIndex, language: string): string {
  // (an adjective in lower case: German, Romance and Slavic pages; an English role keeps its "Kazakh Deputy Minister")
  const first = /^(\p{Ll}+)\s+(?=\p{L})/u.exec(role);
  if (!first) return role;
  const hit = nameMatcher(index).find(role, language).find((h) => h.start === 0 && h.category === 'country' && h.demonym && h.end === (first[1] as string).length);
  const rest = role.slice(first[0].length);
  return hit && isOffice(rest) && isRoleWord(rest.split(/\s+/u)[0] ?? '') ? rest : role;
}

/**
 * Macedonian writes the article after the noun ("претседавачот", "Шефот на Мисијата"): the role is the noun without
 * it, as in the other languages ("претседавач", "шеф").
 */
function withoutSuffixedArticle(role: string, language: string): string {
  if (language !== 'mk') return role;
  // an adjective drops the "е" its indefinite form has before "н" ("генералниот" → "генерален", "главната" → "главна")
  const adjective = /^(\p{L}{2,}[бвгдзклмнпрстфхцчшж])ниот(?![\p{L}])/u.exec(role);
  if (adjective) return `${adjective[1]}ен${role.slice(adjective[0].length)}`;
  // (a hyphenated office too: "заменик-министерката" → "заменик-министерка")
  return role.replace(/^(\p{L}[\p{L}-]{2,}?)(?:ите|от|та|то|те)(?![\p{L}-])/u, '$1');
}

function officeIn(roleText: string, pageHits: readonly NameHit[], at: number, index: ReferenceIndex, language: string, date: string | undefined, page: string | undefined, sources: readonly string[]): Office {
  const cleaned = cleanRole(roleText);
  if (!cleaned) return { role: undefined, affiliation: undefined };
  const cio = CIO.exec(cleaned);
  if (cio) {
    // "в послании Действующего председателя": the title in an oblique case is the one the page wrote first
    const oblique = /^\p{Script=Cyrillic}+(?:его|ого|ему|ому|им|ым)\s/u.test(cio[0]);
    const first = oblique && page ? CIO.exec(page)?.[0] : undefined;
    return { role: first ?? cio[0], affiliation: chairpersonship(index) };
  }
  // French pages abbreviate the Assembly "l'AP de l'OSCE" (the organization's name is gone from `cleaned`)
  const text = language === 'fr' ? cleaned.replace(/(?<![\p{L}])AP(?![\p{L}])/u, 'Assemblée parlementaire') : cleaned;
  let hits = nameMatcher(index).find(text, language).filter((h) => h.category === 'structure');
  // "заявил генеральный секретарь ОБСЕ": Slavic and Romance pages write an office in lower case, its name capitalized
  if (hits.length === 0 && /^\p{Ll}/u.test(text)) hits = nameMatcher(index).find(text.charAt(0).toUpperCase() + text.slice(1), language).filter((h) => h.category === 'structure');
  // an abbreviation that holds the organization's name ("специальный представитель ПА ОБСЕ по вопросам …"), which
  // `cleaned` no longer has: found in the role as written, and cut out of it
  if (hits.length === 0) {
    const raw = roleText.replace(/\s+/gu, ' ').trim();
    const h = nameMatcher(index).find(raw, language).find((x) => x.category === 'structure' && /(?:OSCE|OSZE|ОБСЕ|ОБСЄ|OSBE|OEBS|ОЕБС)/u.test(x.text) && x.text.replace(/(?:OSCE|OSZE|ОБСЕ|ОБСЄ|OSBE|OEBS|ОЕБС)/gu, '').replace(/[^\p{L}]/gu, '').length <= 4);
    const role = h ? cleanRole(`${raw.slice(0, h.start)} ${raw.slice(h.end)}`) : undefined;
    if (h && role && isOffice(role)) return { role, affiliation: h.iri };
  }
  const hit = hits[0];
  if (hit) {
    let rawBefore = text.slice(0, hit.start);
    // "Мисији ОЕБС-а у Србији и Црној Гори": a host of two names whose first the structure's name holds; the rest of
    // it is no part of the role
    let after = text.slice(hit.end).replace(/^['’]s\b/u, '').trim().replace(/^(?:and|et|und|e|i|и|і|та|y|dhe)\s+\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)*$/u, '');
    // "Leiterin des Programms für Gleichstellungsfragen im OSZE-Sekretariat": the structure it belongs to is not the role
    if (hits.some((h) => h.start >= hit.end && /^\s*(?:(?:im|in|at|of|within|au|du|de|dans|в|при|у|në|des|der)(?:\s+(?:the|la|l['’]|le))?)?\s*$/iu.test(text.slice(hit.end, h.start)) && /^\s*\S/u.test(text.slice(h.end)) === false)) after = '';
    // "… in der Abteilung für grenzüberschreitende Bedrohungen des OSZE-Sekretariats": a parent in the genitive
    // ("Sekretariats") that the names do not write so
    const genitive = /^(?:des|der|of\s+the|du|de\s+la|dell['’]|della|del)\s+(\p{Lu}[\p{L}-]*?)(?:es|s)?$/u.exec(after);
    if (genitive && index.find(genitive[1] as string, 'structure')) after = '';
    // "Member of Parliament from Sweden and OSCE PA Special Representative on …": of two offices joined by "and", the
    // one held in the structure ("Chair of the … Committee on Migration and member of the US Congress" likewise)
    // (an office of two words or more before the conjunction: Albanian "Drejtori i ODIHR-it" is "of", not "and")
    rawBefore = rawBefore.replace(/^(.*)\s(?:and|et|und|и|і|та|i|dhe|e|y)(?:\s+|$)/u, (m, first: string) => (isOffice(rawBefore.slice(m.length)) || (!rawBefore.slice(m.length).trim() && first.trim().split(/\s+/u).length >= 2 && isOffice(first)) ? '' : m));
    after = after.replace(/\s+(?:and|et|und|и|і|та|i|dhe|y)\s+(?:(?:a|an|the|le|la|un|une|der|die|ein|eine)\s+)?\p{L}+\s.*$/u, (m) => (isOffice(m.replace(/^\s+\S+\s+/u, '')) ? '' : m));
    const before = stripOfficeOf(rawBefore.replace(CONNECTOR, '')).replace(CONNECTOR, '');
    // "Head of the OSCE Parliamentary Assembly delegation": a word after the body belongs to the role, kept whole.
    // "leader of the OSCE PA short-term observers" too: up to three lower-case words after the body
    const whole = before && after && (/^\p{L}+$/u.test(after) || /^\p{Ll}[\p{L}-]*(?:\s+\p{Ll}[\p{L}-]*){0,2}$/u.test(after)) && !/\p{Script=Cyrillic}/u.test(text);
    // "Chair of the OSCE PA Ad Hoc Committee on Migration": a named body of the structure, kept with it as written
    const ofBody = before && /^\p{Lu}/u.test(after) && /\s(?:of|of the|on|du|de la|des|der|des)\s*$/iu.test(rawBefore.replace(/\s*(?:OSCE|OSZE|ОБСЕ)\s*$/u, ' '));
    // "Deputy Co-ordinator of OSCE Economic …": a structure named by its head's office keeps the office's noun in the role
    const office = hit.headOffice && before ? /^.*?(?=\s+(?:of|for|on)\s)/u.exec(hit.text)?.[0] : undefined;
    const role = whole || ofBody ? cleanRole(`${rawBefore}${text.slice(hit.start, hit.end)} ${after}`) : cleanRole([before, office, after].filter(Boolean).join(' '));
    return { role: role && isRoleLike(role) ? role : (whole ? cleaned : role ?? nameAsRole(hit, text)), affiliation: hit.iri };
  }
  // "Leiterin der OSZE-Präsenz in Albanien", "Leiter des Büros in Tadschikistan": an operation the reference data has
  // no name for in the page's language, known by its kind and its host
  const operation = date ? operationByHost(cleaned, index, date) : undefined;
  // the word that names the operation is its first capitalized one ("zyrtare … në Misionin në Kosovë": an official,
  // "zyrtare", has the stem of "zyrë", an office; "chef du Bureau de programme"), else the last of its kind
  const words = operation ? [...cleaned.matchAll(new RegExp(OPERATION_WORD.source, 'giu'))] : [];
  const word = words.find((w) => /^[\s'-]?\p{Lu}/u.test(w[0])) ?? words.pop() ?? null;
  if (operation && word && !namesOwnBody(cleaned, word.index + word[0].length, word[0].trim())) {
    // what follows the operation's host stays in the role ("ekspertja e Prezencës në Shqipëri për qeverisjen vendore")
    const rest = cleaned.slice(word.index);
    // (a host of two names joined by a conjunction: "у Србији и Црној Гори")
    const host = /^[\s\S]*?\s(?:in|në|u|у|в|во|на|na|en|à|au|im|to|di|de)\s+\p{Lu}[\p{L}'’-]*(?:\s+(?:(?:and|et|und|e|i|и|і|та|y|dhe)\s+)?\p{Lu}[\p{L}'’-]*)*/u.exec(rest);
    const role = cleanRole(`${cleaned.slice(0, word.index).replace(CONNECTOR, '')} ${host ? rest.slice(host[0].length) : ''}`);
    if (role && isOffice(role)) return { role, affiliation: operation };
    // "der Projektkoordinator der OSZE in der Ukraine": the head named by the operation's own name (one word in German)
    // is the whole office with its host, as "Координатор проектів в Україні"
    if (!role && word.index === 0 && /^\p{Lu}/u.test(cleaned) && isOffice(cleaned)) return { role: cleaned, affiliation: operation };
    // "координаторка проектів ОБСЄ з питань верховенства права в Україні": the operation's word in lower case heads
    // the person's own office; the role is the office without the host, the affiliation the operation
    if (word.index === 0 && /^\p{Ll}/u.test(cleaned)) {
      const own = cleanRole(cleaned.replace(/\s(?:in|në|u|у|в|во|на|na|en|à|au|im|to|di|de)\s+\p{Lu}[\p{L}'’-]*(?:\s+(?:(?:and|et|und|e|i|и|і|та|y|dhe)\s+)?\p{Lu}[\p{L}'’-]*)*/u, ''));
      if (own && own !== cleaned && isOffice(own)) return { role: own, affiliation: operation };
    }
  }
  // "The Presence has trained … Its Head, Ambassador X": the structure the sentence before spoke of
  const possessive = /^(?:its|their)\s/iu.test(roleText.trim()) && page ? BACK_REFERENCE.exec(page.slice(Math.max(0, at - 300), at).split(/(?<=[.!?])\s+/u).slice(-2).join(' ')) : null;
  if (possessive) {
    const target = backReference(possessive[1] as string, pageHits, at, index, date, page, language, sources);
    if (target) return { role: cleaned, affiliation: target };
  }
  // "a lawyer at the centre": a noun in lower case is any centre, not the one the page named (in Latin script; Russian
  // writes "руководитель миссии" in lower case for the one it named)
  const back = BACK_REFERENCE.exec(cleaned);
  // "начальник учебного центра Пограничных войск Таджикистана": a noun in lower case with a capitalized genitive after
  // it names a body of its own (a State's), not the structure the page named
  const ownBody = back && namesOwnBody(cleaned, back.index + back[0].length, back[1] as string);
  if (back && !ownBody && (/^\p{Lu}/u.test(back[0].replace(/^the\s+/iu, '')) || /\p{Script=Cyrillic}/u.test(back[0]))) {
    const target = backReference(back[1] as string, pageHits, at, index, date, page, language, sources);
    if (target) {
      // "member of the Assembly's General Committee on Democracy": a body of the structure named in the role stays in it
      // "lawyer of the Mission's human rights unit": a unit of it named in lower case too
      // "président de la commission ad hoc de l'Assemblée sur les migrations": a body of the structure, named before it
      const bodyBefore = /(?:commission|committee|comité|ausschuss|комитет\p{L}*|комиссии|комісі\p{L}*|odbor\p{L}*|komisij\p{L}*|group|groupe|delegation|délégation|unit|unité)(?:\s+[\p{Ll}-]+){0,3}\s+(?:of\s+the|de\s+l['’]|de\s+la|du|der|des)\s*$/iu.test(cleaned.slice(0, back.index + (back[0].length - back[0].trimStart().length)));
      const ofItsBody = bodyBefore || /['’]s$/u.test(back[0]) && back.index > 0 && /^\s+(?:\p{Lu}|(?:\p{Ll}[\p{L}-]*\s+){0,3}(?:unit|department|section|team|division|office|programme|project|branch|department)(?![\p{L}]))/u.test(cleaned.slice(back.index + back[0].length));
      // "Бюро Специального представителя отметило": an office named by its head's office is the body speaking
      if (back.index === 0 && /^(?:Office|Bureau|Büro|Бюро)$/iu.test(back[1] as string) && /^\s+(?:of\s+the|du|de\s+la|des|der)?\s*\p{Lu}/u.test(cleaned.slice(back[0].length))) return { role: undefined, affiliation: target };
      // "Советник Бюро Специального представителя": the office of a head ("Office of the Special Representative") is
      // the structure, its head's title in the genitive no part of the role
      const head = /^(?:Office|Bureau|Büro|Бюро)$/iu.test(back[1] as string) ? /^\s+(?:(?:of\s+the|du|de\s+la|des|der)\s+)?(?:\p{Lu}[\p{L}-]*\s+)?\p{L}+/u.exec(cleaned.slice(back.index + back[0].length)) : null;
      if (head && tokenize(head[0]).some((t) => isRoleWord(t.text))) {
        const role = cleanRole(cleaned.slice(0, back.index).replace(CONNECTOR, '') + ' ' + cleaned.slice(back.index + back[0].length + head[0].length));
        if (role && isOffice(role)) return { role, affiliation: target };
      }
      // "національна координаторка проектів …": a noun in lower case that heads the role (no office word before it) is
      // the person's office, kept whole, in the structure it refers to
      const heads = /^\p{Ll}/u.test(back[1] as string) && !tokenize(cleaned.slice(0, back.index)).some((t) => isRoleWord(t.text)) && cleaned.slice(back.index + back[0].length).trim() !== '';
      // ("глава Бюро в Баку": the operation's host after its noun is the operation's name, no part of the role)
      const rest = cleaned.slice(back.index + back[0].length);
      const hostless = target.includes('/field-operation/') ? rest.replace(/^\s*(?:in|в|во|у|u|à|en|në|na|im|a)\s+\p{Lu}[\p{L}'’-]*\s*$/u, '') : rest;
      const role = ofItsBody || heads ? cleaned : cleanRole(cleaned.slice(0, back.index).replace(CONNECTOR, '') + ' ' + hostless);
      // "заявила Верховный комиссар": the noun that refers back is itself the office
      const noun = back[1] as string;
      return { role: role ?? (isOffice(noun) ? noun : undefined), affiliation: target };
    }
  }
  // "Vice-Chair of the General Committee on Democracy, …": the general committees are the Parliamentary Assembly's
  // (its Rules of Procedure), named without it on the Assembly's own pages; the role keeps the committee
  if (PA_GENERAL_COMMITTEE.test(cleaned)) {
    const assembly = index.find('Parliamentary Assembly', 'structure')?.iri;
    if (assembly) return { role: cleaned, affiliation: assembly };
  }
  // "менеджерка проєктів з розмінування Програми підтримки ОБСЄ для України": a body the reference data does not know,
  // named with the organization's name in it, is no part of the role (and no affiliation)
  const body = /\s(?:(?:at|of|with|in)\s+the\s+)?(\p{Lu}[\p{L}-]*(?:\s+\p{Ll}[\p{L}-]*){0,3}\s+(?:OSCE|OSZE|ОБСЕ|ОБСЄ|OSBE|OEBS|ОЕБС)(?![\p{L}])|(?:OSCE|OSZE)[\s-]+\p{Lu})/u.exec(` ${roleText.replace(/\s+/gu, ' ').trim()}`);
  if (body && body.index > 0) {
    const role = cleanRole(` ${roleText.replace(/\s+/gu, ' ').trim()}`.slice(0, body.index).replace(CONNECTOR, ''));
    if (role && isOffice(role)) return { role, affiliation: undefined };
  }
  // "course director at the College": a body named before and referred back to by its one noun is where the person
  // works, not the role; a body's own name stays ("hydrologist at the Kazakh National University")
  return { role: cleaned.replace(/\s+(?:at|in|with)\s+the\s+\p{Lu}[\p{L}'’-]*$/u, ''), affiliation: undefined };
}

/**
 * Whether the noun of a structure's kind ending at `end` is written in lower case with a capitalized genitive right
 * after it ("учебного центра Пограничных войск Таджикистана"): a body of its own, a State's, not the OSCE's.
 */
function namesOwnBody(text: string, end: number, noun: string): boolean {
  // (a stem's match ends inside its word)
  const rest = text.slice(end).replace(/^\p{L}+/u, '');
  return /^[\s'-]*\p{Ll}/u.test(noun) && /^\s+\p{Lu}/u.test(rest) && !/^\s+(?:OSCE|OSZE|ОБСЕ|ОБСЄ|OSBE|OEBS|ОЕБС)(?![\p{L}])/u.test(rest);
}

/**
 * "conseillère principale au Bureau de la Représentante …", "adviser at the Office of the High Commissioner": the
 * office of a structure is the structure (the affiliation), not part of the role.
 */
function stripOfficeOf(before: string): string {
  const stripped = before.replace(/\s+(?:(?:au|du|at\s+the|of\s+the|in\s+the|with\s+the|im|beim|des|at|of|in|в|из|при|në|i|e)\s+)?(?:Bureau|Office|Büro|Бюро|Офисе?|Ufficio|Oficina|Zyr\p{L}*|Kancelarij\p{L}*|Канцелари\p{L}*)$/iu, '');
  return stripped.trim() ? stripped : before;
}

/** "Secretary General" alone names the structure that is the office: the role is the office's name. */
function nameAsRole(hit: NameHit, text: string): string {
  return text.slice(hit.start, hit.end);
}

function isRoleLike(role: string): boolean {
  return /\p{L}{2}/u.test(role);
}

/** The last structure named before `at` whose name contains the noun ("Mission" → "OSCE Mission to Croatia"). */
function backReference(noun: string, pageHits: readonly NameHit[], at: number, index: ReferenceIndex, date?: string, page?: string, language = '', sources: readonly string[] = []): string | undefined {
  const first = fold(noun).split(/\s+/u)[0] ?? '';
  const stem = first.slice(0, Math.max(4, first.length - 3));
  // the structure's other names count too: "the Assembly's" after "the OSCE PA"
  const named = (h: NameHit) => [h.text, ...namesOf(h.iri, index)].some((n) => tokenize(n).some((t) => t.folded.startsWith(stem)));
  for (let i = pageHits.length - 1; i >= 0; i--) {
    const h = pageHits[i] as NameHit;
    if (h.category === 'structure' && h.start < at && named(h)) return h.iri;
  }
  // a structure named further back than the hits the caller looked at ("Le président de l'Assemblée" at the end of a
  // page whose dateline paragraph named "l'Assemblée parlementaire de l'OSCE")
  if (page) {
    const earlier = nameMatcher(index).find(page.slice(0, Math.min(at, page.length)), language);
    for (let i = earlier.length - 1; i >= 0; i--) {
      const h = earlier[i] as NameHit;
      if (h.category === 'structure' && named(h)) return h.iri;
    }
  }
  // "руководитель проектов Координатора" on a page the Project Co-ordinator publishes, named only in its title and
  // Source field: the page's source of that kind
  const source = sources.find((iri) => namesOf(iri, index).some((n) => tokenize(n).some((t) => t.folded.startsWith(stem))));
  if (source) return source;
  // "Наблюдатель Миссии", "Leiter des Programmbüros" on a page whose Source is one field operation, named there in a
  // language its names lack: a noun of an operation's kind is that operation
  const operations = sources.filter((iri) => index.iris.parseEntity(iri)?.kind === 'field-operation');
  if (operations.length === 1 && OPERATION_WORD.test(` ${noun}`)) return operations[0];
  // "la Mission" after "la Mission de l'OSCE en Moldavie", a name the reference data has not in that language: the
  // operation named earlier by its kind and host
  if (!page || !date) return undefined;
  const before = page.slice(0, at);
  const mentions = [...before.matchAll(new RegExp(`(?<![\\p{L}])${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'giu'))];
  for (let i = mentions.length - 1; i >= 0; i--) {
    const m = mentions[i] as RegExpMatchArray;
    const operation = operationByHost(before.slice(m.index, (m.index as number) + 80), index, date);
    if (operation) return operation;
    // "Верховный комиссар СБСЕ по делам национальных меньшинств": a structure written with the CSCE's name (before
    // 1995), which its names write with the OSCE's
    const csce = before.slice(m.index, (m.index as number) + 160).split(/\s+/u).slice(0, 9).map((w) => w.replace(/^СБСЕ$/u, 'ОБСЕ').replace(/^НБСЄ$/u, 'ОБСЄ').replace(/^CSCE$/u, 'OSCE').replace(/^KSZE$/u, 'OSZE').replace(/[,.;:]$/u, ''));
    if (csce.some((w, k) => w !== before.slice(m.index).split(/\s+/u)[k]?.replace(/[,.;:]$/u, ''))) {
      for (let k = csce.length; k >= 2; k--) {
        const found = index.find(csce.slice(0, k).join(' '), 'structure');
        if (found) return found.iri;
      }
    }
    // "der Präsident der Versammlung" after "der Parlamentarischen Versammlung der OSZE": a German adjective's case
    // ending before the noun ("-en", "-er", "-em", "-es") is not in the name, which has its nominative "-e"
    const words = /(\p{L}+)\s+(\p{L}+)$/u.exec(before.slice(Math.max(0, (m.index as number) - 40), (m.index as number) + (/^\p{L}+/u.exec(before.slice(m.index as number))?.[0].length ?? 0)));
    if (words) {
      const phrase = `${(words[1] as string).replace(/(?<=\p{L}{3})(?:en|er|em|es)$/u, 'e')} ${words[2] as string}`;
      const found = index.find(phrase, 'structure');
      if (found) return found.iri;
    }
  }
  return undefined;
}

/** The Chairpersonship's IRI. */
export function chairpersonshipOf(index: ReferenceIndex): string | undefined {
  return chairpersonship(index);
}

const names = new WeakMap<ReferenceIndex, Map<string, string[]>>();

/** Every name of an entity in the reference data (English and the other languages). */
/**
 * A structure's name (any language the data has, without the organization's name) that starts with a short title the
 * page wrote ("Верховный комиссар" → "Верховный комиссар по делам национальных меньшинств"), in the title's script.
 */
export function fullNameOf(iri: string, title: string, index: ReferenceIndex): string | undefined {
  const key = fold(title);
  const cyrillic = /\p{Script=Cyrillic}/u.test(title);
  return namesOf(iri, index).map((n) => cleanRole(n) ?? n).filter((n) => /\p{Script=Cyrillic}/u.test(n) === cyrillic && fold(n).startsWith(key) && n.length > title.length).sort((a, b) => a.length - b.length)[0];
}

function namesOf(iri: string, index: ReferenceIndex): string[] {
  let m = names.get(index);
  if (!m) {
    m = new Map();
    for (const s of [...index.surfaces, ...index.localSurfaces]) m.set(s.iri, [...(m.get(s.iri) ?? []), s.text]);
    names.set(index, m);
  }
  return m.get(iri) ?? [];
}

function chairpersonship(index: ReferenceIndex): string | undefined {
  return index.find('Chairpersonship', 'structure')?.iri;
}

interface PostTable {
  holders: OfficeHolders;
  /** Post by a structure whose name is the office ("Secretary General", "HCNM") or where its holder is the head. */
  byStructure: Map<string, PostKey>;
}

const tables = new WeakMap<ReferenceIndex, PostTable>();

function postTable(index: ReferenceIndex): PostTable {
  let t = tables.get(index);
  if (t) return t;
  const holders = officeHolders(index.quads);
  const byStructure = new Map<string, PostKey>();
  for (const post of holders.posts.values()) {
    for (const label of post.labels) {
      const s = index.find(label.text, 'structure');
      if (s && !byStructure.has(s.iri)) byStructure.set(s.iri, post.key);
    }
  }
  for (const post of holders.posts.values()) {
    // "Director of ODIHR": the head of a structure that has no structure of its own name
    const label = post.labels.find((l) => /^director of /iu.test(l.text));
    const s = label && index.find(label.text.replace(/^director of /iu, ''), 'structure');
    if (s && !byStructure.has(s.iri)) byStructure.set(s.iri, post.key);
  }
  t = { holders, byStructure };
  tables.set(index, t);
  return t;
}

/**
 * The office a person of the graph held on `day` ("Kamp said" when Kamp is the High Commissioner that day): the
 * post's name in the page's language (else English) and the structure it heads. A person the page names may hold it
 * in a year that begins or ends their term (a 1998 page quoting "Фраймут Дуве", whose term the facts date 1998–2003);
 * where two posts may be theirs that day and neither surely is, none.
 */
export function heldOffice(name: string, day: string, index: ReferenceIndex, language: string, cyrillic = false): Office | undefined {
  const t = postTable(index);
  const sure: [string, PostKey][] = [];
  const maybe: [string, PostKey][] = [];
  for (const [structure, key] of t.byStructure) {
    if (t.holders.holderOn(key, day)?.name === name) { sure.push([structure, key]); continue; }
    const terms = t.holders.posts.get(key)?.terms ?? [];
    if (terms.some((term) => term.name === name && holdsOn(term.bounds, day) !== 'no')) maybe.push([structure, key]);
  }
  const held = sure[0] ?? (maybe.length === 1 ? maybe[0] : undefined);
  if (!held) return undefined;
  const [structure, key] = held;
  return { role: postName(key, structure, index, language, cyrillic), affiliation: structure };
}

/**
 * A post's name in a page's language: its own label there, else the name in that language of the structure that is
 * the office ("Segretario generale", "Верховный комиссар по делам национальных меньшинств", the Chair's "Presidente
 * in esercizio"), in the page's script; else its English label.
 */
function postName(key: PostKey, structure: string, index: ReferenceIndex, language: string, cyrillic: boolean): string | undefined {
  const labels = postTable(index).holders.posts.get(key)?.labels ?? [];
  const primary = (tag: string) => tag.split('-')[0];
  const own = labels.find((l) => l.language === language);
  if (own) return own.text.replace(/^OSCE\s+/u, '');
  const english = labels.find((l) => l.language === 'en') ?? labels[0];
  // the structure is the office when the post's English name names it ("Secretary General", "Chairperson-in-Office")
  if (language && language !== 'en' && english && index.find(english.text, 'structure')?.iri === structure) {
    const local = index.localSurfaces.filter((s) => s.iri === structure && primary(s.lang ?? '') === language && /\p{Script=Cyrillic}/u.test(s.text) === cyrillic);
    const chair = structure === chairpersonship(index);
    const named = local.find((s) => (chair ? CIO.test(s.text) : isOffice(s.text)) && /^\p{Lu}/u.test(s.text)) ?? local.find((s) => (chair ? CIO.test(s.text) : isOffice(s.text)));
    if (named) return named.text;
  }
  return english?.text.replace(/^OSCE\s+/u, '');
}

/**
 * The Chairperson-in-Office's title as the page writes it in the nominative ("Чинний голова ОБСЄ", "Действующий
 * председатель", "président en exercice"), without the organization's name; undefined when the page writes it only
 * in an oblique case ("Чинного голови") or not at all.
 */
export function chairTitleOnPage(page: string): string | undefined {
  for (const m of page.matchAll(new RegExp(CIO.source, 'giu'))) {
    const first = m[0].split(/\s+/u)[0] ?? '';
    // (an oblique case's adjective ending: "Чинного голови", "Действующему председателю", "председавајућем")
    if (/\p{Script=Cyrillic}/u.test(first) && /(?:его|ого|ему|ому|им|ым|ой|ою|ої|ій|ей|ем|ег|ог|ој|ом)$/u.test(first.toLowerCase())) continue;
    if (/^Krye\p{L}*(?:it|in|së)$/u.test(first)) continue;
    return cleanRole(m[0]);
  }
  return undefined;
}

/**
 * A person the page introduces by a national office (their State's foreign minister, "Міністр закордонних справ
 * України Леонід Кожара") who is the Chairperson-in-Office on the page's day speaks in that office: the Chair's title
 * as the page writes it elsewhere, else the post's name in the page's language; affiliation the Chairpersonship.
 * `graphName` is the person's name as the graph writes it (their name on the page in Latin script).
 */
export function chairInNationalOffice(office: Office, graphName: string, day: string | undefined, index: ReferenceIndex, language: string, page: string): Office | undefined {
  if (!day || office.affiliation || !office.role || !FOREIGN_MINISTER.test(office.role)) return undefined;
  const held = heldOffice(graphName, day, index, language, /\p{Script=Cyrillic}/u.test(page));
  if (!held || held.affiliation !== chairpersonship(index)) return undefined;
  return { role: chairTitleOnPage(page) ?? held.role, affiliation: held.affiliation };
}

/** Whether a text names the Chairperson-in-Office (in any of the page languages). */
export function namesChair(text: string): boolean {
  return CIO.test(text);
}

/** Whether a role without a name is an office of the structure (role words) rather than the structure speaking. */
/** The chairing State's office as a body in the page languages (a role of nobody). */
const CHAIR_BODY = /^(?:présidence|presidency|chairmanship|chairpersonship|председательство|головування|головуванню|vorsitz|presidenza|presidencia|kryesi\p{L}*|predsedavanje|председавање|претседавање)(?:\s+\p{Ll}+)?$/iu;

export function isOffice(role: string): boolean {
  // "La présidence suisse", "the Chairmanship", "председательство": the Chair's office as a body, no person
  if (CHAIR_BODY.test(role.trim())) return false;
  return tokenize(role).some((t) => isRoleWord(t.text)) || role.split(/\s+/u).some((w) => w.includes('-') && isRoleWord(w)) || CIO.test(role);
}

/** The holder on `day` of the post a role names (its affiliation's head), or undefined where the facts leave it open. */
export function holderOf(office: Office, day: string, index: ReferenceIndex, language = ''): string | undefined {
  if (!office.affiliation || !office.role || !isOffice(office.role)) return undefined;
  const t = postTable(index);
  const post = t.byStructure.get(office.affiliation);
  if (!post) return undefined;
  // "Head of the Mission" is not the Secretary General: the role must be the post's own or its head's
  const role = fold(office.role);
  const head = /^(?:director|head|directeur|directrice|direktor|директор|руководител|drejtor|kreu|leiter|глава|керівни|шеф|sef|direttor|jefe)/iu.test(role) || CIO.test(office.role) || sameStructureName(office, index, language)
    || (t.holders.posts.get(post)?.labels.some((l) => fold(l.text).startsWith(role)) ?? false);
  if (!head) return undefined;
  // "der Hohe Kommissar" in October 2017: the facts date terms by year, so a term that starts in the page's year only
  // may hold; when every other term certainly does not (the one before ended the year before), it is the holder
  const terms = t.holders.posts.get(post)?.terms ?? [];
  // a change the facts date by its month only ("September 2024 –"): on any day of that month the page may speak of
  // either holder (a release of the 30th may have been written before the new one took office), so none
  const month = (r: { earliest: string; latest: string } | undefined) => r !== undefined && r.earliest !== r.latest && r.earliest.slice(0, 7) === r.latest.slice(0, 7) && day >= r.earliest && day <= r.latest;
  if (terms.some((term) => month(term.bounds.begin) || month(term.bounds.end))) return undefined;
  const may = terms.filter((term) => holdsOn(term.bounds, day) !== 'no');
  return t.holders.holderOn(post, day)?.name ?? (may.length === 1 ? may[0]?.name : undefined);
}

function sameStructureName(office: Office, index: ReferenceIndex, language: string): boolean {
  const role = office.role ?? '';
  const matches = (text: string) => nameMatcher(index).find(text, language).some((h) => h.iri === office.affiliation);
  return matches(role) || (/^\p{Ll}/u.test(role) && matches(role.charAt(0).toUpperCase() + role.slice(1)));
}
