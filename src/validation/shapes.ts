/**
 * The project's SHACL shapes (shapes/*.ttl), parsed once. Shapes use absolute IRIs only, so they do not depend on
 * the base IRI.
 */
import { Store } from 'n3';
import type { DatasetCore } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { PATHS } from '../model/paths.js';
import { parseTurtleFile, turtleFiles } from '../model/reference.js';

let shapes: Store | undefined;

/** The shapes graph (cached for the process). */
export function loadShapes(): DatasetCore {
  shapes ??= new Store(
    turtleFiles(PATHS.shapes).flatMap((file) => parseTurtleFile(file, 'https://w3id.org/osce-kg/shapes', DataFactory.defaultGraph())),
  );
  return shapes;
}
