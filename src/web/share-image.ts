/**
 * The default image of every page for link previews (Open Graph, Twitter cards) and of the releases' structured data:
 * 1200×630 (the size those previews and Google's Article guidance ask for: at least 1200 px wide, 1.91:1), drawn
 * here: the site's accent blue, and a network of white and light-blue nodes, the graph. Built once per process,
 * on first use (0.7 s on the loaded 2-core VM), 30.5 KB.
 */
import { SHARE_IMAGE } from '../model/site-images.js';
import { encodePng } from './png.js';

export { SHARE_IMAGE };

const ACCENT = [0x0b, 0x5c, 0xad] as const;
const LIGHT = [0x9c, 0xc3, 0xea] as const;
const WHITE = [0xff, 0xff, 0xff] as const;
/** Nodes: x, y, radius, light (else white). */
const NODES: ReadonlyArray<readonly [number, number, number, boolean]> = [
  [600, 315, 46, false], [380, 170, 30, true], [820, 150, 34, false], [930, 400, 28, true], [700, 520, 32, false],
  [420, 470, 36, false], [230, 330, 24, true], [1050, 220, 22, false], [160, 120, 18, false], [1080, 540, 20, true],
  [520, 90, 16, false], [300, 590, 18, true],
];
const EDGES: ReadonlyArray<readonly [number, number]> = [
  [0, 1], [0, 2], [0, 3], [0, 4], [0, 5], [1, 6], [1, 10], [2, 7], [2, 3], [3, 9], [4, 5], [5, 6], [6, 8], [1, 8], [4, 9], [5, 11], [2, 10], [3, 7],
];
const EDGE_WIDTH = 7;

function distanceToSegment(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/** Coverage of a shape at distance `d` from its edge (negative inside): one pixel of smooth falloff. */
const coverage = (d: number) => (d <= -0.5 ? 1 : d >= 0.5 ? 0 : 0.5 - d);

/** Each edge with its bounding box grown by the stroke: most pixels are far from most shapes. */
const SEGMENTS = EDGES.map(([a, b]) => {
  const [ax, ay] = NODES[a]!;
  const [bx, by] = NODES[b]!;
  const pad = EDGE_WIDTH / 2 + 1;
  return { ax, ay, bx, by, minX: Math.min(ax, bx) - pad, maxX: Math.max(ax, bx) + pad, minY: Math.min(ay, by) - pad, maxY: Math.max(ay, by) + pad };
});

const out = [0, 0, 0, 255];

function pixel(px: number, py: number): number[] {
  const x = px + 0.5;
  const y = py + 0.5;
  let edge = 0;
  for (const s of SEGMENTS) {
    if (x < s.minX || x > s.maxX || y < s.minY || y > s.maxY) continue;
    edge = Math.max(edge, coverage(distanceToSegment(x, y, s.ax, s.ay, s.bx, s.by) - EDGE_WIDTH / 2));
  }
  const e = edge * 0.8;
  let r = ACCENT[0] + (LIGHT[0] - ACCENT[0]) * e;
  let g = ACCENT[1] + (LIGHT[1] - ACCENT[1]) * e;
  let b = ACCENT[2] + (LIGHT[2] - ACCENT[2]) * e;
  for (const [nx, ny, radius, light] of NODES) {
    if (Math.abs(x - nx) > radius + 1 || Math.abs(y - ny) > radius + 1) continue;
    const c = coverage(Math.hypot(x - nx, y - ny) - radius);
    const fill = light ? LIGHT : WHITE;
    r += (fill[0] - r) * c;
    g += (fill[1] - g) * c;
    b += (fill[2] - b) * c;
  }
  out[0] = Math.round(r);
  out[1] = Math.round(g);
  out[2] = Math.round(b);
  return out;
}

let png: Buffer | undefined;

export function shareImagePng(): Buffer {
  return (png ??= encodePng(SHARE_IMAGE.width, SHARE_IMAGE.height, pixel));
}
