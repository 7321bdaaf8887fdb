/**
 * What makes two ingested pages the same release (docs/decisions/0001-release-identity.md): the page's source URL,
 * normalized, when one is known; otherwise the digest of its normalized content. Never title and date alone.
 */
import { createHash } from 'node:crypto';

/**
 * Query parameters that track a visit rather than name a page (Google Analytics, Google/Microsoft/Meta/Yandex ad
 * click ids, Mailchimp, HubSpot, Instagram): dropped from source URLs.
 */
const TRACKING = /^(?:utm_[a-z_]*|_ga|_gl|gclid|gclsrc|dclid|gbraid|wbraid|fbclid|msclkid|yclid|mc_cid|mc_eid|igshid|_hsenc|_hsmi|mkt_tok)$/i;

/** RFC 3986 §2.3 unreserved characters: a percent-encoded one is the character itself (§6.2.2.2). */
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

function normalizePercent(text: string): string {
  return text.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => {
    const c = String.fromCharCode(Number.parseInt(hex, 16));
    return UNRESERVED.test(c) ? c : `%${hex.toUpperCase()}`;
  });
}

/**
 * The normalized form of an http(s) page address, or undefined when `raw` is not one. The WHATWG URL parser already
 * lower-cases scheme and host, drops a default port and resolves dot segments (RFC 3986 §6.2.2); then the fragment,
 * user info and tracking parameters are dropped, percent-encoding normalized, the other parameters sorted by name
 * (stably), a trailing slash removed from any path but the root, and a trailing dot from the host. The path keeps
 * its case and every segment, a language segment included (`/ru/…` is another page than `/…`: a translation).
 */
export function normalizeSourceUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return undefined;
  url.hash = '';
  url.username = '';
  url.password = '';
  if (url.hostname.endsWith('.')) url.hostname = url.hostname.replace(/\.+$/, '');
  const params = [...url.searchParams].filter(([name]) => !TRACKING.test(name));
  params.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = params.length > 0 ? new URLSearchParams(params).toString() : '';
  let path = normalizePercent(url.pathname);
  if (path.length > 1) path = path.replace(/\/+$/, '') || '/';
  url.pathname = path;
  // Characters the URL parser leaves as they are but an IRI reference may not hold (RFC 3987 §2.2, SPARQL IRIREF).
  return url.toString().replace(/[{}|^`\\<>"]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Article text as compared for identity: Unicode compatibility forms folded (NFKC), invisible characters dropped,
 * every dash a hyphen without spaces around it, every quotation mark and apostrophe one `"`, white space one space,
 * lower case. Two fetches of one page that differ in these only are the same content.
 */
export function normalizeContent(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u00AD\u200B-\u200F\u2060\uFEFF]/g, '')
    .replace(/[\u2010-\u2015\u2212\u2E3A\u2E3B\uFE58\uFE63\uFF0D]/g, '-')
    .replace(/["'`\u00AB\u00BB\u00B4\u2018-\u201F\u2032\u2033\u2039\u203A\u300C-\u300F]/g, '"')
    .replace(/\s+/g, ' ')
    .replace(/ ?- ?/g, '-')
    .trim()
    .toLowerCase();
}

/** What the content digest is computed from: the extracted publication date, headline and body. */
export interface ArticleContent {
  date: string;
  title: string;
  paragraphs: readonly string[];
}

/**
 * Hex SHA-256 of the normalized article: date, headline and body paragraphs (joined by a space, so where a layout
 * breaks paragraphs does not matter). Menus, scripts and footers never reach it: extraction has dropped them.
 */
export function contentDigest(article: ArticleContent): string {
  const text = `${article.date}\n${normalizeContent(article.title)}\n${normalizeContent(article.paragraphs.join(' '))}`;
  return createHash('sha256').update(text).digest('hex');
}

/** The identity of a release: its normalized source URL, else `sha256:{content digest}`. */
export function releaseIdentity(url: string | undefined, digest: string): string {
  return url ?? `sha256:${digest}`;
}
