/**
 * The page frame of every server-rendered HTML page: landmarks (header/nav/main/footer), a skip link, a labelled
 * search form, alternate links, and the schema.org JSON-LD data block. Values go through hono's `html` tag, which
 * escapes them; the JSON-LD block is serialized by {@link jsonLdScript}, which escapes `<` so no data can end it.
 */
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/**
 * Sent on every HTML response. No script-src: pages run no scripts; `application/ld+json` blocks are data blocks
 * (HTML §4.12.1.1), which CSP does not execute.
 */
export const HTML_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export type Fragment = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface PageOptions {
  title: string;
  /** BCP 47 language of the page text. */
  lang: string;
  /** `<link rel="alternate">` targets: media type → URL. */
  alternates?: ReadonlyArray<{ type: string; href: string }>;
  /** schema.org JSON-LD for the page (embedded as a data block). */
  jsonLd?: unknown;
  canonical?: string;
}

/** JSON for a `<script type="application/ld+json">`: `<`, `>`, `&` and the JS line separators as \u escapes. */
export function jsonLdScript(data: unknown): HtmlEscapedString {
  const json = JSON.stringify(data, null, 2).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return raw(`<script type="application/ld+json">${json}</script>`);
}

/** Renders a full HTML document to a string. */
export async function renderPage(opts: PageOptions, body: Fragment): Promise<string> {
  const alternates = (opts.alternates ?? []).map((a) => html`<link rel="alternate" type="${a.type}" href="${a.href}">`);
  const page = html`<!DOCTYPE html>
<html lang="${opts.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} · OSCE knowledge graph</title>
<link rel="stylesheet" href="/assets/publish.css">
${opts.canonical ? html`<link rel="canonical" href="${opts.canonical}">` : ''}
${alternates}
${opts.jsonLd === undefined ? '' : jsonLdScript(opts.jsonLd)}
</head>
<body>
<a class="skip" href="#content">Skip to content</a>
<header>
<nav aria-label="Site">
<ul>
<li><a href="/">Home</a></li>
<li><a href="/browse">Browse</a></li>
<li><a href="/sparql">SPARQL</a></li>
<li><a href="/dumps/">Dumps</a></li>
<li><a href="/catalog">Catalog</a></li>
</ul>
</nav>
<form role="search" method="post" action="/search">
<label for="site-search">Search the graph</label>
<input id="site-search" name="q" type="search" required>
<button type="submit">Search</button>
</form>
</header>
<main id="content">
${body}
</main>
<footer>
<p>Data: <a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>, compiled from public OSCE sources. Not an official OSCE service.</p>
</footer>
</body>
</html>
`;
  return (await page).toString();
}
