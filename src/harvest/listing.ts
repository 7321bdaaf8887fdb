/**
 * Listing pages: the links a listing offers, read with htmlparser2. Links to pages of the same host in the page's
 * content are candidates; links inside site menus (`nav`, `header`, `footer`) are not. Pagination is followed
 * wherever it is (pagers often sit in a `nav`): `rel="next"` on `<a>` or `<link>` (HTML §4.6.7.12), and links to the
 * same listing that differ only in their `page` query parameter.
 */
import { Parser } from 'htmlparser2';

export interface ListingLinks {
  /** Same-host pages linked from the content, fragment removed, in document order, without duplicates. */
  pages: string[];
  /** Further pages of this listing (rel="next", ?page=N), in document order, without duplicates. */
  pagination: string[];
}

const MENUS = new Set(['nav', 'header', 'footer']);

/** Resolves `href` against `base` to an http(s) URL without fragment, or undefined. */
function resolve(href: string, base: string): URL | undefined {
  try {
    const url = new URL(href.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    url.hash = '';
    return url;
  } catch {
    return undefined;
  }
}

/** Whether `url` is another page of the listing at `listing`: same path, the same parameters but `page`. */
export function isPageOf(url: URL, listing: URL): boolean {
  if (url.host !== listing.host || url.pathname !== listing.pathname || !url.searchParams.has('page')) return false;
  const rest = (u: URL) => [...u.searchParams].filter(([k]) => k !== 'page').map(([k, v]) => `${k}=${v}`).sort().join('&');
  return rest(url) === rest(listing);
}

/** The links of a listing page at `pageUrl`. */
export function listingLinks(html: string, pageUrl: string): ListingLinks {
  const listing = new URL(pageUrl);
  let base = pageUrl;
  const pages = new Set<string>();
  const pagination = new Set<string>();
  let menuDepth = 0;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (MENUS.has(name)) menuDepth++;
        if (name === 'base' && attrs.href) base = resolve(attrs.href, pageUrl)?.href ?? base;
        if ((name !== 'a' && name !== 'link') || !attrs.href) return;
        const url = resolve(attrs.href, base);
        if (!url || url.host !== listing.host || url.href === listing.href) return;
        const rels = (attrs.rel ?? '').toLowerCase().split(/\s+/);
        if (rels.includes('next') || isPageOf(url, listing)) pagination.add(url.href);
        else if (name === 'a' && menuDepth === 0 && url.pathname !== listing.pathname) pages.add(url.href);
      },
      onclosetag(name) {
        if (MENUS.has(name)) menuDepth = Math.max(0, menuDepth - 1);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return { pages: [...pages], pagination: [...pagination] };
}
