import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { CommanderError } from 'commander';
import { createProgress } from '../../src/commands/progress.js';
import { createProgram } from '../../src/commands/program.js';

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
  /** A command's help as the program prints it, read in-process (as into a pipe: 80 columns, no colours). */
  const help = async (...args: string[]): Promise<string> => {
    let out = '';
    const argv = ['node', 'osce-kg', ...args, '--help'];
    const program = await createProgram(argv, {
      output: { writeOut: (s) => (out += s), writeErr: (s) => (out += s), getOutHelpWidth: () => 80, getErrHelpWidth: () => 80, getOutHasColors: () => false, getErrHasColors: () => false },
      exitOverride: true,
    });
    await assert.rejects(program.parseAsync(argv), (e: CommanderError) => e.code === 'commander.helpDisplayed' && e.exitCode === 0);
    return out;
  };
  let root = '';
  const texts = new Map<string, string>();
  before(async () => {
    // the one real process: the installed command's help as a user sees it (every command is loaded for it)
    const { stdout } = await execFileAsync(process.execPath, [cli, '--help'], { encoding: 'utf8', timeout: 60_000 });
    root = stdout;
    assert.equal(root, await help(), 'the help read in-process is the one the command prints');
    for (const c of COMMANDS) texts.set(c, await help(c));
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
