import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Walks up from this module to the folder that holds package.json: the same from any build folder (dist/, dist-NAME/). */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('osce-kg: cannot find the package root');
    dir = parent;
  }
  return dir;
}

/** Absolute folders of the package's data files. */
export const ROOT = findRoot();
export const PATHS = Object.freeze({
  root: ROOT,
  ontology: join(ROOT, 'ontology'),
  data: join(ROOT, 'data'),
  pages: join(ROOT, 'data', 'pages'),
  shapes: join(ROOT, 'shapes'),
  queries: join(ROOT, 'queries'),
  vendor: join(ROOT, 'vendor'),
  fixtures: join(ROOT, 'test', 'fixtures'),
});
