/**
 * The bash grammar from the built bundles: dist/server.js and dist/cli.js find the WASM files that the build copies
 * next to them, and report shell.syntax at its place in the document.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from './support/server-process';
import type { ServerProcess } from './support/server-process';

const TEXT = '# Drain\n\n## Steps\n\n### 1. Drain\n\n```bash\nif kubectl get node "$NODE"; then\n  kubectl drain "$NODE"\n```\n';
const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

describe('the bash grammar in the built server and CLI', () => {
  let server: ServerProcess;
  let workspace: string;

  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'wfs-shell-'));
    server = await startServer({ workspace });
  });
  after(() => {
    server?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('the server reports a shell syntax error on the first diagnostics of a document', async () => {
    const uri = pathToFileURL(join(workspace, 'drain.md')).toString();
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: TEXT } });
    const published = await server.waitForDiagnostics((p) => p.uri === uri && p.version === 1);
    const syntax = published.diagnostics.filter((d) => d.code === 'shell.syntax');
    assert.deepEqual(syntax.map((d) => d.range), [{ start: { line: 7, character: 0 }, end: { line: 7, character: 2 } }]);
  });

  it('the CLI reports it too', () => {
    const file = join(workspace, 'cli.md');
    writeFileSync(file, TEXT);
    const r = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', file], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.stderr, '');
    const report = JSON.parse(r.stdout) as { diagnostics: { ruleId: string; line: number; column: number }[] }[];
    const syntax = report.flatMap((f) => f.diagnostics).filter((d) => d.ruleId === 'shell.syntax');
    assert.deepEqual(syntax.map((d) => [d.line, d.column]), [[8, 1]]);
  });
});

describe('shellcheck and workspace trust in the built server', () => {
  const LOGS = '# Logs\n\n- Compress them:\n\n  ```bash\n  gzip $f\n  ```\n';
  let server: ServerProcess;
  let workspace: string;
  let bin: string;

  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'wfs-shellcheck-trust-'));
    writeFileSync(join(workspace, '.wfs.json'), '{ "shellcheck": true }');
    // A stand-in shellcheck that leaves a file behind when it runs and reports SC2086 on `$f`.
    bin = mkdtempSync(join(tmpdir(), 'wfs-shellcheck-bin-'));
    writeFileSync(
      join(bin, 'shellcheck'),
      `#!/bin/sh\ntouch "${bin}/ran"\ncat > /dev/null\necho '{"comments":[{"file":"-","line":1,"endLine":1,"column":6,"endColumn":8,"level":"info","code":2086,"message":"Double quote to prevent globbing and word splitting."}]}'\n`,
    );
    chmodSync(join(bin, 'shellcheck'), 0o755);
    server = await startServer({
      workspace,
      initializationOptions: { docsBase: 'file:///ext', workspaceTrusted: false },
      env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` },
    });
  });
  after(() => {
    server?.stop();
    rmSync(workspace, { recursive: true, force: true });
    rmSync(bin, { recursive: true, force: true });
  });

  it('does not run shellcheck for an untrusted workspace, whatever .wfs.json says, and runs it once trust is granted', async () => {
    const uri = pathToFileURL(join(workspace, 'logs.md')).toString();
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: LOGS } });
    const first = await server.waitForDiagnostics((p) => p.uri === uri && p.version === 1);
    assert.deepEqual(first.diagnostics.filter((d) => d.code === 'shell.shellcheck'), []);
    assert.equal(existsSync(join(bin, 'ran')), false, 'shellcheck ran for an untrusted workspace');

    await server.connection.sendNotification('workflow/workspaceTrust', { trusted: true });
    const trusted = await server.waitForDiagnostics((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'shell.shellcheck'));
    assert.deepEqual(
      trusted.diagnostics.filter((d) => d.code === 'shell.shellcheck').map((d) => d.range),
      [{ start: { line: 5, character: 7 }, end: { line: 5, character: 9 } }],
    );
    assert.equal(existsSync(join(bin, 'ran')), true);
  });
});
