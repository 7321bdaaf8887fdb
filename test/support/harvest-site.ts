/**
 * A small website on loopback for the harvest tests: robots.txt with a disallowed folder, a sitemap index with a
 * gzipped sitemap and a malformed one, a paginated listing, release pages in the layouts of the team's page-layouts
 * reference (HTML with menus, scripts and footer; English and Russian; one in ISO-8859-1 declared by a meta tag),
 * ETags and Last-Modified with 304s, a 429 with Retry-After and a 503 on the first request, a redirect and a
 * redirect loop, a 10 MB page and a binary file. Every request is logged with its arrival time.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PATHS } from '../../src/model/paths.js';

const DIR = join(PATHS.fixtures, 'harvest-site');
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');

export interface LoggedRequest {
  path: string;
  /** performance.now() when the request arrived. */
  t: number;
  conditional: boolean;
  userAgent: string;
}

/** The release pages: path → fixture file (English and Russian, several layouts). */
export const RELEASE_PAGES: Record<string, string> = {
  '/releases/en-labelled': 'en-labelled.html',
  '/releases/en-older': 'en-older.html',
  '/releases/en-news-item': 'en-news-item.html',
  '/releases/moved': 'en-moved.html',
  '/releases/latin1': 'en-latin1.html',
  '/releases/ru-labelled': 'ru-labelled.html',
  '/releases/ru-older': 'ru-older.html',
  '/releases/en-rejected': 'en-rejected.html',
  '/busy': 'en-busy.html',
  '/flaky': 'en-flaky.html',
};

/** Where each release page's content is finally served (the redirect's target for /old/moved). */
export const RELEASE_URL_PATHS = Object.keys(RELEASE_PAGES);

const LAST_MODIFIED = 'Tue, 05 Mar 2024 10:00:00 GMT';

interface Answer {
  status?: number;
  type: string;
  body: Buffer | string;
  headers?: Record<string, string>;
}

