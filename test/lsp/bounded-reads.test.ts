/**
 * The built server reads only regular files inside the workspace, within their size limits: a `.wfs.json`
 * template outside the workspace is refused by its key and none of its lines comes back as a diagnostic; a
 * `.wfs.json` that is a FIFO or over its size limit is refused and the server keeps answering; a symlink that
 * arrives after the initial scan (a watched change) to a FIFO or to a workflow outside the workspace is skipped.
 * Without the checks the server blocks for ever opening the FIFO (and, on a symlink to /dev/zero, grows without
 * bound), so each test has a guard timeout.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol/node';
import { CatalogRequest } from '../../server/src/protocol';
import { startServer } from './support/server-process';
import type { ServerProcess } from './support/server-process';

const GUARD = { timeout: 30_000 };
const SECRET_TEMPLATE = '# Production\n\n## DB_PASSWORD=hunter2\n\n## API_TOKEN=s3cr3t\n';
const DOC = '# Deploy\n\n## Overview\n\nShips the api.\n\n## Steps\n\n### 1. Build\n\n```bash\nmake\n```\n';

describe('bounded, confined reads in the language server', () => {
  const servers: ServerProcess[] = [];
  const roots: string[] = [];

  /** A temporary folder holding `ws/` (the workspace) and whatever lies beside it. */
  function root(): string {
    const dir = mkdtempSync(join(tmpdir(), 'wfs-bounded-'));
    roots.push(dir);
    mkdirSync(join(dir, 'ws'));
    return dir;
  }

  async function start(workspace: string, watch = false): Promise<ServerProcess> {
    const server = await startServer({
      workspace,
      ...(watch ? { capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } } } : {}),
    });
    servers.push(server);
    return server;
  }

  async function openAndLint(server: ServerProcess, uri: string, text: string): Promise<string> {
    const published = server.waitForDiagnostics((p) => p.uri === uri);
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    return JSON.stringify((await published).diagnostics);
  }

  after(() => {
    for (const server of servers) server.stop();
    for (const dir of roots) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a template outside the workspace by its key, and none of its lines becomes a diagnostic', GUARD, async () => {
    const dir = root();
    mkdirSync(join(dir, 'secrets-outside'));
    writeFileSync(join(dir, 'secrets-outside', 'prod.env'), SECRET_TEMPLATE);
    writeFileSync(join(dir, 'ws', '.wfs.json'), JSON.stringify({ template: '../secrets-outside/prod.env' }));
    const server = await start(join(dir, 'ws'));
    const diagnostics = await openAndLint(server, pathToFileURL(join(dir, 'ws', 'deploy.md')).toString(), DOC);
    assert.doesNotMatch(diagnostics, /hunter2|s3cr3t|DB_PASSWORD|API_TOKEN/);
    const log = await server.waitForLog((m) => m.includes('"template"'));
    assert.match(log, /\.wfs\.json: "template": \.\.\/secrets-outside\/prod\.env: the path resolves outside the workspace; it is not read/);
    assert.doesNotMatch(server.logs.join('\n'), /hunter2|s3cr3t/);
  });

  it('refuses a .wfs.json that is a FIFO or too large, logs why, and keeps answering', GUARD, async () => {
    const fifo = root();
    execFileSync('mkfifo', [join(fifo, 'ws', '.wfs.json')]);
    const server = await start(join(fifo, 'ws'));
    await openAndLint(server, pathToFileURL(join(fifo, 'ws', 'deploy.md')).toString(), DOC);
    assert.match(await server.waitForLog((m) => m.includes('.wfs.json')), /cannot read .*\.wfs\.json: not a regular file \(a FIFO\)/);

    const big = root();
    writeFileSync(join(big, 'ws', '.wfs.json'), `{ "skills": [${'"x", '.repeat(250_000)}"y"] }`);
    const other = await start(join(big, 'ws'));
    await openAndLint(other, pathToFileURL(join(big, 'ws', 'deploy.md')).toString(), DOC);
    assert.match(await other.waitForLog((m) => m.includes('.wfs.json')), /cannot read .*\.wfs\.json: 1\.3 MB, over the 1 MB limit for config files/);
  });

  it('skips a watched symlink that arrives after the scan, to a FIFO or to a workflow outside the workspace', GUARD, async () => {
    const dir = root();
    const ws = join(dir, 'ws');
    writeFileSync(join(ws, 'deploy.md'), DOC);
    mkdirSync(join(dir, 'outside'));
    writeFileSync(join(dir, 'outside', 'secret.md'), '# Secret runbook of another project\n\n## Steps\n\n### 1. Leak\n\n```bash\nmake\n```\n');
    const server = await start(ws, true);
    const catalog = async (): Promise<string[]> => (await server.connection.sendRequest(CatalogRequest, {})).entries.map((e) => e.title ?? e.uri);
    assert.deepEqual(await catalog(), ['Deploy']);

    execFileSync('mkfifo', [join(ws, 'pipe')]);
    symlinkSync(join(ws, 'pipe'), join(ws, 'late.md'));
    symlinkSync(join(dir, 'outside', 'secret.md'), join(ws, 'leak.md'));
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [
        { uri: pathToFileURL(join(ws, 'late.md')).toString(), type: FileChangeType.Created },
        { uri: pathToFileURL(join(ws, 'leak.md')).toString(), type: FileChangeType.Created },
      ],
    });
    assert.deepEqual(await catalog(), ['Deploy']);
    const logs = server.logs.join('\n');
    assert.match(logs, /skipped .*late\.md: not a regular file \(a FIFO\)/);
    assert.match(logs, /skipped .*leak\.md: the path resolves outside the workspace; it is not read/);
  });
});
