/**
 * Static files of the research pages, served by this server (no CDN): YASGUI's build from node_modules and our own
 * page scripts and styles from `assets/query/`. Every URL carries a version or content hash, so responses can be cached
 * for a year (`immutable`) and a new release changes the URL.
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
  pageJs: string;
  pageCss: string;
}

export interface AssetRegistry {
  urls: AssetUrls;
  /** The asset at a request path, or undefined. */
  get(path: string): Asset | undefined;
}

function yasguiBuild(): { dir: string; version: string } {
  const require = createRequire(import.meta.url);
  const pkgFile = require.resolve('@zazuko/yasgui/package.json');
  const version = (JSON.parse(readFileSync(pkgFile, 'utf8')) as { version: string }).version;
  return { dir: join(dirname(pkgFile), 'build'), version };
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
  const own = (name: string): string => {
    const asset = load(join(PATHS.root, 'assets', 'query', name));
    const url = `/assets/query/${asset.etag.slice(1, 13)}/${name}`;
    files.set(url, asset);
    return url;
  };
  registry = {
    urls: {
      yasguiJs: `${yasguiBase}/yasgui.min.js`,
      yasguiCss: `${yasguiBase}/yasgui.min.css`,
      pageJs: own('query-page.js'),
      pageCss: own('query-page.css'),
    },
    get: (path) => files.get(path),
  };
  return registry;
}
