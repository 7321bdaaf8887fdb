/**
 * What a page needs to know about the request it answers and that its renderer is not given: the public base (absolute
 * URLs in link-preview tags must not come from the Host header) and the request's path. Set for each request by the
 * app (app.ts), read by the page frame (layout.ts); unset when a page is rendered outside a request (then the tags
 * that need an absolute URL are left out).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface PageRequest {
  /** The configured base, ending in `/`. */
  base: string;
  /** The request's path, from `/`. */
  path: string;
}

export const pageRequest = new AsyncLocalStorage<PageRequest>();
