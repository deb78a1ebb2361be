/**
 * The script files a step runs from (scripts.ts), run for real with bash through the ProcessExecutor: the same
 * wrapper and block the terminal gets. Checks the semantics the issue asks for: set -e (the first failing line
 * fails the block), heredocs and `python3 -c` quoting survive, the exit code is exact, the working folder is the
 * step's, Stop kills the process, and nothing is left behind in the temporary folder.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProcessExecutor } from '../../server/src/run/processExecutor';
import { createScriptFolder, readExitCode, stripTerminalSequences, writeScripts } from '../../server/src/run/scripts';
import { displayScript, runnableScript, substitute } from '../../server/src/run/variables';
import { masker } from '../../server/src/run/masking';
import { execFileSync } from 'node:child_process';

const signal = new AbortController().signal;

async function withExecutor<T>(body: (ex: ProcessExecutor, dir: string) => Promise<T>): Promise<T> {
  const ex = new ProcessExecutor();
  const dir = mkdtempSync(join(tmpdir(), 'wfs-scripts-test-'));
  try {
    return await body(ex, dir);
  } finally {
    ex.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('step scripts', () => {
  it('reports the exact exit code, and 0 for success', () =>
    withExecutor(async (ex) => {
      assert.equal((await ex.run('exit 3', { signal })).exitCode, 3);
      assert.equal((await ex.run('true', { signal })).exitCode, 0);
    }));

  it('fails on the first failing line (set -e), not the last line', () =>
    withExecutor(async (ex, dir) => {
      const r = await ex.run(`false\ntouch '${dir}/after'`, { signal });
      assert.notEqual(r.exitCode, 0);
      assert.equal(existsSync(join(dir, 'after')), false, 'the line after the failing one did not run');
    }));

  it('runs a heredoc and python3 -c with nested quotes as written', () =>
    withExecutor(async (ex, dir) => {
      const code = [
        `cat > '${dir}/heredoc.txt' <<'EOF'`,
        'line with $HOME and `backticks` kept literal',
        'EOF',
        `python3 -c "import sys; open('${dir}/py.txt','w').write('it' + \\"'s\\" + ' fine')"`,
      ].join('\n');
      const r = await ex.run(code, { signal });
      assert.equal(r.exitCode, 0, r.output);
      assert.equal(readFileSync(join(dir, 'heredoc.txt'), 'utf8'), 'line with $HOME and `backticks` kept literal\n');
      assert.equal(readFileSync(join(dir, 'py.txt'), 'utf8'), "it's fine");
    }));

  it('runs in the step working folder', () =>
    withExecutor(async (ex, dir) => {
      assert.equal((await ex.run('pwd > where.txt', { signal, cwd: dir })).exitCode, 0);
      assert.equal(readFileSync(join(dir, 'where.txt'), 'utf8').trim(), dir);
      assert.notEqual((await ex.run('true', { signal, cwd: join(dir, 'missing') })).exitCode, 0, 'a missing folder fails the step');
    }));

  it('runs a substituted hostile value as a literal', () =>
    withExecutor(async (ex, dir) => {
      const code = runnableScript(substitute(`printf '%s' <VALUE> > '${dir}/value.txt'`, new Map([['VALUE', "'; touch pwned; '"]])));
      assert.equal((await ex.run(code, { signal, cwd: dir })).exitCode, 0);
      assert.equal(readFileSync(join(dir, 'value.txt'), 'utf8'), "'; touch pwned; '");
      assert.equal(existsSync(join(dir, 'pwned')), false);
    }));

  it('is killed when the run is stopped', () =>
    withExecutor(async (ex, dir) => {
      const stop = new AbortController();
      const started = ex.run(`touch '${dir}/started'\nsleep 30\ntouch '${dir}/finished'`, { signal: stop.signal });
      // Wait for the block to have started (an event: the file appears), then stop it.
      while (!existsSync(join(dir, 'started'))) await new Promise((r) => setImmediate(r));
      stop.abort();
      const r = await started;
      assert.notEqual(r.exitCode, 0);
      assert.equal(existsSync(join(dir, 'finished')), false);
    }));

  it('deletes the block (which may hold substituted secrets) before running it', () =>
    withExecutor(async (ex, dir) => {
      const folder = (ex as unknown as { folder: string }).folder;
      assert.equal((await ex.run(`ls '${folder}' > '${dir}/listing.txt'`, { signal })).exitCode, 0);
      const listing = readFileSync(join(dir, 'listing.txt'), 'utf8').split('\n').filter(Boolean);
      assert.deepEqual(listing.filter((f) => /^\d+\.sh$/.test(f)), [], `only the wrapper is there: ${listing.join(', ')}`);
    }));

  it('writes private files and removes them after each execution', () =>
    withExecutor(async (ex) => {
      await ex.run('true', { signal });
      const folder = (ex as unknown as { folder: string }).folder;
      assert.deepEqual(readdirSync(folder), []);
    }));

  it('writes the exit code only once complete, readable by the terminal executor', () => {
    const folder = createScriptFolder();
    try {
      const files = writeScripts(folder, 1, 'exit 4', undefined);
      assert.equal(readExitCode(files), undefined);
      assert.match(files.commandLine, /^ bash '.*1\.wrap\.sh'$/);
      assert.equal(readFileSync(files.script, 'utf8'), 'exit 4\n');
      assert.equal(0o777 & statSync(files.script).mode, 0o600);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("prints which step runs and its commands as logged (the terminal's view), never the script that sets the values", () => {
    const folder = createScriptFolder();
    try {
      const resolved = substitute('echo "$X" <TOKEN>', new Map([['TOKEN', 'hunter2-secret']]));
      const files = writeScripts(folder, 1, runnableScript(resolved), undefined, "Step 2: Deploy 'api'\n$(touch x)", masker(['hunter2-secret'])(displayScript(resolved)));
      const out = execFileSync('bash', [files.wrapper], { encoding: 'utf8', env: { ...process.env, X: 'x' } });
      assert.equal(
        stripTerminalSequences(out),
        "# Step 2: Deploy 'api' $(touch x)\n__wfs_TOKEN=***\necho \"$X\" \"${__wfs_TOKEN}\"\nx hunter2-secret\n",
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('the process executor (wfs run) prints no label: the CLI shows the run itself', () =>
    withExecutor(async (ex) => {
      const r = await ex.run('echo from-the-block', { signal, label: 'Step 2: Deploy', display: 'echo from-the-block' });
      assert.equal(r.exitCode, 0);
      assert.equal(r.output, 'from-the-block\n');
    }));

  it('strips shell integration and colour sequences from output', () => {
    assert.equal(stripTerminalSequences('\x1b]633;C\x07hello \x1b[31mred\x1b[0m\r\n\x1b]633;D;0\x07'), 'hello red\r\n');
  });
});
