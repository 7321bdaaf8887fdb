/**
 * A small locator map drawn on the server as inline SVG: the country outlines of Natural Earth (1:50m, the world-atlas
 * package's TopoJSON, decoded with topojson-client), a highlighted country and a marked point. No tile server, no
 * CDN, no script: the page works offline and under the site's strict Content-Security-Policy. The projection is
 * equirectangular, horizontally scaled by the cosine of the frame's middle latitude (so a country near 50° N is not
 * twice as wide as it is), which keeps the map a linear function of longitude and latitude: what the frame's
 * `data-west/east/north/south` attributes state. docs/decisions/0014-coordinates-and-maps.md.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { Topology, GeometryObject } from 'topojson-specification';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { iso31661 } from 'iso-3166';

export const MAP_WIDTH = 480;
export const MAP_HEIGHT = 300;

export interface MapPoint {
  lat: number;
  long: number;
  label: string;
}

export interface MapInput {
  /** ISO 3166-1 alpha-2 code, or `kosovo` (Natural Earth draws it without an ISO code). */
  country?: string;
  countryLabel?: string;
  point?: MapPoint;
}

interface Shape {
  id: string;
  name: string;
  rings: Position[][];
  /** Of the whole shape (what a frame may show of it) and of its home part (what frames it). */
  bbox: Box;
  home: Box;
}

let shapes: Shape[] | undefined;

function ringsOf(geometry: Geometry | null): Position[][] {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return geometry.coordinates;
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.flat();
  return [];
}

type Box = [number, number, number, number];

/**
 * The bounding box [west, south, east, north] of points; a shape across the antimeridian (Russia, the United States,
 * Fiji) is boxed on the side of the most points, so its frame is not the whole world.
 */
function boxOfPoints(points: readonly Position[]): Box {
  const east = points.filter((p) => p[0]! >= 0).length;
  const side = east * 2 >= points.length ? (lon: number) => lon >= 0 : (lon: number) => lon < 0;
  const kept = points.filter((p) => side(p[0]!));
  const lons = kept.map((p) => p[0]!);
  const lats = kept.map((p) => p[1]!);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

const area = ([w, s, e, n]: Box) => (e - w) * (n - s);
const gap = (a: Box, b: Box) => Math.max(b[0] - a[2], a[0] - b[2], b[1] - a[3], a[1] - b[3], 0);
const union = (a: Box, b: Box): Box => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];

/**
 * The box a map of the country frames: its largest part and the parts within 8 degrees of what is kept (Svalbard with
 * Norway, Alaska with the United States), not overseas territories (French Guiana, Réunion), which would shrink the
 * country to a dot.
 */
function homeBox(rings: readonly Position[][]): Box {
  const boxes = rings.filter((r) => r.length > 0).map((r) => boxOfPoints(r)).sort((a, b) => area(b) - area(a));
  let box = boxes[0] ?? boxOfPoints(rings.flat());
  for (let added = true; added; ) {
    added = false;
    for (const b of boxes) {
      const grown = gap(box, b) <= 8 ? union(box, b) : box;
      if (grown !== box && area(grown) > area(box)) [box, added] = [grown, true];
    }
  }
  return box;
}

/** The outlines, read once (about 750 KB of TopoJSON) on the first map drawn. */
function countryShapes(): Shape[] {
  if (shapes) return shapes;
  const require = createRequire(import.meta.url);
  const topology = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8')) as Topology;
  const collection = feature(topology, topology.objects.countries as GeometryObject) as FeatureCollection;
  shapes = collection.features.map((f: Feature) => {
    const rings = ringsOf(f.geometry);
    const name = String((f.properties as { name?: string } | null)?.name ?? '');
    return { id: f.id === undefined ? `name:${name}` : String(f.id), name, rings, bbox: boxOfPoints(rings.flat()), home: homeBox(rings) };
  });
  return shapes;
}

const NUMERIC = new Map(iso31661.map((c) => [c.alpha2, c.numeric]));
/**
 * Outlines of one country: Natural Earth draws some de facto entities apart; the OSCE's participating State is the
 * whole country (Cyprus with the north of the island).
 */
const ALSO: Record<string, string[]> = { '196': ['name:N. Cyprus'] };

