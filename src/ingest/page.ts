/**
 * Layout parsing: a page (site text export, HTML or a harvester's fragment) into a RawPage, by the structure every
 * layout family of docs/../page-layouts shares: site chrome, then a head (content type, title, labelled fields or a
 * date line), then the article, then footers. Lines are classified with the label sets of labels.ts (any language),
 * and the title is the heading-like line that the head's anchor points at, never a section word or content type.
 * Pure: no name is resolved here except through the predicates passed in.
 */
import { AppError } from '../errors.js';
import { dateOnlyLine, findDates } from './dates.js';
import { parseDateline, splitGluedCaption } from './dateline.js';
import { decodePage, detectFormat, MAX_PAGE_BYTES, pageLines, type PageFormat, type SourceLine } from './input.js';
import { breadcrumb, endsArticle, isBoilerplate, isLabelName, matchLabel, matchSection, namesGallery, namesMedia, originalPublisher, reproducedType, splitLabelledFields, type LabelKind, type LabelMatch } from './labels.js';
import type { Dateline, RawPage } from './types.js';

export interface PageHints {
  /** Whether a line is a content type label ("Press release", "News item", "Пресс-релиз", ...). */
  isContentType: (line: string) => boolean;
  /** Whether a mixed-case name is a known place (for datelines without a date). */
  isPlace: (name: string) => boolean;
  maxBytes?: number;
  /** The declared format (a text/html request); detected from the content when absent. */
  format?: PageFormat;
  /**
   * What a value names, when it is a known name: a structure (a Source), a field of work or a place. Used to read a
   * label the label sets lack by the value under it.
   */
  valueKind?: (value: string) => 'source' | 'fields' | 'place' | undefined;
}

type Kind = 'menu' | 'label' | 'boilerplate' | 'end' | 'section' | 'breadcrumb' | 'content-type' | 'date' | 'meta' | 'dateline' | 'paragraph' | 'text';

interface Line extends SourceLine {
  kind: Kind;
  label?: LabelMatch;
  /** The parts of a meta line (`Press release · Mon, 11/07/2011 · Source: OSCE`). */
  parts?: string[];
  /** The publisher a content-type line names ("OSCE PA press release", "Communiqué de presse du BIDDH"): a Source. */
  publisher?: string;
}

/** Kinds that open the head's fields or the article: where the title is found above. */
const ANCHORS = new Set<Kind>(['label', 'date', 'meta', 'dateline', 'paragraph']);
const META_SEPARATOR = /\s+[·•|]\s+/u;
const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;

