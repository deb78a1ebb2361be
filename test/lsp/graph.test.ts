/**
 * `workflow/graph` over the protocol with the built server: the graph of an open YAML definition with the findings
 * the editor shows, its layout and ranges; an edit gives the new graph; the Mermaid and SVG texts are `wfs graph`'s.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GraphRequest } from '../../server/src/protocol';
import { runCli, type CliIo } from '../../server/src/cli/main';
import { startServer } from './support/server-process';
import type { ServerProcess } from './support/server-process';

const GUARD = { timeout: 30_000 };
const ROOT = join(__dirname, '..', '..');
const FILE = 'examples/workflows/nightly-report.workflow.yaml';

function cli(args: string[]): string {
  const out: string[] = [];
  const io: CliIo = { cwd: ROOT, env: {}, stdoutIsTTY: false, stdout: (s) => void out.push(s), stderr: () => undefined };
  assert.equal(runCli(args, io), 0);
  return out.join('');
}

describe('workflow/graph over the protocol', () => {
  const servers: ServerProcess[] = [];
  const roots: string[] = [];
  after(() => {
    for (const server of servers) server.stop();
    for (const dir of roots) rmSync(dir, { recursive: true, force: true });
  });

  it('answers with the graph, its findings, layout and ranges, follows an edit, and writes what wfs graph writes', GUARD, async () => {
    const ws = mkdtempSync(join(tmpdir(), 'wfs-graph-lsp-'));
    roots.push(ws);
    const server = await startServer({ workspace: ws });
    servers.push(server);
    const text = readFileSync(join(ROOT, FILE), 'utf8');
    const uri = pathToFileURL(join(ws, 'nightly-report.workflow.yaml')).toString();
    const opened = server.waitForDiagnostics((p) => p.uri === uri && p.version === 1);
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    await opened;

    const graph = await server.connection.sendRequest(GraphRequest, { textDocument: { uri } });
    assert.ok(graph);
    assert.equal(graph.version, 1);
    assert.equal(graph.shape, 'routes');
    const archive = graph.nodes.find((n) => n.id === 's4')!;
    assert.equal(archive.flags[0].code, 'yaml.unreachable-step');
    const line = text.split('\n').findIndex((l) => l.includes('name: "archive"'));
    assert.equal(archive.range?.start.line, line);
    assert.ok(archive.extent && archive.extent.start.line <= line && line <= archive.extent.end.line);
    assert.deepEqual(graph.layout.nodes.map((n) => n.id), graph.nodes.map((n) => n.id));
    assert.equal(graph.text, undefined);

    // An edit: the archive step gets a route to it, and the next answer is of version 2, without the finding.
    const edited = text.replace('      success: "end"', '      success: "archive"');
    const changed = server.waitForDiagnostics((p) => p.uri === uri && p.version === 2);
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: edited }] });
    await changed;
    const after2 = await server.connection.sendRequest(GraphRequest, { textDocument: { uri } });
    assert.equal(after2?.version, 2);
    assert.deepEqual(after2?.nodes.find((n) => n.id === 's4')?.flags, []);
    assert.ok(after2?.edges.some((e) => e.from === 's3' && e.to === 's4' && e.label === 'success'));

    // The texts of the toolbar's Copy as Mermaid and Export as SVG are wfs graph's, for the same text.
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text }] });
    const mermaid = await server.connection.sendRequest(GraphRequest, { textDocument: { uri }, format: 'mermaid' });
    assert.equal(mermaid?.text, cli(['graph', FILE]));
    const svg = await server.connection.sendRequest(GraphRequest, { textDocument: { uri }, format: 'svg' });
    assert.equal(svg?.text, cli(['graph', FILE, '--format', 'svg']));
  });
});
