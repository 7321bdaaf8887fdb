/** What an ingester's refusal says: its code and the line of its first problem, for tests of rejected pages. */
import assert from 'node:assert/strict';
import { isAppError } from '../../src/errors.js';

/** Runs `build`, which must refuse its page with an AppError; fails the test when it accepts. */
export function rejection(build: () => unknown): { code: string; line?: number } {
  try {
    build();
  } catch (e) {
    if (!isAppError(e)) throw e;
    const problems = (e.detail as { problems?: { line?: number }[] }).problems ?? [];
    return { code: e.code, ...(problems[0]?.line !== undefined ? { line: problems[0].line } : {}) };
  }
  assert.fail('accepted');
}