/** A sentence of running text: eight words or more ending in a full stop, or a line too long to be a heading. */
function isParagraph(text: string): boolean {
  const n = words(text);
  return (n >= 8 && /[.!?…]['"”»“)]*$/u.test(text)) || n >= 30;
}

function classify(text: string, hints: PageHints): Pick<Line, 'kind' | 'label' | 'parts' | 'publisher'> {
  const fields = splitLabelledFields(text);
  if (fields) return { kind: fields.some((p) => hints.isContentType(p)) ? 'content-type' : 'meta', parts: fields };
  const label = matchLabel(text);
  if (label) return { kind: 'label', label };
  // a republished copy's "Originally published by …": the original's publisher is the page's Source
  const original = originalPublisher(text);
  if (original) return { kind: 'label', label: { kind: 'source', langs: [], label: text.slice(0, text.length - original.length).trim(), value: original } };
  if (text === '-' || text.startsWith('- ')) return { kind: 'menu' };
  if (isBoilerplate(text)) return { kind: 'boilerplate' };
  if (endsArticle(text)) return { kind: 'end' };
  if (hints.isContentType(text)) return { kind: 'content-type' };
  if (matchSection(text)) return { kind: 'section' };
  const parts = text.split(META_SEPARATOR);
  if (parts.length >= 2 && parts.some((p) => matchLabel(p) || dateOnlyLine(p))) {
    return { kind: parts.some((p) => hints.isContentType(p)) ? 'content-type' : 'meta', parts };
  }
  if (breadcrumb(text)) return { kind: 'breadcrumb' };
  if (dateOnlyLine(text)) return { kind: 'date' };
  // a content type and the date side by side without a separator ("Вест 14.03.2023", "Press release 5 May 2020")
  const typed = typeThenDate(text, hints);
  if (typed) return { kind: 'content-type', parts: typed };
  // a copy's notice of the release's content type ("The following OSCE press release is reproduced in full.")
  const reproduced = reproducedType(text, hints.isContentType);
  if (reproduced) return { kind: 'content-type', parts: [reproduced] };
  const published = typeWithPublisher(text, hints);
  if (published) return { kind: 'content-type', parts: [published.type], publisher: published.publisher };
  const dl = parseDateline(text, hints.isPlace);
  if (dl?.standalone && dl.dateline.day !== undefined) return { kind: 'dateline' };
  if (isParagraph(text)) return { kind: 'paragraph' };
  return { kind: 'text' };
}

/** A line's leading content type (one to four words) and a date alone after it, as a meta line's two parts. */
function typeThenDate(text: string, hints: PageHints): string[] | undefined {
  const tokens = text.split(/\s+/u);
  for (let n = Math.min(4, tokens.length - 1); n >= 1; n--) {
    const type = tokens.slice(0, n).join(' ').replace(/[,:·•|–—-]+$/u, '');
    const rest = tokens.slice(n).join(' ');
    if (hints.isContentType(type) && dateOnlyLine(rest)) return [type, rest];
  }
  return undefined;
}

/** The words between a content type and the body that issued it ("of the", "de l'", "der", "dell'", "del", "od"). */
const OF_PUBLISHER = /^(?:(?:of|by|from)\s+(?:the\s+)?|(?:de\s+la|de\s+l['’]|du|des|de|d['’])\s*|(?:der|des|vom|von\s+der|von)\s+|(?:dell['’]|della|del|dello|dei|degli|di)\s*|(?:de\s+la|del|de)\s+|(?:od|iz|na|nga|e|i|të)\s+)/iu;

/**
 * A content type that names the body that issued it, the publisher before it ("OSCE PA press release", "ODIHR news
 * item") or after it with a preposition ("Communiqué de presse du BIDDH", "Pressemitteilung der OSZE-Mission in
 * Skopje", "Press release of the OSCE Mission to Serbia"): the type, and the publisher when it names a known body.
 */
function typeWithPublisher(text: string, hints: PageHints): { type: string; publisher: string } | undefined {
  if (!hints.valueKind || words(text) > 14 || /[.!?:]$/u.test(text)) return undefined;
  const tokens = text.split(/\s+/u);
  for (let n = Math.min(4, tokens.length - 1); n >= 1; n--) {
    const head = tokens.slice(0, n).join(' ');
    const tail = tokens.slice(tokens.length - n).join(' ');
    if (hints.isContentType(head)) {
      const rest = tokens.slice(n).join(' ');
      // a Slavic genitive follows the type without a preposition ("Saopštenje za javnost Misije OEBS-a u Crnoj Gori"):
      // a name of capitalized words and short particles only, never a headline after "Spot Report:"
      const bare = /^\p{Lu}/u.test(rest) && !/:$/u.test(head) && rest.split(/\s+/u).every((w) => /^\p{Lu}/u.test(w) || w.length <= 3);
      const of = OF_PUBLISHER.exec(rest) ?? (bare ? [''] : null);
      const publisher = of ? rest.slice(of[0].length).trim() : undefined;
      if (publisher && hints.valueKind(publisher) === 'source') return { type: head, publisher };
    }
    if (hints.isContentType(tail)) {
      const publisher = tokens.slice(0, tokens.length - n).join(' ').replace(/['’]s$/u, '');
      if (hints.valueKind(publisher) === 'source') return { type: tail, publisher };
    }
  }
  return undefined;
}

/**
 * Labels written without their colon in a table (a cell `Source`, then the value's cell): a cell that is exactly a
 * label name, followed by a value line and not next to another such cell.
 */
function bareLabels(lines: Line[]): Line[] {
  const bare = lines.map((l) => l.cell === true && l.kind !== 'label' && isLabelName(l.text) && !l.text.includes(':'));
  return lines.map((l, i) => {
    const next = lines[i + 1];
    const value = next !== undefined && !bare[i + 1] && (next.kind === 'menu' || next.kind === 'text' || next.kind === 'date' || next.kind === 'content-type');
    if (!bare[i] || bare[i - 1] || !value) return l;
    const label = matchLabel(`${l.text}:`);
    return label ? { ...l, kind: 'label', label } : l;
  });
}

/** A label's name: a short line of words ending in its colon ("Датум на објавување:", "Ku jemi:"), no sentence. */
const LABEL_NAME = /^(?:-\s*)?(\p{L}[\p{L}\p{M}'’ -]{1,38}?)\s*:$/u;

/**
 * Labels the label sets lack (a host language's listing labels), read by the value under them: a short line ending in
 * its colon, then a date on its own line (the date's label), a content type, or a known Source, field of work or
 * place. A line ending in a colon is never the title either way (heading() below).
 */
function labelsByValue(lines: Line[], hints: PageHints): Line[] {
  // only in the head: in the text, "Venue:" above a city is the article's
  const firstParagraph = lines.findIndex((l) => l.kind === 'paragraph' || l.kind === 'dateline');
  return lines.map((l, i) => {
    const next = lines[i + 1];
    if ((firstParagraph >= 0 && i > firstParagraph) || l.kind !== 'text' || next === undefined || words(l.text) > 5 || !LABEL_NAME.test(l.text)) return l;
    const value = next.text.replace(/^-\s*/, '').trim();
    let kind: LabelKind | undefined;
    if (next.kind === 'date') kind = 'date';
    else if (next.kind === 'content-type') kind = 'type';
    else if (next.kind === 'text' || next.kind === 'menu') kind = hints.valueKind?.(value);
    if (!kind) return l;
    const label = (LABEL_NAME.exec(l.text) as RegExpExecArray)[1] as string;
    return { ...l, kind: 'label' as const, label: { kind, langs: [], label, value: '' } };
  }).map((l, i, all) => {
    // a label still unknown among the head's labels ("Vrsta objave:" then "Vijest"): it and its value are skipped,
    // so the fields after it are still read and neither becomes the text
    const near = (k: number) => all[k]?.kind === 'label';
    if (l.kind !== 'text' || (firstParagraph >= 0 && i > firstParagraph) || words(l.text) > 5 || !LABEL_NAME.test(l.text)) return l;
    if (!(near(i - 1) || near(i - 2) || near(i + 2))) return l;
    return { ...l, kind: 'boilerplate' as const };
  }).map((l, i, all) => {
    const before = all[i - 1];
    const unknownLabel = before !== undefined && before.kind === 'boilerplate' && LABEL_NAME.test(before.text) && (l.kind === 'text' || l.kind === 'menu');
    return unknownLabel ? { ...l, kind: 'boilerplate' as const } : l;
  });
}

const notAnArticle = (message: string, line?: number): AppError =>
  new AppError(422, 'NOT_AN_ARTICLE', message, { problems: [{ code: 'NOT_AN_ARTICLE', message, ...(line ? { line } : {}) }] });

/** Parses a page (text export or HTML) into its parts; throws 4xx AppErrors for unusable input. */
export function parsePage(input: string | Uint8Array, hints: PageHints): RawPage {
  const text = decodePage(input, hints.maxBytes ?? MAX_PAGE_BYTES);
  rejectFeeds(text);
  const format = hints.format ?? detectFormat(text);
  // the page's own footer is never the article: its lines end the text, though a label there is still read
  const lines: Line[] = labelsByValue(bareLabels(pageLines(text, format).map((l) => {
    const c = classify(l.text, hints);
    // an HTML heading is a title or a section's heading, however long: never a paragraph of the text
    if (l.heading && c.kind === 'paragraph') c.kind = 'text';
    return { ...l, ...(l.footer && c.kind !== 'label' ? { kind: 'end' as const } : c) };
  })), hints);
  if (lines.length === 0) throw new AppError(422, 'EMPTY_PAGE', 'The page is empty.');
  const anchorAt = lines.findIndex((l) => ANCHORS.has(l.kind));
  if (anchorAt < 0) {
    throw notAnArticle('The page has no article: no content type with a title, no date or labelled field and no paragraph of text.');
  }
  rejectErrorPages(lines);
  rejectSearchResults(lines);
  rejectListings(lines);
  rejectTeasers(lines);
  const head = locateTitle(lines, anchorAt);
  const fields = new Fields();
  for (const l of lines.slice(0, anchorAt)) if (l.parts) fields.meta(l, hints);
  const bodyAt = fields.read(lines, anchorAt, hints, head.at !== undefined && head.at > anchorAt ? head.at : undefined);
  const body = bodyOf(lines, bodyAt, fields, hints);
  rejectGalleries(lines, body, head.at);
  const title = head.at === undefined ? undefined : lines[head.at];
  if (!title) {
    const problem = { code: 'NO_TITLE', message: 'The page has no title: no heading line above its date, fields or text.', line: lines[anchorAt]?.line };
    throw new AppError(422, 'NO_TITLE', problem.message, { problems: [problem] });
  }
  // a content type's name that is a menu entry above a breadcrumb path ("Actualités", then "Accueil › … › Communiqués
  // de presse") is the menu's, not the page's: the path says where the page is
  const typeLine = head.typeAt !== undefined ? lines[head.typeAt] : undefined;
  const menuEntry = typeLine !== undefined && matchSection(typeLine.text) !== undefined
    && lines.slice((head.typeAt as number) + 1, head.at).some((l) => l.kind === 'breadcrumb' && /\s(?:›|»|>)\s/u.test(l.text));
  const contentType = fields.values.type[0] ?? fields.contentType ?? (typeLine && !menuEntry ? typeLine.text : undefined);
  // a republished copy is the original's release: the aggregator's section ("News › …") is not its genre
  const republished = lines.some((l) => originalPublisher(l.text) !== undefined);
  return {
    contentType,
    sectionGenre: republished ? undefined : sectionGenre(lines, head.at as number),
    title: title.text,
    titleLine: title.line,
    dateField: fields.values.date.join(' ').trim(),
    dateFieldLine: fields.lines.date,
    otherDates: [...fields.otherDates, ...headCaptions(lines, head.at as number, anchorAt), ...body.captions],
    places: fields.values.place,
    sources: fields.values.source,
    fields: fields.values.fields,
    fieldLines: { ...(fields.lines.place ? { place: fields.lines.place } : {}), ...(fields.lines.source ? { source: fields.lines.source } : {}), ...(fields.lines.fields ? { fields: fields.lines.fields } : {}) },
    dateline: fields.dateline ?? body.dateline,
    paragraphs: body.paragraphs.map((p) => p.text),
    paragraphLines: body.paragraphs.map((p) => p.line),
    layoutLanguages: [...new Set([...fields.languages, ...lines.slice(0, bodyAt).flatMap((l) => matchSection(l.text)?.lang ?? [])])],
  };
}

/** The root element of a news feed (RSS, Atom, RSS 1.0), after an XML declaration and comments. */
const FEED_ROOT = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[^]*?-->\s*)*<(?:rss|feed|rdf:RDF)(?=[\s>])/iu;

/** A news feed lists items, each a link to an article: NOT_AN_ARTICLE at its root element. */
function rejectFeeds(text: string): void {
  const m = FEED_ROOT.exec(text);
  if (!m) return;
  const line = text.slice(0, m[0].length).split('\n').length;
  throw notAnArticle('The page is a news feed (RSS or Atom): a list of items, each a link to an article.', line);
}

/** A site search's heading in the page languages ("1,284 results for …", "Résultats de la recherche", "Suchergebnisse"). */
const SEARCH_RESULTS = /^(?:[\d.,\s\u00a0]+\s+(?:results?|résultats?|Ergebnisse|Treffer|результат\p{L}*|резултат\p{L}*|rezultat\p{L}*|risultati|resultados?|rezultate)(?:\s+(?:for|pour|für|для|за|per|para|për|found|trouvés?|gefunden|найдено)\b.*)?|search results?|résultats de (?:la )?recherche|suchergebnisse|результаты поиска|результати пошуку|rezultati pretrage|резултати претраге|risultati della ricerca|resultados de (?:la )?búsqueda|rezultatet e kërkimit)(?:\s*[·:|].*)?$/iu;

/**
 * A site search's results page lists teasers of several articles, each with its own date: NOT_AN_ARTICLE at its
 * heading line. The heading alone is not enough — an article reached from a search keeps the site's "Search results"
 * line above its own title and fields, and a listing's export keeps it above its labelled entries — so the page must
 * show at least two different dates on short lines (the teasers' meta lines) below the heading and no labelled
 * Date field (an entry in the listing layout, which the listing rules read).
 */
function rejectSearchResults(lines: Line[]): void {
  const at = lines.slice(0, 30).findIndex((l) => SEARCH_RESULTS.test(l.text.trim()));
  if (at < 0) return;
  const heading = lines[at] as Line;
  const below = lines.slice(at + 1, at + 41);
  if (below.some((l) => l.label?.kind === 'date')) return;
  const teaserDates = new Set(below
    .filter((l) => l.text.length <= 120)
    .flatMap((l) => findDates(l.text).filter((d) => d.date.year !== undefined).map((d) => `${d.date.year}-${d.date.month}-${d.date.day}`)));
  if (teaserDates.size < 2) return;
  throw notAnArticle(`The page is a site search's results ("${heading.text.trim()}"), not an article.`, heading.line);
}

/** A list of entries (several dated entries before any running text) is not one article. */
function rejectListings(lines: Line[]): void {
  const firstParagraph = lines.findIndex((l) => l.kind === 'paragraph');
  const before = firstParagraph < 0 ? lines : lines.slice(0, firstParagraph);
  const dated = before.filter((l) => l.label?.kind === 'date');
  if (dated.length > 1) {
    throw notAnArticle(`The page is a list of ${dated.length} entries, each with its own date, not one article.`, dated[1]?.line);
  }
}

/** A teaser's link to its article, in the page languages ("Read more", "Lire la suite", "Подробнее", "Opširnije"). */
const READ_MORE = /^(?:read more|more|continue reading|lire la suite|en savoir plus|suite|weiterlesen|mehr|mehr lesen|подробнее|читать далее|далее|детальніше|читати далі|докладніше|leggi di più|continua a leggere|leer más|opširnije|više|pročitajte više|прочитај повеќе|повеќе|опширније|lexo më shumë|lexo më tepër)\s*[›»>→.…]*$/iu;
/** A pager under a list ("Next ›", "Last »", "Suivant", "Следующая", "1"). */
const PAGER = /^(?:(?:next|last|previous|first|suivant|suivante|dernier|dernière|précédent|weiter|nächste|letzte|zurück|следующая|последняя|предыдущая|далі|наступна|остання|sledeća|poslednja|sljedeća|tjetra|e fundit|successiv[ao]|ultima|siguiente|última)\s*[›»>→]*|[›»>→‹«<←]+|\d{1,3}|…)$/iu;

/**
 * The heading of an error, block or redirect page in the page languages ("Access Denied", "403 Forbidden", "Page not
 * found", "This page has moved", "Доступ запрещен", "Accès refusé", "Zugriff verweigert"): a whole line of its own.
 */
const ERROR_HEADING = /^(?:(?:error\s+)?(?:40[134]|50[023])\b.*|access denied|access forbidden|forbidden|request (?:rejected|blocked)|page not found|not found|this page has moved|page moved|the page you requested (?:could not be found|has moved)|accès refusé|accès interdit|page (?:introuvable|non trouvée)|cette page a été déplacée|zugriff verweigert|zugang verweigert|seite nicht gefunden|diese seite wurde verschoben|доступ запрещ[её]н|страница не найдена|доступ заборонено|сторінку не знайдено|accesso negato|pagina non trovata|acceso denegado|página no encontrada)[.!]?$/iu;

/**
 * An error, firewall or redirect page holds no release, though it may carry a time ("Time: 2025-12-01 03:24:09 UTC"):
 * NOT_AN_ARTICLE with the line of its heading, among the first lines of text.
 */
function rejectErrorPages(lines: Line[]): void {
  const head = lines.filter((l) => l.kind !== 'menu' && l.kind !== 'boilerplate').slice(0, 3);
  const error = head.find((l) => ERROR_HEADING.test(l.text.trim()));
  if (error) throw notAnArticle(`The page is an error or redirect page ("${error.text.trim()}"), not an article.`, error.line);
}

/**
 * A list of teasers without any date (a section page: headings each with a sentence and a "Read more" link, or each
 * with its content type, under a pager) is not one article: NOT_AN_ARTICLE, not NO_DATE. Only a page with no date
 * anywhere is judged so; a dated page is read as an article, whatever links it ends with.
 */
function rejectTeasers(lines: Line[]): void {
  const dated = lines.some((l) => l.kind === 'date' || l.kind === 'dateline' || l.label?.kind === 'date' || findDates(l.text).some((d) => d.date.year !== undefined)
    || /(?<!\d)\d{1,2}[/.]\d{1,2}[/.](?:19|20)\d\d(?!\d)/u.test(l.text));
  if (dated) return;
  const readMore = lines.filter((l) => READ_MORE.test(l.text.trim()));
  const types = lines.filter((l) => l.kind === 'content-type');
  const pager = lines.filter((l) => PAGER.test(l.text.trim())).length >= 2;
  // a heading-like line, then one sentence or two, then the next heading: a teaser
  const teasers: Line[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const head = lines[i] as Line;
    const next = lines[i + 1] as Line;
    if (head.kind !== 'text' || words(head.text) < 3 || next.kind !== 'paragraph') continue;
    const after = lines[i + 2];
    if (after === undefined || after.kind !== 'paragraph' || READ_MORE.test(after.text.trim())) teasers.push(head);
  }
  const entries = Math.max(readMore.length, types.length, teasers.length);
  const list = readMore.length >= 2 || types.length >= 2 || teasers.length >= 3 || (pager && teasers.length >= 2);
  if (!list) return;
  const second = [readMore, types, teasers].find((x) => x.length === entries)?.[1];
  throw notAnArticle(`The page is a list of ${entries} teasers without a date, not one article.`, second?.line);
}

/**
 * The title: the first heading-like line after the last content-type line above the anchor (or the line just above
 * that content type, as some layouts put it after the title); without a content type, the last heading-like line
 * above the anchor (a section word, menu, breadcrumb or site name is never heading-like there).
 */
function locateTitle(lines: Line[], anchorAt: number): { at: number | undefined; typeAt: number | undefined } {
  // a line ending in a colon introduces what follows (a label the sets lack): never a title
  const heading = (l: Line | undefined): boolean => l !== undefined && l.kind === 'text' && (words(l.text) >= 2 || l.text.length >= 12) && !/:\s*$/u.test(l.text);
  let typeAt: number | undefined;
  for (let i = anchorAt - 1; i >= 0; i--) {
    if (lines[i]?.kind === 'content-type') {
      typeAt = i;
      break;
    }
  }
  if (typeAt !== undefined) {
    for (let i = typeAt + 1; i < anchorAt; i++) if (heading(lines[i])) return { at: i, typeAt };
    // the title just above its content type; never a menu heading further up
    return { at: heading(lines[typeAt - 1]) ? typeAt - 1 : headingAfter(lines, anchorAt, heading), typeAt };
  }
  for (let i = anchorAt - 1; i >= 0; i--) if (heading(lines[i])) return { at: i, typeAt };
  return { at: headingAfter(lines, anchorAt, heading), typeAt };
}

/**
 * An HTML page's heading under its head's fields ("Вест", then a <dl> of Date / Source / Fields, then the <h1>): when
 * nothing heading-like stands above the fields, the first HTML heading among the head's lines after them, before
 * the text's first paragraph or dateline.
 */
function headingAfter(lines: Line[], anchorAt: number, heading: (l: Line | undefined) => boolean): number | undefined {
  for (let i = anchorAt; i < lines.length; i++) {
    const l = lines[i] as Line;
    if (l.heading && heading(l)) return i;
    if (l.kind === 'end' || l.kind === 'dateline' || (l.kind === 'paragraph' && !l.heading)) return undefined;
  }
  return undefined;
}

/**
 * The content type a breadcrumb above the title names (its last entry that names one: "Accueil › Communiqués de
 * presse › Assemblée"), else the nearest section word above the title: a breadcrumb says where the page is, a menu
 * only lists the sections.
 */
function sectionGenre(lines: Line[], titleAt: number): string | undefined {
  for (let i = titleAt - 1; i >= 0; i--) {
    const l = lines[i] as Line;
    // a path ("Home › Press releases"), not a one-line menu ("News | Documents")
    const crumbs = l.kind === 'breadcrumb' && /\s(?:›|»|>)\s/u.test(l.text) ? breadcrumb(l.text) : undefined;
    for (const crumb of [...(crumbs ?? [])].reverse()) {
      const section = matchSection(crumb);
      if (section?.genre) return section.genre;
    }
  }
  for (let i = titleAt - 1; i >= 0; i--) {
    const l = lines[i] as Line;
    // a one-line menu or a listing's filter line ("alle | Pressemitteilungen | Nachrichten | Reportagen") lists the
    // sections, it says nothing of the page's own: only a path's last entry does
    const crumbs = l.kind === 'breadcrumb' && /\s(?:›|»|>|\/)\s/u.test(l.text) ? breadcrumb(l.text) : undefined;
    const section = l.kind === 'section' ? matchSection(l.text) : crumbs ? matchSection(crumbs.at(-1) as string) : undefined;
    if (section?.genre) return section.genre;
  }
  return undefined;
}

type FieldName = LabelKind;

/** Whether a line opens the article with a dateline (`VIENNA - Text.`), so it is no field's value. */
function opensText(text: string, hints: PageHints): boolean {
  const dl = parseDateline(text, hints.isPlace);
  return dl !== undefined && !dl.standalone;
}

/** The labelled fields of the head (any language), dates on lines of their own, and a standalone dateline. */
class Fields {
  readonly values: Record<FieldName, string[]> = { date: [], place: [], source: [], fields: [], type: [] };
  readonly lines: Partial<Record<FieldName, number>> = {};
  readonly otherDates: RawPage['otherDates'] = [];
  readonly languages = new Set<string>();
  contentType: string | undefined;
  dateline: Dateline | undefined;

  /** The kinds whose label has been read: a second label of a kind ("Place:" then "Location:") adds nothing. */
  private readonly seen = new Map<FieldName, number>();

  /** The kind whose values are being dropped (its second label), if any. */
  private dropping: FieldName | undefined;

  label(match: LabelMatch, line: number): FieldName {
    for (const lang of match.langs) this.languages.add(lang);
    const first = this.seen.get(match.kind);
    this.dropping = first !== undefined && first !== line && this.values[match.kind].length > 0 ? match.kind : undefined;
    if (!this.dropping) this.seen.set(match.kind, line);
    if (match.value) this.push(match.kind, match.value, line);
    return match.kind;
  }

  /** A meta line's parts: content type, date, labelled values. */
  meta(l: Line, hints: PageHints): void {
    if (l.publisher && this.values.source.length === 0) this.push('source', l.publisher, l.line);
    for (const part of l.parts ?? []) {
      const label = matchLabel(part);
      if (label) this.label(label, l.line);
      else if (dateOnlyLine(part)) this.otherDates.push({ text: part, line: l.line, kind: 'date-line' });
      else if (hints.isContentType(part)) this.contentType ??= part;
    }
  }

  /** Reads the head from the anchor on; returns the index where the article's body starts. */
  read(lines: Line[], from: number, hints: PageHints, titleAt?: number): number {
    let current: FieldName | undefined;
    // In the text export's list style ("- Source:" then "- X") only list items are values; after a bare label the
    // values are the next short lines (listing entries), but never a line that opens the text with a dateline.
    let listStyle = false;
    // the source line of the last label: an HTML list item's label and its value ("<li><span>Source:</span> X</li>")
    // come as two lines of one source line, the value without the item's dash
    let labelAt: number | undefined;
    let i = from;
    for (; i < lines.length; i++) {
      const l = lines[i] as Line;
      // the title under the fields is no field's value; the fields may go on after it
      if (i === titleAt) {
        current = undefined;
        continue;
      }
      if (l.kind === 'label' && l.label) {
        current = this.label(l.label, l.line);
        listStyle = l.text.startsWith('-');
        labelAt = l.line;
      }
      else if (l.kind === 'menu') {
        const value = l.text.replace(/^-\s*/, '').trim();
        if (current && value) this.push(current, value, l.line);
        else if (!current && value) break;
      } else if (l.kind === 'date') {
        if (current === 'date' && this.values.date.length === 0) this.push('date', l.text, l.line);
        else this.otherDates.push({ text: l.text, line: l.line, kind: 'date-line' });
      } else if (l.kind === 'meta') this.meta(l, hints);
      else if (l.kind === 'dateline') {
        const parsed = parseDateline(l.text, hints.isPlace);
        if (parsed) this.dateline = { ...parsed.dateline, line: l.line };
        return i + 1;
      } else if (l.kind === 'content-type') {
        if (l.parts) this.meta(l, hints);
        else if (current === 'type') this.push('type', l.text, l.line);
        else this.contentType ??= l.text;
      // a photo caption under the fields ("Students at the opening …, 21 October 2022. (OSCE/Name)") is no field's value
      } else if (l.kind === 'text' && current && (!listStyle || l.line === labelAt) && (current !== 'date' || this.values.date.length === 0) && !opensText(l.text, hints) && (current === 'date' || (!captionDate(l.text) && !isCaption(l)))) {
        this.push(current, l.text, l.line);
      }
      else if (l.kind !== 'boilerplate' && l.kind !== 'section') break;
    }
    return i;
  }

  push(kind: FieldName, value: string, line: number): void {
    if (kind === this.dropping) return;
    this.values[kind].push(value);
    this.lines[kind] ??= line;
  }
}

/** Fields a page gives after its text (republished copies: "Source: …"; sidebars), for those the head lacks. */
const TRAILING = new Set<LabelKind>(['source', 'fields', 'place', 'type']);

function trailingFields(lines: Line[], from: number, fields: Fields): void {
  const open = new Set([...TRAILING].filter((k) => fields.values[k].length === 0));
  let current: LabelKind | undefined;
  for (let i = from; i < lines.length; i++) {
    const l = lines[i] as Line;
    if (l.kind === 'label' && l.label) {
      current = open.has(l.label.kind) ? fields.label(l.label, l.line) : undefined;
      if (current) open.delete(current);
      // "Originally published by X." is whole on its line: what follows is the site's
      if (originalPublisher(l.text) !== undefined) current = undefined;
    } else if (current && (l.kind === 'menu' || l.kind === 'text' || l.kind === 'content-type')) {
      const value = l.text.replace(/^-\s*/, '').trim();
      if (value) fields.push(current, value, l.line);
    } else current = undefined;
  }
}

/** Photo captions between the title and the article's first text (a line that is no sentence, ending in a date). */
function headCaptions(lines: readonly Line[], titleAt: number, anchorAt: number): RawPage['otherDates'] {
  const out: RawPage['otherDates'] = [];
  for (const l of lines.slice(titleAt + 1, anchorAt)) {
    const date = l.kind === 'text' ? captionDate(l.text) : undefined;
    if (date) out.push({ text: date, line: l.line, kind: 'caption' });
  }
  return out;
}

/** A photo credit closing a caption ("(OSCE/Name)", "(Photo: Name)", "Photo: OSCE/Name", "© OSCE/Name"). */
const CREDIT = /(?:\((?:(?:photo|фото|foto)\s*:?\s*)?[^()]{0,50}\/[^()]{1,50}\)|\((?:photo|фото|foto|©)[^()]{0,60}\)|(?:photo|фото|foto|©)\s*:?\s*[\p{Lu}][^.]{0,50}\/[^.]{1,50})\s*\.?$/iu;
/** A caption's opening ("Photo 3:", "Фото 2.", "Foto:"). */
const CAPTION_HEAD = /^(?:photo|photograph|фото|foto|bild|image|slika|fotografi\p{L}*)\s*\d{0,3}\s*[:.–-]/iu;

/** Whether a body line is a photo's caption rather than the article's text. */
function isCaption(p: SourceLine): boolean {
  return p.caption === true || (words(p.text) <= 45 && (CREDIT.test(p.text) || CAPTION_HEAD.test(p.text)));
}

/**
 * A photo gallery holds captions, not an article: NOT_AN_ARTICLE when every line of its body is a caption (two or
 * more), or when the page names itself a gallery and has no more than a sentence or two of its own beside the
 * captions. A release with photos keeps its captions among its paragraphs.
 */
function rejectGalleries(lines: readonly Line[], body: Body, titleAt: number | undefined): void {
  const captions = body.paragraphs.filter(isCaption);
  const text = body.paragraphs.filter((p) => !isCaption(p));
  const own = text.reduce((n, p) => n + words(p.text), 0);
  // a video or audio page: its type above the title, and no more than a line of links or a sentence as its text
  const media = titleAt !== undefined ? lines.slice(Math.max(0, titleAt - 3), titleAt).find((l) => namesMedia(l.text)) : undefined;
  if (media && own <= 40) throw notAnArticle(`The page is a ${media.text.trim().toLowerCase()} page, not an article: it has no text of its own.`, media.line);
  if (captions.length < 2) return;
  const head = lines.slice(0, (titleAt ?? 0) + 1).filter((l) => l.kind !== 'menu' && l.kind !== 'breadcrumb');
  const named = head.some((l) => namesGallery(l.text) && words(l.text) <= 12);
  if (text.length === 0 || (named && own <= 40)) {
    throw notAnArticle(`The page is a photo gallery (${captions.length} captions${text.length ? ' and a line of introduction' : ''}), not an article.`, captions[0]?.line);
  }
}

interface Body {
  paragraphs: SourceLine[];
  dateline: Dateline | undefined;
  captions: RawPage['otherDates'];
}

/**
 * What may follow a caption's date: its end, and the photo credit captions carry ("(OSCE/Name)", "Photo: Name",
 * "© OSCE/Name").
 */
const CAPTION_TAIL = /^[.)]?\s*(?:(?:\([^()]{1,60}\)|(?:photo|фото|foto)\s*:?[^.]{0,60}|©[^.]{0,60})\s*\.?)?$/iu;

/** A caption's date: a short line that ends with a full date ("Participants of the course in Ohrid, 12 May 2017."). */
function captionDate(text: string): string | undefined {
  const last = findDates(text).at(-1);
  if (!last || last.date.year === undefined || words(text) > 30) return undefined;
  const after = text.slice(last.index + last.length).trim();
  return CAPTION_TAIL.test(after) ? text.slice(last.index, last.index + last.length) : undefined;
}

/**
 * The article: from the end of the head to the first footer (contacts, related content, sharing, a label such as a
 * republished copy's `Source:` line, which is read). The dateline opens one of its first paragraphs (after a lead
 * or a photo caption, which may be glued to it).
 */
function bodyOf(lines: Line[], from: number, fields: Fields, hints: PageHints): Body {
  const paragraphs: SourceLine[] = [];
  let i = from;
  for (; i < lines.length; i++) {
    const l = lines[i] as Line;
    if (l.kind === 'end' || l.kind === 'label') break;
    if (l.kind === 'boilerplate' || l.text === '-') continue;
    paragraphs.push({ text: l.text, line: l.line, ...(l.caption ? { caption: true } : {}) });
  }
  trailingFields(lines, i, fields);
  const captions: RawPage['otherDates'] = [];
  let dateline: Dateline | undefined;
  for (let at = 0; at < Math.min(3, paragraphs.length) && !dateline; at++) {
    const p = paragraphs[at] as SourceLine;
    const glued = splitGluedCaption(p.text, hints.isPlace);
    if (glued) {
      paragraphs.splice(at, 1, { text: glued[0], line: p.line }, { text: glued[1], line: p.line });
      continue;
    }
    const match = parseDateline(p.text, hints.isPlace);
    if (match) {
      dateline = { ...match.dateline, line: p.line };
      if (match.standalone) paragraphs.splice(at, 1);
      break;
    }
    const date = captionDate(p.text);
    if (date) captions.push({ text: date, line: p.line, kind: 'caption' });
  }
  return { paragraphs, dateline, captions };
}
