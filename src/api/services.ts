/**
 * The research services of one application context, created once per store: the search index (built when the
 * research routes are mounted, i.e. at startup, and kept in step with writes) and the editor's completion terms.
 */
import type { AppContext } from '../context.js';
import type { KgStore } from '../store/types.js';
import { createSearchIndex, type SearchIndex } from './search-index.js';

const indexes = new WeakMap<KgStore, Promise<SearchIndex>>();

/** The search index of this context's store, building it on first use. */
export function searchIndexFor(ctx: Pick<AppContext, 'store' | 'iris'>): Promise<SearchIndex> {
  let index = indexes.get(ctx.store);
  if (!index) {
    index = createSearchIndex(ctx.store, ctx.iris);
    // A failed build is retried on the next request instead of being cached.
    index.catch(() => indexes.delete(ctx.store));
    indexes.set(ctx.store, index);
  }
  return index;
}
