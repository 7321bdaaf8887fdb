/**
 * Which pages are translations of one another: those an HTML page declares as its language versions
 * (`<link rel="alternate" hreflang="…" href="…">`, HTML §4.6.7.1) and those at the same source URL path with another
 * language segment (`https://www.osce.org/odihr/123` and `https://www.osce.org/ru/odihr/123`). A translation stays
 * a release of its own, linked to its original by schema:translationOfWork / schema:workTranslation.
 */
import { Parser } from 'htmlparser2';
import { normalizeSourceUrl } from './identity.js';

/**
 * Language codes a site may put as the first path segment: the six OSCE languages and the host-country languages of
 * OSCE pages (osce-facts.md), optionally with a script or region (`sr-latn`).
 */
const LANGUAGES = new Set(['en', 'fr', 'de', 'it', 'ru', 'es', 'sq', 'sr', 'mk', 'uk', 'ro', 'bs', 'hr', 'me', 'cnr', 'ka', 'hy', 'az', 'kk', 'ky', 'tg', 'tk', 'uz', 'mn', 'be', 'pl']);

/** The language segment of a URL path and the path without it; `lang` undefined when the path has none. */
export function languageSegment(url: string): { lang: string | undefined; rest: string } {
  const u = new URL(url);
  const m = /^\/([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2,4}))?(?=\/|$)/.exec(u.pathname);
  if (!m || !LANGUAGES.has((m[1] as string).toLowerCase())) return { lang: undefined, rest: u.pathname };
  return { lang: m[0].slice(1).toLowerCase(), rest: u.pathname.slice(m[0].length) || '/' };
}

/** A page's declared language versions: normalized URLs by hreflang (lower case; `x-default` included). */
export type Alternates = Map<string, string>;

/** The `<link rel="alternate" hreflang href>` elements of an HTML page, resolved against its URL when relative. */
export function declaredAlternates(html: string, pageUrl: string | undefined): Alternates {
  const found: Alternates = new Map();
  const parser = new Parser({
    onopentag(name, attrs) {
      if (name !== 'link' || !attrs.hreflang || !attrs.href) return;
      if (!(attrs.rel ?? '').toLowerCase().split(/\s+/).includes('alternate')) return;
      let href: string | undefined;
      try {
        href = normalizeSourceUrl(new URL(attrs.href, pageUrl).toString());
      } catch {
        href = undefined;
      }
      if (href && !found.has(attrs.hreflang.toLowerCase())) found.set(attrs.hreflang.toLowerCase(), href);
    },
  }, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  parser.write(html);
  parser.end();
  return found;
}

/** The URL of the same path in another language segment, or without one (`lang` undefined). */
function withLanguage(url: string, lang: string | undefined): string {
  const u = new URL(url);
  const { rest } = languageSegment(url);
  u.pathname = lang ? `/${lang}${rest === '/' ? '' : rest}` : rest;
  return normalizeSourceUrl(u.toString()) ?? url;
}

/** Every URL that would be the same page in another language segment (or with none), the page's own excluded. */
export function sameWorkUrls(url: string): string[] {
  const own = languageSegment(url).lang;
  const urls = [undefined, ...LANGUAGES].filter((l) => l !== own).map((l) => withLanguage(url, l));
  return [...new Set(urls)].filter((u) => u !== url);
}

/**
 * Which of two pages of one work is the original: the one without a language segment when the other has one (the
 * site's default language; on osce.org, `/odihr/1` and `/ru/odihr/1`), else the one a declaration names
 * `x-default`; undefined when neither tells (then they are not linked).
 */
export function originalOf(a: string, b: string, declared: Alternates): string | undefined {
  const la = languageSegment(a).lang;
  const lb = languageSegment(b).lang;
  if (la === undefined && lb !== undefined) return a;
  if (lb === undefined && la !== undefined) return b;
  const fallback = declared.get('x-default');
  return fallback === a || fallback === b ? fallback : undefined;
}
