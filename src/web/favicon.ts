/**
 * The site's icon, drawn here rather than shipped as a binary: a 32×32 PNG (the accent blue of site.css, three white
 * linked nodes: a graph) inside an ICO container, which every browser reads at `/favicon.ico` (browsers ask for it
 * even for JSON and RDF answers, and log a 404 when it is missing). About 1 KB, built once per process.
 */
import { deflateSync } from 'node:zlib';

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

/** RGBA rows, each pixel the average of 4×4 samples (smooth edges). */
function pixels(): Buffer {
  const out = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    const row = y * (SIZE * 4 + 1);
    out[row] = 0; // PNG filter type None
    for (let x = 0; x < SIZE; x++) {
      let cover = 0;
      let white = 0;
      for (let i = 0; i < 16; i++) {
        const s = sample(x + ((i % 4) + 0.5) / 4, y + (Math.floor(i / 4) + 0.5) / 4);
        if (s.inside) cover++;
        if (s.inside && s.white) white++;
      }
      const w = cover === 0 ? 0 : white / cover;
      const p = row + 1 + x * 4;
      for (let c = 0; c < 3; c++) out[p + c] = Math.round(ACCENT[c]! * (1 - w) + 255 * w);
      out[p + 3] = Math.round((cover / 16) * 255);
    }
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** The icon as PNG (RFC 2083): 32×32, 8-bit RGBA. */
export function faviconPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, adaptive filtering, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(pixels(), { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
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
