/** A store seen through a proxy that counts its whole-store reads by kind (rows to the caller, or reduced in a worker). */
import type { KgStore } from '../../src/store/types.js';

export function countedReads(store: KgStore): { view: KgStore; calls: { select: number; selectReduced: number } } {
  const calls = { select: 0, selectReduced: 0 };
  const view = new Proxy(store, {
    get(target, name) {
      const value = Reflect.get(target, name, target) as unknown;
      if (typeof value !== 'function') return value;
      const bound = (value as (...a: unknown[]) => unknown).bind(target);
      return name === 'select' || name === 'selectReduced' ? (...args: unknown[]) => (calls[name]++, bound(...args)) : bound;
    },
  }) as KgStore;
  return { view, calls };
}
