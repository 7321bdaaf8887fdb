/**
 * The frame of every HTML page: landmarks (header/nav/main/footer), a skip link, the site's links and a labelled
 * search form, the one stylesheet, alternate links, the schema.org JSON-LD data block, and for the query editor its
 * scripts. Values go through hono's `html` tag, which escapes them; a body given as a string is trusted markup built
 * from escaped parts. Data blocks are serialized by {@link dataBlock}, which escapes `<` so no data can end them.
 */
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { assetRegistry } from './assets.js';
import { pageRequest } from './page-context.js';
import { SHARE_IMAGE } from '../model/site-images.js';

export type Fragment = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface PageOptions {
  title: string;
  /** BCP 47 language of the page text (default `en`). */
  lang?: string;
  /** `<link rel="alternate">` targets: media type → URL. */
  alternates?: ReadonlyArray<{ type: string; href: string }>;
  /** schema.org JSON-LD for the page (embedded as a data block). */
  jsonLd?: unknown;
  canonical?: string;
  /** The query editor: YASGUI and its page script, configured by this value (a JSON data block). */
  editor?: unknown;
  /** One or two sentences for search results and link previews (default: what the site is). */
  description?: string;
  /** Open Graph type: `article` for a press release (with its publication date), else `website`. */
  article?: { publishedTime?: string };
}

const SITE = 'OSCE knowledge graph';
const SITE_DESCRIPTION = 'An open linked-data knowledge graph of the OSCE: participating States, structures, field operations, meetings and press releases, with a SPARQL endpoint, dumps and an API.';

/** At most `max` characters, cut at a word with an ellipsis. */
function clip(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}

/**
 * Link-preview tags (Open Graph, https://ogp.me/; Twitter cards, `summary_large_image`) on every page: title,
 * description, type, canonical URL and the 1200×630 default image, absolute from the configured base.
 */
function previewTags(opts: PageOptions): Fragment {
  const request = pageRequest.getStore();
  const description = clip(opts.description ?? SITE_DESCRIPTION);
  const url = opts.canonical ?? (request ? `${request.base}${request.path.replace(/^\//, '')}` : undefined);
  const image = request ? `${request.base}${SHARE_IMAGE.path}` : undefined;
  const published = opts.article?.publishedTime;
  return html`<meta name="description" content="${description}">
<meta property="og:site_name" content="${SITE}">
<meta property="og:title" content="${opts.title}">
<meta property="og:description" content="${description}">
<meta property="og:type" content="${opts.article ? 'article' : 'website'}">
${url ? html`<meta property="og:url" content="${url}">` : ''}
${image ? html`<meta property="og:image" content="${image}">
<meta property="og:image:type" content="image/png">
<meta property="og:image:width" content="${SHARE_IMAGE.width}">
<meta property="og:image:height" content="${SHARE_IMAGE.height}">
<meta property="og:image:alt" content="${SHARE_IMAGE.alt}">` : ''}
${published ? html`<meta property="article:published_time" content="${published}">` : ''}
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:title" content="${opts.title}">
<meta name="twitter:description" content="${description}">
${image ? html`<meta name="twitter:image" content="${image}">
<meta name="twitter:image:alt" content="${SHARE_IMAGE.alt}">` : ''}`;
}

let csp: string | undefined;

/**
 * The Content-Security-Policy of every HTML page (app.ts sets it on each): scripts and styles only from this origin,
 * no inline script at all, no inline style except the two fixed style elements of YASR's column resizer (by hash),
 * no framing. `application/ld+json` and `application/json` blocks are data blocks (HTML §4.12.1.1), which CSP does
 * not execute.
 */
export function pageCsp(): string {
  csp ??=
    `default-src 'none'; script-src 'self'; style-src 'self' ${assetRegistry().styleHashes.join(' ')}; ` +
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
  return csp;
}

/** A `<script type="…">` data block: `<`, `>`, `&` and the JS line separators as \u escapes. */
export function dataBlock(type: 'application/ld+json' | 'application/json', data: unknown, id?: string): HtmlEscapedString {
  const json = JSON.stringify(data, null, type === 'application/ld+json' ? 2 : undefined)
    .replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return raw(`<script type="${type}"${id ? ` id="${id}"` : ''}>${json}</script>`);
}

const NAV: ReadonlyArray<[string, string]> = [
  ['/', 'Home'],
  ['/browse', 'Browse'],
  ['/stats', 'Statistics'],
  ['/query', 'Query'],
  ['/api', 'API'],
  ['/dumps/', 'Dumps'],
  ['/catalog', 'Catalog'],
];

function head(opts: PageOptions): Fragment {
  const assets = assetRegistry().urls;
  // YASGUI's stylesheet before the site's, so the site's (which themes the editor) wins at equal specificity
  const editorCss = opts.editor === undefined ? '' : html`<link rel="stylesheet" href="${assets.yasguiCss}">`;
  const editor = opts.editor === undefined ? '' : html`<script src="${assets.yasguiJs}" defer></script>
<script src="${assets.pageJs}" defer></script>
${dataBlock('application/json', opts.editor, 'query-config')}`;
  return html`<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} · OSCE knowledge graph</title>
${previewTags(opts)}
<link rel="icon" href="/favicon.ico">
${editorCss}
<link rel="stylesheet" href="${assets.siteCss}">
${opts.canonical ? html`<link rel="canonical" href="${opts.canonical}">` : ''}
${(opts.alternates ?? []).map((a) => html`<link rel="alternate" type="${a.type}" href="${a.href}">`)}
${opts.jsonLd === undefined ? '' : dataBlock('application/ld+json', opts.jsonLd)}
${editor}`;
}

/** Renders a full HTML document to a string. */
export async function renderPage(opts: PageOptions, body: Fragment | string): Promise<string> {
  const page = html`<!DOCTYPE html>
<html lang="${opts.lang ?? 'en'}">
<head>
${head(opts)}
</head>
<body>
<a class="skip" href="#content">Skip to content</a>
<header class="site-header">
<a class="brand" href="/">OSCE knowledge graph</a>
<nav aria-label="Site"><ul>${NAV.map(([href, label]) => html`<li><a href="${href}">${label}</a></li>`)}</ul></nav>
<form role="search" method="post" action="/search">
<label for="site-search">Search the graph</label>
<input id="site-search" name="q" type="search" required>
<button type="submit">Search</button>
</form>
</header>
<main id="content">
${typeof body === 'string' ? raw(body) : body}
</main>
<footer>
<p>Data: <a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>, compiled from public OSCE sources. Not an official OSCE service. <a href="/policy">Usage policy</a>.</p>
</footer>
</body>
</html>
`;
  return (await page).toString();
}
