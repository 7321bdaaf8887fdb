/**
 * The change feed of a store that keeps its own change log (the remote store): read from that log, not from a local
 * file, so every instance on the store, also one started later, serves the same activities in the same order (and so
 * the same `/changes` bodies and ETags). Each log entry lists the entity IRIs a version touched and those present after
 * it; the activity rules are those of the file-backed feed (change-feed.ts): an entity that exists after the change is
 * created if the feed did not know it, else updated; one that no longer exists is deleted if the feed knew it.
 *
 * Known limit: an entity counts as present when its own IRI or one of its hash IRIs that the change touched is the
 * subject of a triple; hash IRIs the change did not touch are not looked at.
 */
import type { Iris } from '../model/ns.js';
import type { KgStore, LoggedChange, SharedChangeLog } from '../store/types.js';
import { datasetActivity, documentEntity, type Activity, type ActivityType } from './change-feed.js';

export class SharedChangeFeed {
  private readonly items: Activity[] = [];
  private readonly live = new Set<string>();
  private readonly lastmod = new Map<string, string>();
  /** Last version read from the log (-1: nothing yet, not even the initial content). */
  private at = -1;
  private pulling: Promise<void> = Promise.resolve();

  constructor(private readonly store: KgStore, private readonly log: SharedChangeLog, private readonly iris: Iris) {}

  start(): Promise<void> {
    return this.settled();
  }

  async stop(): Promise<void> {
    await this.pulling.catch(() => undefined);
  }

  /** Reads the log up to the store's current version: resolves when the feed shows every committed change. */
  settled(): Promise<void> {
    const run = this.pulling.catch(() => undefined).then(() => this.pull());
    this.pulling = run;
    return run;
  }

  activities(): readonly Activity[] {
    return this.items;
  }

  lastModified(entity: string): string | undefined {
    return this.lastmod.get(entity);
  }

  private async pull(): Promise<void> {
    const version = await this.store.version();
    if (version <= this.at) return;
    if (this.at >= 0) await this.settleInitialTime();
    for (const entry of await this.log.entries(this.at, version)) this.apply(entry);
    this.at = version;
  }

  /**
   * Entry 0's time as every instance reads it in the end (the earliest written): an instance that read its own before
   * another instance's earlier one landed moves its version-0 activities to it, so all serve the same feed.
   */
  private async settleInitialTime(): Promise<void> {
    const first = this.items.find((a) => a.version === 0);
    const time = (await this.log.initialTime())?.toISOString();
    if (!first || time === undefined || time === first.endTime) return;
    const old = first.endTime;
    for (const a of this.items) if (a.version === 0) a.endTime = time;
    for (const [entity, at] of this.lastmod) if (at === old) this.lastmod.set(entity, time);
  }

  private apply(entry: LoggedChange): void {
    const present = new Set(entry.present.map((i) => documentEntity(i, this.iris)));
    const touched = new Set<string>();
    for (const iri of entry.touched) {
      const entity = documentEntity(iri, this.iris);
      if (entity) touched.add(entity);
    }
    const endTime = entry.time.toISOString();
    const dataset = datasetActivity(this.iris, touched.size, true, entry.version, endTime); // an entry is a committed version
    if (dataset) {
      this.items.push(dataset);
      this.lastmod.set(dataset.entity, endTime);
    }
    for (const entity of [...touched].sort()) {
      const exists = present.has(entity);
      const known = this.live.has(entity);
      const type: ActivityType | undefined = exists ? (known ? 'Update' : 'Create') : known ? 'Delete' : undefined;
      if (!type) continue;
      this.items.push({ type, entity, endTime, version: entry.version });
      this.lastmod.set(entity, endTime);
      if (type === 'Delete') this.live.delete(entity);
      else this.live.add(entity);
    }
  }
}
