/**
 * The external-store backend (`--store sparql`): built from the service configuration.
 */
import type { Quad } from '@rdfjs/types';
import type { Config } from '../../config.js';
import { RemoteStore } from './remote-store.js';

export { RemoteStore, type RemoteStoreOptions } from './remote-store.js';

/**
 * A `KgStore` on the SPARQL store named by `--store-query` / `--store-update` (credentials from
 * OSCE_KG_STORE_USER / OSCE_KG_STORE_PASSWORD). `seed` gives the reference data for an empty store
 * (`() => loadReferenceQuads(config.base)`). Fails fast when an endpoint is missing.
 */
export function createRemoteStore(config: Readonly<Config>, seed?: () => Quad[] | Promise<Quad[]>): RemoteStore {
  if (!config.storeQuery) throw new Error('--store sparql needs --store-query URL (or OSCE_KG_STORE_QUERY)');
  const updateUrl = config.storeUpdate ?? config.storeQuery;
  for (const url of [config.storeQuery, updateUrl, ...(config.storeGsp ? [config.storeGsp] : [])]) {
    if (!/^https?:\/\//.test(url)) throw new Error(`store endpoint must be an http(s) URL, got "${url}"`);
  }
  return new RemoteStore({
    queryUrl: config.storeQuery,
    updateUrl,
    user: config.storeUser,
    password: config.storePassword,
    base: config.base,
    seed,
    defaultTimeoutMs: config.queryTimeoutMs,
    gspUrl: config.storeGsp,
  });
}
