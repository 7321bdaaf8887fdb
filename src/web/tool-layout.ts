/**
 * The HTML shell of the research pages (query, API reference, search). Values are escaped by the caller's
 * `escapeHtml`; `body` is trusted markup built from escaped parts. No inline script or style: the pages run under a
 * strict Content-Security-Policy.
 */
import { assetRegistry } from './assets.js';
import { escapeHtml } from './highlight.js';

export interface PageOptions {
  title: string;
  /** Trusted HTML of the main element. */
  body: string;
  /** Load YASGUI and the query page script. */
  withEditor?: boolean;
  /** Extra head markup (trusted), e.g. a JSON data block. */
  head?: string;
}

/**
 * Strict policy of these pages: everything from this origin, no inline script at all, no inline style except the two
 * fixed style elements of YASR's column resizer (by hash), no framing.
 */
export function researchCsp(): string {
  const styles = ["'self'", ...assetRegistry().styleHashes].join(' ');
  return (
    `default-src 'self'; script-src 'self'; style-src ${styles}; img-src 'self' data:; font-src 'self'; ` +
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
  );
}

const NAV: Array<[string, string]> = [
  ['/', 'Home'],
  ['/browse', 'Browse'],
  ['/query', 'Query'],
  ['/api', 'API'],
  ['/search', 'Search'],
  ['/dumps/', 'Dumps'],
];

export function renderPage(opts: PageOptions): string {
  const assets = assetRegistry().urls;
  const editor = opts.withEditor
    ? `<link rel="stylesheet" href="${assets.yasguiCss}">
<script src="${assets.yasguiJs}" defer></script>
<script src="${assets.pageJs}" defer></script>`
    : '';
  const nav = NAV.map(([href, label]) => `<a href="${href}">${label}</a>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(opts.title)} · OSCE knowledge graph</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assets.pageCss}">
${editor}
${opts.head ?? ''}
</head>
<body>
<header class="site-header"><a class="brand" href="/">OSCE knowledge graph</a><nav>${nav}</nav></header>
<main>
${opts.body}
</main>
</body>
</html>
`;
}

/**
 * Serializes a value as JSON for a `<script type="application/json">` data block: `<`, `>` and `&` become escapes so
 * the text can never close the element or open a comment.
 */
export function jsonDataBlock(id: string, value: unknown): string {
  const json = JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `<script type="application/json" id="${escapeHtml(id)}">${json}</script>`;
}