export class HarvestSite {
  readonly log: LoggedRequest[] = [];
  /** Page contents by path, changeable by tests. */
  readonly contents = new Map<string, string>();
  /** Paths that tests make answer 301 to another path (a page that moved). */
  readonly redirects = new Map<string, string>();
  private readonly hits = new Map<string, number>();
  private server = createServer((req, res) => this.handle(req, res));
  origin = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    for (const [path, file] of Object.entries(RELEASE_PAGES)) this.contents.set(path, read(file));
    this.contents.set('/about', read('about.html'));
    return this;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Requests whose path starts with `prefix`. */
  requests(prefix = '/'): LoggedRequest[] {
    return this.log.filter((r) => r.path.startsWith(prefix));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = req.url ?? '/';
    this.log.push({
      path, t: performance.now(),
      conditional: req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined,
      userAgent: req.headers['user-agent'] ?? '',
    });
    const hit = (this.hits.get(path) ?? 0) + 1;
    this.hits.set(path, hit);
    res.on('error', () => undefined);
    if (path === '/big') return this.big(res);
    const answer = this.answer(path, hit);
    if (!answer) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    const body = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : answer.body;
    const status = answer.status ?? 200;
    if (status !== 200) return void res.writeHead(status, { 'Content-Type': answer.type, ...answer.headers }).end(body);
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { ETag: etag }).end();
    res.writeHead(200, { 'Content-Type': answer.type, 'Content-Length': body.length, ETag: etag, 'Last-Modified': LAST_MODIFIED }).end(body);
  }

  private answer(path: string, hit: number): Answer | undefined {
    const o = this.origin;
    const html = (content: string, lang = 'en') => ({ type: 'text/html; charset=utf-8', body: frame(content, lang) });
    const moved = this.redirects.get(path);
    if (moved) return { status: 301, type: 'text/plain', body: '', headers: { Location: moved } };
    switch (path) {
      case '/robots.txt':
        return { type: 'text/plain', body: `User-agent: *\nDisallow: /private/\n\nUser-agent: other-bot\nDisallow: /\n\nSitemap: ${o}/sitemap.xml\n` };
      case '/sitemap.xml':
        return { type: 'application/xml', body: sitemapIndex([`${o}/sitemaps/releases.xml.gz`, `${o}/sitemaps/broken.xml`, 'http://other.invalid/sitemap.xml']) };
      case '/sitemaps/releases.xml.gz':
        return { type: 'application/gzip', body: gzipSync(urlset(o, SITEMAP_ENTRIES)) };
      case '/sitemaps/broken.xml':
        return { type: 'application/xml', body: `<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${o}/releases/en-labelled</loc></url><url><loc>${o}/rel` };
      case '/press-releases':
        return html(listing(['/releases/ru-labelled', '/releases/ru-older', '/releases/en-labelled', '/about'], '/press-releases?page=2'));
      case '/press-releases?page=2':
        return html(listing(['/releases/en-older', '/private/draft', '/media/photo.jpg', '/releases/en-labelled#top'], undefined));
      case '/old/moved':
        return { status: 301, type: 'text/plain', body: '', headers: { Location: '/releases/moved' } };
      case '/loop/a':
        return { status: 302, type: 'text/plain', body: '', headers: { Location: `${o}/loop/b` } };
      case '/loop/b':
        return { status: 302, type: 'text/plain', body: '', headers: { Location: '/loop/a' } };
      case '/media/photo.jpg':
        return { type: 'image/jpeg', body: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)) };
    }
    if (path === '/busy' && hit === 1) return { status: 429, type: 'text/plain', body: 'Slow down', headers: { 'Retry-After': '1' } };
    if (path === '/flaky' && hit === 1) return { status: 503, type: 'text/plain', body: 'Try again' };
    const content = this.contents.get(path);
    if (content === undefined) return undefined;
    if (path === '/releases/latin1') return { type: 'text/html', body: Buffer.from(frame(content, 'en').replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'), 'latin1') };
    return html(content, path.includes('/ru-') ? 'ru' : 'en');
  }

  /** 10 MB of HTML, chunked (no Content-Length): the harvester must stop reading at its limit. */
  private big(res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    const chunk = Buffer.from(`<p>${'x'.repeat(64 * 1024 - 8)}</p>\n`);
    let sent = 0;
    const pump = () => {
      while (sent < 10 * 1024 * 1024) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.write('<!DOCTYPE html><html><body>');
    pump();
  }
}

/** The pages the gzipped sitemap lists, with their lastmod. */
export const SITEMAP_ENTRIES: [string, string][] = [
  ['/releases/en-labelled', '2019-03-12'], ['/releases/en-older', '2001-05-04'], ['/releases/en-news-item', '2017-10-03'],
  ['/busy', '2018-06-21'], ['/flaky', '2020-02-08'], ['/old/moved', '2016-11-15'], ['/releases/latin1', '2015-04-02'],
  ['/releases/ru-labelled', '2016-03-03'], ['/releases/ru-older', '2009-09-14'], ['/releases/en-rejected', '2018-03-01'], ['/loop/a', '2020-01-01'], ['/big', '2020-01-01'],
  ['/media/photo.jpg', '2020-01-01'], ['/private/secret', '2020-01-01'], ['/about', '2010-01-01'],
];

function frame(content: string, lang: string): string {
  return read('frame.html').replace('{{lang}}', lang).replace('{{content}}', content);
}

function listing(paths: string[], next: string | undefined): string {
  const entries = paths.map((p, i) => `<div class="entry"><h3><a href="${p}">Entry ${i + 1}</a></h3><div>Publishing date:</div><div>1 January 2020</div></div>`);
  const pager = next ? `<nav class="pager"><a href="${next}" rel="next">Next page</a></nav>` : '<nav class="pager"><a href="/press-releases">First page</a></nav>';
  return `<h1>Press releases</h1>\n${entries.join('\n')}\n${pager}`;
}

function sitemapIndex(locs: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${locs.map((l) => `  <sitemap><loc>${l}</loc></sitemap>`).join('\n')}\n</sitemapindex>\n`;
}

function urlset(origin: string, entries: [string, string][]): string {
  const urls = entries.map(([p, lastmod]) => `  <url><loc>${origin}${p}</loc><lastmod>${lastmod}</lastmod></url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}
