/**
 * The server is not tied to VS Code: Neovim 0.7 (Debian's) drives it headless over stdio and receives the
 * `section.blank` diagnostic of a document with a blank section. The test reads nvim's output as it comes and
 * finishes as soon as the diagnostic line appears (no fixed sleep); the Lua script gives up after 20 s.
 * Needs `nvim` on the PATH (.ci/run installs it).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const SERVER = join(ROOT, 'dist', 'server.js');
const SCRIPT = join(__dirname, 'neovim-client.lua');

describe('Neovim as a language client', () => {
  let dir: string;

  before(() => {
    if (!existsSync(SERVER)) spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
    dir = mkdtempSync(join(tmpdir(), 'wfs-nvim-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('receives the diagnostic of a blank section', { timeout: 30_000 }, async () => {
    const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    assert.equal(version.error, undefined, 'nvim is not installed (apt-get install -y neovim)');
    assert.match(version.stdout, /^NVIM v0\.(\d+)/);

    const file = join(dir, 'deploy.md');
    writeFileSync(file, '# Deploy\n\n## Prerequisites\n\n- [ ] [Prerequisite 1]\n');
    const nvim = spawn('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${SCRIPT}`], {
      cwd: dir,
      env: { ...process.env, WFS_NODE: process.execPath, WFS_SERVER: SERVER, WFS_FILE: file, HOME: dir, XDG_STATE_HOME: dir, XDG_DATA_HOME: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    nvim.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    nvim.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => nvim.on('exit', resolve));
    assert.match(output, /WFS_ATTACHED/);
    assert.match(output, /WFS_DIAGNOSTIC section\.blank 2:3/, output);
    assert.equal(code, 0, output);
  });
});