/** The Natural Earth shapes of a country by ISO alpha-2 code (`kosovo` for Kosovo); empty when it has none. */
export function shapesOf(country: string): Shape[] {
  const id = country === 'kosovo' ? 'name:Kosovo' : NUMERIC.get(country.toUpperCase());
  if (!id) return [];
  const ids = new Set([id, ...(ALSO[id] ?? [])]);
  return countryShapes().filter((s) => ids.has(s.id));
}

export interface Frame {
  west: number;
  east: number;
  north: number;
  south: number;
}

/** The smallest frame of the map's proportions around a box, with a margin, at least `minSpan` degrees of latitude. */
export function frameAround(box: Box, minSpan = 6): Frame {
  const [w, s, e, n] = box;
  const midLat = Math.max(-80, Math.min(80, (s + n) / 2));
  const cos = Math.cos((midLat * Math.PI) / 180);
  // in projected degrees (longitude scaled by cos), with 15 % margin on each side
  let spanY = Math.max((n - s) * 1.3, minSpan);
  let spanX = (e - w) * cos * 1.3;
  if (spanX / spanY < MAP_WIDTH / MAP_HEIGHT) spanX = (spanY * MAP_WIDTH) / MAP_HEIGHT;
  else spanY = (spanX * MAP_HEIGHT) / MAP_WIDTH;
  const midLon = (w + e) / 2;
  // the frame stays on the globe: a country near a pole is framed from the pole down
  const middle = Math.max(-90 + spanY / 2, Math.min(90 - spanY / 2, midLat));
  return { west: midLon - spanX / cos / 2, east: midLon + spanX / cos / 2, south: middle - spanY / 2, north: middle + spanY / 2 };
}

function project(frame: Frame, lon: number, lat: number): [number, number] {
  return [((lon - frame.west) / (frame.east - frame.west)) * MAP_WIDTH, ((frame.north - lat) / (frame.north - frame.south)) * MAP_HEIGHT];
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Sutherland-Hodgman: the part of a closed ring inside one half-plane, so a filled shape stays filled in the frame. */
function clipEdge(ring: Array<[number, number]>, inside: (p: [number, number]) => boolean, cut: (a: [number, number], b: [number, number]) => [number, number]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < ring.length; i++) {
    const current = ring[i]!;
    const previous = ring[(i + ring.length - 1) % ring.length]!;
    if (inside(current)) {
      if (!inside(previous)) out.push(cut(previous, current));
      out.push(current);
    } else if (inside(previous)) out.push(cut(previous, current));
  }
  return out;
}

/** A projected ring clipped to the map with a pixel of margin. */
function clip(ring: Array<[number, number]>): Array<[number, number]> {
  const [x0, y0, x1, y1] = [-1, -1, MAP_WIDTH + 1, MAP_HEIGHT + 1];
  const atX = (x: number) => (a: [number, number], b: [number, number]): [number, number] => [x, a[1] + ((b[1] - a[1]) * (x - a[0])) / (b[0] - a[0])];
  const atY = (y: number) => (a: [number, number], b: [number, number]): [number, number] => [a[0] + ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]), y];
  let r = clipEdge(ring, (p) => p[0] >= x0, atX(x0));
  r = clipEdge(r, (p) => p[0] <= x1, atX(x1));
  r = clipEdge(r, (p) => p[1] >= y0, atY(y0));
  return clipEdge(r, (p) => p[1] <= y1, atY(y1));
}

/**
 * A ring made continuous across the antimeridian (a step of more than 180 degrees is the same step the short way
 * round: Chukotka stays whole) and moved, whole, to the turn of the globe nearest the frame's middle.
 */
function unwrap(ring: readonly Position[], center: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let shift = 0;
  for (let i = 0; i < ring.length; i++) {
    const lon = ring[i]![0]!;
    if (i > 0) {
      const step = lon + shift - out[i - 1]![0];
      if (step > 180) shift -= 360;
      else if (step < -180) shift += 360;
    }
    out.push([lon + shift, ring[i]![1]!]);
  }
  const mean = out.reduce((sum, p) => sum + p[0], 0) / Math.max(out.length, 1);
  const turn = 360 * Math.round((center - mean) / 360);
  return turn === 0 ? out : out.map(([x, y]) => [x + turn, y]);
}

