/** Ingestion of OSCE press-release pages: the public entry points. */
export { buildRelease, hasReleaseMarks, ingestPage, referenceIndex, type BuildOptions, type BuiltRelease, type IngestResult } from './service.js';
export { seedReleaseQuads } from './seed.js';
export { parsePage } from './page.js';
export { extractRecord } from './extract.js';
export { releaseQuads } from './quads.js';
export { ingestUpdate } from './update.js';
export { releaseKey } from './keys.js';
export { ReferenceIndex, normalizeName } from './reference-index.js';
export type { ReleaseRecord, RawPage } from './types.js';
