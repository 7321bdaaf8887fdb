/**
 * Static files of the HTML pages, served by this server (no CDN): the site's stylesheet (`assets/site/`), YASGUI's
 * build from node_modules and the query editor's script (`assets/query/`). Every URL carries a version or content
 * hash, so responses can be cached for a year (`immutable`) and a new release changes the URL.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PATHS } from '../model/paths.js';

export interface Asset {
  body: ArrayBuffer;
  contentType: string;
  etag: string;
}

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  map: 'application/json; charset=utf-8',
};

function load(file: string): Asset {
  const bytes = readFileSync(file);
  const body = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const ext = file.slice(file.lastIndexOf('.') + 1);
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  return { body, contentType: TYPES[ext] ?? 'application/octet-stream', etag: `"${hash}"` };
}

/** URLs of the assets a page links to. */
export interface AssetUrls {
  yasguiJs: string;
  yasguiCss: string;
  /** The query editor's own script. */
  pageJs: string;
  /** The stylesheet of every page. */
  siteCss: string;
}

export interface AssetRegistry {
  urls: AssetUrls;
  /**
   * CSP hashes ('sha256-…') of the two fixed <style> elements YASR's column resizer inserts; allowing exactly these
   * keeps `style-src` free of 'unsafe-inline'.
   */
  styleHashes: string[];
  /** The asset at a request path, or undefined. */
  get(path: string): Asset | undefined;
}

function yasguiBuild(): { dir: string; version: string } {
  const require = createRequire(import.meta.url);
  const pkgFile = require.resolve('@zazuko/yasgui/package.json');
  const version = (JSON.parse(readFileSync(pkgFile, 'utf8')) as { version: string }).version;
  return { dir: join(dirname(pkgFile), 'build'), version };
}

/** The resizer's style texts, read from the very file we serve so the hashes always match it. */
export function resizerStyleHashes(yasguiJs: string): string[] {
  const texts: string[] = [];
  const grip = /createStyle\(\w+,`( \.grip-resizable\{[^`]*)`\)/.exec(yasguiJs)?.[1];
  if (grip) texts.push(grip);
  const cursor = /dragCursor:`([\w-]+)`/.exec(yasguiJs)?.[1];
  if (cursor) texts.push(`*{cursor:${cursor}!important}`);
  return texts.map((t) => `'sha256-${createHash('sha256').update(t).digest('base64')}'`);
}

let registry: AssetRegistry | undefined;

/** Reads the files once per process (about 1 MB) and keeps them in memory. */
export function assetRegistry(): AssetRegistry {
  if (registry) return registry;
  const yasgui = yasguiBuild();
  const files = new Map<string, Asset>();
  const yasguiBase = `/assets/yasgui/${yasgui.version}`;
  for (const name of ['yasgui.min.js', 'yasgui.min.css', 'yasgui.min.js.map']) {
    files.set(`${yasguiBase}/${name}`, load(join(yasgui.dir, name)));
  }
  const own = (dir: string, name: string): string => {
    const asset = load(join(PATHS.root, 'assets', dir, name));
    const url = `/assets/${dir}/${asset.etag.slice(1, 13)}/${name}`;
    files.set(url, asset);
    return url;
  };
  const js = files.get(`${yasguiBase}/yasgui.min.js`) as Asset;
  registry = {
    styleHashes: resizerStyleHashes(Buffer.from(js.body).toString('utf8')),
    urls: {
      yasguiJs: `${yasguiBase}/yasgui.min.js`,
      yasguiCss: `${yasguiBase}/yasgui.min.css`,
      pageJs: own('query', 'query-page.js'),
      siteCss: own('site', 'site.css'),
    },
    get: (path) => files.get(path),
  };
  return registry;
}