/** An SVG path of rings, clipped to the frame, points closer than a pixel to the last one dropped (not visible). */
function pathOf(frame: Frame, rings: readonly Position[][]): string {
  const parts: string[] = [];
  const center = (frame.west + frame.east) / 2;
  for (const ring of rings) {
    const near = unwrap(ring, center);
    const lons = near.map((p) => p[0]);
    const lats = near.map((p) => p[1]);
    if (!overlaps(frame, [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)])) continue;
    let last: [number, number] | undefined;
    const out: string[] = [];
    for (const [x, y] of clip(near.map((p) => project(frame, p[0], p[1])))) {
      if (last && Math.abs(x - last[0]) < 1 && Math.abs(y - last[1]) < 1) continue;
      out.push(`${round(x)} ${round(y)}`);
      last = [x, y];
    }
    if (out.length > 2) parts.push(`M${out.join('L')}Z`);
  }
  return parts.join('');
}

function overlaps(frame: Frame, [w, s, e, n]: Box): boolean {
  return e >= frame.west && w <= frame.east && n >= frame.south && s <= frame.north;
}

/** Whether a shape may show in the frame, on this turn of the globe or the next (Alaska beside Chukotka). */
function mayShow(frame: Frame, [w, s, e, n]: Box): boolean {
  return [-360, 0, 360].some((shift) => overlaps(frame, [w + shift, s, e + shift, n]));
}

const escapeXml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const degrees = (v: number, pos: string, neg: string) => `${Math.abs(v).toFixed(4)}° ${v >= 0 ? pos : neg}`;

/** A sentence saying what the map shows, for its title and the figure's caption. */
export function mapDescription(input: MapInput): string {
  const where = input.point ? `${input.point.label} (${degrees(input.point.lat, 'N', 'S')}, ${degrees(input.point.long, 'E', 'W')})` : undefined;
  if (where && input.countryLabel) return `${where}, marked on a map of ${input.countryLabel}.`;
  if (where) return `${where}, marked on a map of its region.`;
  return `Map of ${input.countryLabel ?? 'the country'}, its outline highlighted.`;
}

/** The map as an SVG element, or undefined when there is nothing to place (no point, no known outline). */
export function renderMap(input: MapInput): string | undefined {
  const highlighted = input.country ? shapesOf(input.country) : [];
  const boxes = highlighted.map((s) => s.home);
  if (input.point) boxes.push([input.point.long, input.point.lat, input.point.long, input.point.lat]);
  if (boxes.length === 0) return undefined;
  const box: Box = [
    Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3])),
  ];
  const frame = frameAround(box);
  const ids = new Set(highlighted.map((s) => s.id));
  const land = countryShapes().filter((s) => !ids.has(s.id) && mayShow(frame, s.bbox));
  const title = mapDescription(input);
  const marker = input.point ? project(frame, input.point.long, input.point.lat) : undefined;
  const f = (n: number) => n.toFixed(4);
  return `<svg xmlns="http://www.w3.org/2000/svg" class="map" role="img" aria-labelledby="map-title" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}" width="${MAP_WIDTH}" height="${MAP_HEIGHT}" data-west="${f(frame.west)}" data-east="${f(frame.east)}" data-north="${f(frame.north)}" data-south="${f(frame.south)}">
<title id="map-title">${escapeXml(title)}</title>
<rect width="${MAP_WIDTH}" height="${MAP_HEIGHT}" fill="#dbe9f4"/>
<path d="${land.map((s) => pathOf(frame, s.rings)).join('')}" fill="#f4f1ea" stroke="#9a9a9a" stroke-width="0.5"/>
${highlighted.length > 0 ? `<path class="country" data-country="${escapeXml(input.country ?? '')}" d="${pathOf(frame, highlighted.flatMap((s) => s.rings))}" fill="#f2d49b" stroke="#8a6d3b" stroke-width="0.8"/>` : ''}
${marker ? `<circle class="marker" cx="${round(marker[0])}" cy="${round(marker[1])}" r="5" fill="#c0392b" stroke="#fff" stroke-width="1.5"/>` : ''}
</svg>`;
}
