/**
 * Permalinks to queries (issue 22 point 12): a query's text stored once under the hash of its bytes, in
 * `{data-dir}/links/{id}.rq`, so the same query always gets the same short link and a link always opens the same
 * text. A link is written atomically and durably before it is given out (a temp file fsynced, renamed, the folder
 * fsynced): after a crash it is there whole or not at all. Anyone may make one, so their size and the folder's total
 * are capped.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors.js';

/** The shortest ID: 10 base64url characters, 60 bits of the SHA-256; longer only if two texts ever share a prefix. */
const ID_CHARS = 10;
export const LINK_ID = /^[A-Za-z0-9_-]{10,43}$/;

export interface PermalinkOptions {
  /** The folder of the links (created on first use). */
  dir: string;
  /** Largest query text, bytes. */
  maxQueryBytes: number;
  /** Largest total of all stored texts, bytes. */
  maxTotalBytes: number;
}

export class Permalinks {
  private total: Promise<number> | undefined;

  constructor(private readonly options: PermalinkOptions) {}

  /** Stores `text` (once) and gives its ID; `created` is false when it was already stored. */
  async save(text: string): Promise<{ id: string; created: boolean }> {
    const bytes = Buffer.from(text, 'utf8');
    if (bytes.byteLength > this.options.maxQueryBytes) {
      throw new AppError(413, 'QUERY_TOO_LARGE_FOR_LINK', `A query with a permalink may have at most ${this.options.maxQueryBytes} bytes; this one has ${bytes.byteLength}.`, { limit: this.options.maxQueryBytes });
    }
    const hash = createHash('sha256').update(bytes).digest('base64url');
    for (let length = ID_CHARS; length <= hash.length; length++) {
      const id = hash.slice(0, length);
      const stored = await this.read(id);
      if (stored === text) return { id, created: false };
      if (stored === undefined) {
        await this.write(id, bytes);
        return { id, created: true };
      }
    }
    throw new AppError(500, 'LINK_COLLISION', 'Another query has the same SHA-256.');
  }

  /** The text of a link, or undefined when there is none. */
  async read(id: string): Promise<string | undefined> {
    if (!LINK_ID.test(id)) return undefined;
    try {
      return await readFile(join(this.options.dir, `${id}.rq`), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  private async write(id: string, bytes: Buffer): Promise<void> {
    const { dir, maxTotalBytes } = this.options;
    await mkdir(dir, { recursive: true });
    const total = await (this.total ??= this.measure());
    if (total + bytes.byteLength > maxTotalBytes) {
      throw new AppError(507, 'LINK_STORE_FULL', `The permalinks take ${total} bytes of their limit of ${maxTotalBytes}: no new one can be made; the query still runs without one.`, { limit: maxTotalBytes });
    }
    this.total = Promise.resolve(total + bytes.byteLength);
    const tmp = join(dir, `.tmp-${randomBytes(6).toString('hex')}`);
    try {
      const file = await open(tmp, 'wx');
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(tmp, join(dir, `${id}.rq`));
      const folder = await open(dir, 'r');
      try {
        await folder.sync();
      } finally {
        await folder.close();
      }
    } catch (error) {
      this.total = undefined; // measured again next time
      await rm(tmp, { force: true });
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC' || code === 'EDQUOT') throw new AppError(507, 'STORAGE_FULL', 'The disk of the data directory is full: the permalink was not made; the query still runs without one.');
      throw error;
    }
  }

  /** The bytes the stored links take (temp files left by a crash are removed). */
  private async measure(): Promise<number> {
    let total = 0;
    for (const name of await readdir(this.options.dir)) {
      const path = join(this.options.dir, name);
      if (name.startsWith('.tmp-')) await rm(path, { force: true });
      else if (name.endsWith('.rq')) total += (await stat(path)).size;
    }
    return total;
  }
}
