/**
 * The site's icon, drawn here rather than shipped as a binary: a 32×32 PNG (the accent blue of site.css, three white
 * linked nodes: a graph) inside an ICO container, which every browser reads at `/favicon.ico` (browsers ask for it
 * even for JSON and RDF answers, and log a 404 when it is missing). About 1 KB, built once per process. The same
 * drawing at 512×512 is the site's logo (`/logo.png`).
 */
import { LOGO } from '../model/site-images.js';
import { encodePng } from './png.js';

const SIZE = 32;
const ACCENT = [0x0b, 0x5c, 0xad] as const;
const NODES = [[9, 22], [16, 9], [23, 22]] as const;
const EDGES = [[0, 1], [1, 2], [2, 0]] as const;

function distanceToSegment(x: number, y: number, [ax, ay]: readonly number[], [bx, by]: readonly number[]): number {
  const dx = bx! - ax!;
  const dy = by! - ay!;
  const t = Math.max(0, Math.min(1, ((x - ax!) * dx + (y - ay!) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax! + t * dx), y - (ay! + t * dy));
}

/** Inside the rounded square (radius 7), and white where a node or an edge is. */
function sample(x: number, y: number): { inside: boolean; white: boolean } {
  const r = 7;
  const cx = Math.min(Math.max(x, r), SIZE - r);
  const cy = Math.min(Math.max(y, r), SIZE - r);
  const inside = Math.hypot(x - cx, y - cy) <= r;
  const white = NODES.some(([nx, ny]) => Math.hypot(x - nx, y - ny) <= 3.6) ||
    EDGES.some(([a, b]) => distanceToSegment(x, y, NODES[a], NODES[b]) <= 1.1);
  return { inside, white };
}

/** The icon at `size`×`size` pixels, each the average of n×n samples (smooth edges): RGBA. */
function iconPng(size: number, n: number): Buffer {
  const scale = SIZE / size;
  return encodePng(size, size, (x, y) => {
    let cover = 0;
    let white = 0;
    for (let i = 0; i < n * n; i++) {
      const s = sample((x + ((i % n) + 0.5) / n) * scale, (y + (Math.floor(i / n) + 0.5) / n) * scale);
      if (s.inside) cover++;
      if (s.inside && s.white) white++;
    }
    const w = cover === 0 ? 0 : white / cover;
    return [...ACCENT.map((c) => Math.round(c * (1 - w) + 255 * w)), Math.round((cover / (n * n)) * 255)];
  });
}

/** The icon as PNG (RFC 2083): 32×32, 8-bit RGBA. */
export function faviconPng(): Buffer {
  return iconPng(SIZE, 4);
}

let logo: Buffer | undefined;

/** The icon drawn at 512×512: the site's logo. */
export function logoPng(): Buffer {
  return (logo ??= iconPng(LOGO.width, 2));
}

let ico: Buffer | undefined;

/** The icon as ICO: one directory entry holding the PNG (read by browsers since IE 11 / Windows Vista). */
export function faviconIco(): Buffer {
  if (ico) return ico;
  const png = faviconPng();
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.set([SIZE, SIZE, 0, 0], 6); // width, height, no palette, reserved
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18); // offset of the image
  return (ico = Buffer.concat([header, png]));
}
