import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createProgress } from '../../src/commands/progress.js';

const execFileAsync = promisify(execFile);

describe('progress', () => {
  it('prints only the summary when the stream is not a terminal', () => {
    const stream = new PassThrough() as unknown as NodeJS.WriteStream;
    let out = '';
    (stream as unknown as PassThrough).on('data', (d: Buffer) => (out += d.toString()));
    const p = createProgress('validate', 3, { stream });
    p.tick();
    p.tick(2, 'file.ttl');
    p.stop('3 files checked');
    assert.equal(out, '3 files checked\n');
  });
});

describe('osce-kg --help', () => {
  const cli = fileURLToPath(new URL('../../src/cli.js', import.meta.url));
  const COMMANDS = ['dump', 'harvest', 'ingest', 'load', 'query', 'serve', 'validate'];
  // the CLI loads every module on start (seconds each on a busy machine): run all help calls at once
  const help = async (...args: string[]): Promise<string> => {
    const { stdout } = await execFileAsync(process.execPath, [cli, ...args, '--help'], { encoding: 'utf8', timeout: 60_000 });
    return stdout;
  };
  let root = '';
  const texts = new Map<string, string>();
  before(async () => {
    const all = await Promise.all([help(), ...COMMANDS.map((c) => help(c))]);
    root = all[0] ?? '';
    COMMANDS.forEach((c, i) => texts.set(c, all[i + 1] ?? ''));
  });

  it('lists every command with a real description, and examples', () => {
    const listed = [...root.matchAll(/^ {2}([a-z]+) .*$/gm)].map((m) => m[1] ?? '').filter((c) => c !== 'help');
    assert.deepEqual([...listed].sort(), COMMANDS);
    assert.doesNotMatch(root, /not implemented/i);
    assert.match(root, /^Examples:$/m);
  });

  it('gives every command a usage line, described options and examples', () => {
    for (const name of COMMANDS) {
      const text = texts.get(name) ?? '';
      assert.match(text, new RegExp(`^Usage: osce-kg ${name} `, 'm'), name);
      assert.doesNotMatch(text, /not implemented/i, name);
      assert.match(text, /^Examples:$/m, name);
      // every option line has a description after the flags
      for (const line of text.split('\n').filter((l) => /^ {2}-/.test(l))) assert.match(line, /^ {2}-\S.*\S {2,}\S/, `${name}: ${line}`);
    }
  });

  it('documents the write token and the URLs of the service under serve', () => {
    const text = texts.get('serve') ?? '';
    assert.match(text, /OSCE_KG_TOKEN/);
    for (const path of ['/sparql', '/query', '/api/queries', '/openapi.json', '/search?q=']) assert.ok(text.includes(path), path);
  });
});
