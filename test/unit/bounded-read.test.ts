/**
 * files/boundedRead.ts, the one bounded, confined read of the server, the CLI and the extension: regular files
 * only (checked on the opened descriptor), nothing over the limit, nothing whose real path leaves the folders.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileReadError, formatSize, isInside, READ_LIMITS, readBounded, readBoundedText, realPathOf } from '../../server/src/files/boundedRead';
import type { ReadFailure } from '../../server/src/files/boundedRead';

const dir = mkdtempSync(join(tmpdir(), 'wfs-bounded-read-'));
const ws = join(dir, 'ws');
mkdirSync(join(ws, 'docs'), { recursive: true });
writeFileSync(join(ws, 'docs', 'a.md'), '\ufeff# A\n');
writeFileSync(join(dir, 'secret.env'), 'TOKEN=1\n');
symlinkSync(join(ws, 'docs', 'a.md'), join(ws, 'alias.md'));
symlinkSync(join(dir, 'secret.env'), join(ws, 'leak.md'));
symlinkSync('/dev/zero', join(ws, 'zero.md'));
execFileSync('mkfifo', [join(ws, 'pipe.md')]);
const within = { roots: [ws], what: 'the workspace' };
const small = { bytes: 10, what: 'test files' };

function fails(read: () => unknown, reason: ReadFailure, message: string | RegExp): void {
  assert.throws(read, (e: unknown) => {
    assert.ok(e instanceof FileReadError, String(e));
    assert.equal(e.reason, reason);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
}

after(() => rmSync(dir, { recursive: true, force: true }));

describe('readBounded', () => {
  it('reads a regular file, and follows a symlink to one inside the folders', () => {
    assert.equal(readBoundedText(join(ws, 'docs', 'a.md'), READ_LIMITS.document, { within }), '# A\n', 'without the BOM');
    assert.equal(readBounded(join(ws, 'alias.md'), READ_LIMITS.document, { within }).toString(), '\ufeff# A\n');
  });

  it('refuses a symlink out of the folders before opening it, and names no content', () => {
    fails(() => readBounded(join(ws, 'leak.md'), READ_LIMITS.document, { within }), 'outside', 'the path resolves outside the workspace; it is not read');
    fails(() => readBounded(join(ws, '..', 'secret.env'), READ_LIMITS.document, { within }), 'outside', /outside the workspace/);
    fails(() => readBounded(join(ws, 'zero.md'), READ_LIMITS.document, { within }), 'outside', /outside the workspace/);
  });

  it('refuses devices, FIFOs and folders on the opened descriptor, without blocking', () => {
    fails(() => readBounded(join(ws, 'zero.md'), READ_LIMITS.document), 'not-a-file', 'not a regular file (a character device)');
    fails(() => readBounded(join(ws, 'pipe.md'), READ_LIMITS.document), 'not-a-file', 'not a regular file (a FIFO)');
    fails(() => readBounded(join(ws, 'pipe.md'), READ_LIMITS.document, { within }), 'not-a-file', 'not a regular file (a FIFO)');
    fails(() => readBounded(join(ws, 'docs'), READ_LIMITS.document), 'not-a-file', 'is a folder');
    fails(() => readBounded(join(ws, 'missing.md'), READ_LIMITS.document, { within }), 'missing', 'no such file');
  });

  it('refuses a symlink where none may be (noFollow), even to a file inside', () => {
    fails(() => readBounded(join(ws, 'alias.md'), READ_LIMITS.document, { noFollow: true }), 'not-a-file', 'not a regular file (a symbolic link)');
  });

  it('refuses a file over the limit instead of cutting it; a file at the limit is whole', () => {
    writeFileSync(join(ws, 'eleven.md'), '12345678901');
    fails(() => readBounded(join(ws, 'eleven.md'), small), 'too-large', '11 bytes, over the 10 bytes limit for test files');
    writeFileSync(join(ws, 'just-over.md'), 'x'.repeat(READ_LIMITS.config.bytes + 10));
    fails(() => readBounded(join(ws, 'just-over.md'), READ_LIMITS.config), 'too-large', '1000010 bytes, over the 1 MB limit for config files');
    writeFileSync(join(ws, 'ten.md'), '1234567890');
    assert.equal(readBounded(join(ws, 'ten.md'), small).toString(), '1234567890');
  });
});

describe('paths', () => {
  it('isInside: the folder itself and what is under it, `..x` names included; nothing above or beside', () => {
    assert.equal(isInside('/w', '/w'), true);
    assert.equal(isInside('/w', '/w/a/b.md'), true);
    assert.equal(isInside('/w', '/w/..x/b.md'), true);
    assert.equal(isInside('/w', '/w2/b.md'), false);
    assert.equal(isInside('/w', '/b.md'), false);
    assert.equal(isInside('/w/a', '/w'), false);
  });

  it('realPathOf: a path that does not exist yet is judged by its nearest existing folder', () => {
    symlinkSync(dir, join(ws, 'up'));
    assert.equal(realPathOf(join(ws, 'up', 'runs', 'x')), join(realPathOf(dir), 'runs', 'x'));
    assert.equal(isInside(realPathOf(ws), realPathOf(join(ws, 'up', 'runs'))), false);
    assert.equal(isInside(realPathOf(ws), realPathOf(join(ws, '.workflow-runs', 'deploy'))), true);
  });

  it('formatSize: decimal units, one decimal at most', () => {
    assert.deepEqual([formatSize(950), formatSize(12_345), formatSize(1_000_000), formatSize(5_400_000)], ['950 bytes', '12.3 kB', '1 MB', '5.4 MB']);
  });
});
