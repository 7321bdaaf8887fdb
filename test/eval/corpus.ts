/** Loading an evaluation corpus: `NNN-slug.txt|html` pages beside their `NNN-slug.expected.json`. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PATHS } from '../../src/model/paths.js';
import type { Expected } from './schema.js';

export interface Page {
  /** `NNN-slug`, the file name without extension. */
  id: string;
  /** The page number NNN. */
  number: number;
  file: string;
  text: string;
  expected: Expected;
}

export const CORPORA = {
  main: join(PATHS.fixtures, 'eval'),
  holdout: join(PATHS.fixtures, 'eval-holdout'),
} as const;

const PAGE_FILE = /^(\d{3})-[a-z0-9-]+\.(txt|html)$/;

/** Every page of a corpus folder (its `pages/`), in page-number order; a page without its expected.json is an error. */
export function loadCorpus(dir: string): Page[] {
  const pagesDir = join(dir, 'pages');
  const names = readdirSync(pagesDir).sort();
  const pages: Page[] = [];
  for (const name of names) {
    const m = PAGE_FILE.exec(name);
    if (!m) {
      if (!name.endsWith('.expected.json')) throw new Error(`${pagesDir}/${name}: not a page name (NNN-slug.txt|html)`);
      continue;
    }
    const id = name.slice(0, -(m[2] as string).length - 1);
    const expectedFile = join(pagesDir, `${id}.expected.json`);
    let expected: Expected;
    try {
      expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as Expected;
    } catch (e) {
      throw new Error(`${expectedFile}: ${(e as Error).message}`);
    }
    pages.push({ id, number: Number(m[1]), file: join(pagesDir, name), text: readFileSync(join(pagesDir, name), 'utf8'), expected });
  }
  const numbers = pages.map((p) => p.number);
  const twice = numbers.find((n, i) => numbers.indexOf(n) !== i);
  if (twice !== undefined) throw new Error(`${pagesDir}: page number ${twice} is used twice`);
  return pages;
}
