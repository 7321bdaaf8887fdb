import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Iris } from '../../src/model/ns.js';
import { SharedChangeFeed } from '../../src/linked-data/shared-change-feed.js';
import type { KgStore, LoggedChange, SharedChangeLog } from '../../src/store/types.js';

const BASE = 'http://kg.test/';
const iris = new Iris(BASE);
const e = (key: string) => `${BASE}id/${key}`;

/** A change log in memory: what the remote store keeps in its state graph, and the version beside it. */
class MemoryLog implements SharedChangeLog {
  readonly log: LoggedChange[] = [];
  reads = 0;
  async entries(from: number, to: number): Promise<LoggedChange[]> {
    this.reads++;
    return this.log.filter((x) => x.version > from && x.version <= to);
  }
  async initialTime(): Promise<Date | undefined> {
    return this.log[0]?.time;
  }
  add(touched: string[], present: string[]): void {
    this.log.push({ version: this.log.length, time: new Date(Date.UTC(2026, 0, 1, 0, this.log.length)), touched, present });
  }
  store(): KgStore {
    return { version: async () => this.log.length - 1, changeLog: this } as unknown as KgStore;
  }
}

const summary = (feed: SharedChangeFeed) => feed.activities().map((a) => [a.version, a.type, a.entity.slice(BASE.length)]);

describe('shared change feed (read from the store-kept change log)', () => {
  test('version 0 lists every entity as created, sorted; later entries become Create, Update and Delete', async () => {
    const log = new MemoryLog();
    log.add([e('country/de'), e('country/at'), e('membership/at-participating#period')], [e('country/de'), e('country/at'), e('membership/at-participating#period')]);
    const feed = new SharedChangeFeed(log.store(), log, iris);
    await feed.start();
    assert.deepEqual(summary(feed), [[0, 'Create', 'id/country/at'], [0, 'Create', 'id/country/de'], [0, 'Create', 'id/membership/at-participating']]);

    log.add([e('person/x'), e('country/de')], [e('person/x'), e('country/de')]); // new person linking to a country
    log.add([e('person/x'), e('country/de'), e('person/never')], [e('country/de')]); // person removed; a link to nothing
    await feed.settled();
    assert.deepEqual(summary(feed).slice(3), [
      [1, 'Update', 'id/country/de'], [1, 'Create', 'id/person/x'],
      [2, 'Update', 'id/country/de'], [2, 'Delete', 'id/person/x'],
    ]);
    assert.equal(feed.lastModified(e('person/x')), '2026-01-01T00:02:00.000Z');
  });

  test('an entity whose touched hash IRI is still a subject stays present', async () => {
    const log = new MemoryLog();
    log.add([e('membership/m')], [e('membership/m')]);
    log.add([e('membership/m'), e('membership/m#period')], [e('membership/m#period')]);
    const feed = new SharedChangeFeed(log.store(), log, iris);
    await feed.start();
    assert.deepEqual(summary(feed), [[0, 'Create', 'id/membership/m'], [1, 'Update', 'id/membership/m']]);
  });

  test('a feed started later, and one that followed every step, hold the same activities; reads only new entries', async () => {
    const log = new MemoryLog();
    log.add([e('country/de')], [e('country/de')]);
    const early = new SharedChangeFeed(log.store(), log, iris);
    await early.start();
    for (let i = 0; i < 5; i++) {
      log.add([e(`person/p${i}`)], i % 2 ? [] : [e(`person/p${i}`)]);
      await early.settled();
    }
    log.add([e('person/p0')], []);
    const late = new SharedChangeFeed(log.store(), log, iris);
    await late.start();
    await early.settled();
    assert.deepEqual(late.activities(), early.activities());
    const reads = log.reads;
    await early.settled(); // nothing new: the log is not read again
    assert.equal(log.reads, reads);
  });

  test("an instance that read its own entry 0 before another instance's earlier one landed moves to the earliest at its next read", async () => {
    const log = new MemoryLog();
    log.add([e('country/at')], [e('country/at')]);
    const feed = new SharedChangeFeed(log.store(), log, iris);
    await feed.start();
    log.log[0] = { ...log.log[0]!, time: new Date(Date.UTC(2025, 11, 31)) }; // the other instance's, written earlier
    log.add([e('person/x')], [e('person/x')]);
    await feed.settled();
    assert.deepEqual(feed.activities().map((a) => [a.version, a.endTime]), [[0, '2025-12-31T00:00:00.000Z'], [1, '2026-01-01T00:01:00.000Z']]);
    assert.equal(feed.lastModified(e('country/at')), '2025-12-31T00:00:00.000Z');
  });
});
