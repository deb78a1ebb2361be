/**
 * Malformed LSP framing on stdin: the built server (dist/server.js --stdio) says what was wrong on stderr and
 * exits with code 1, with stdin still open (vscode-languageserver's reader used to report these to nobody and
 * wait for ever). The guard follows framing split at any byte, so a well-formed message sent one byte at a
 * time still gets its answer.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { FramingGuard, MAX_HEADER_BYTES } from '../../server/src/lsp/transport';
import { SERVER } from './support/server-process';

/** Starts the server, writes `input` and keeps stdin open; resolves on the process's 'exit' event. */
function feed(input: Buffer | string): Promise<{ code: number | null; stderr: string }> {
  assert.ok(existsSync(SERVER), 'dist/server.js is built (npm run build)');
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdout.resume();
  child.stdin.on('error', () => undefined);
  child.stdin.write(input);
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

// A guard only: each case ends in well under a second when the server exits as it should.
const GUARD = { timeout: 20_000 };

describe('malformed LSP framing on stdin', () => {
  const cases: [string, Buffer | string, RegExp][] = [
    ['a Content-Length that is not a number', 'Content-Length: abc\r\n\r\n{}', /Content-Length is not a number: "abc"/],
    ['a header line without a colon', 'garbage\r\n\r\n', /a header line without "name: value": "garbage"/],
    ['a header without Content-Length', 'Content-Type: text/plain\r\n\r\n{}', /a message header without Content-Length/],
    ['a header that never ends', 'x'.repeat(MAX_HEADER_BYTES + 100), /no end of the message header in 8192 bytes/],
    ['a Content-Length over the limit', 'Content-Length: 99999999999\r\n\r\n{', /Content-Length 99999999999 is over the \d+-byte limit/],
    ['a body that is not JSON', 'Content-Length: 5\r\n\r\n{oops', /malformed message on stdin/],
  ];
  for (const [name, input, reason] of cases) {
    it(`${name}: logged on stderr, exit code 1`, GUARD, async () => {
      const { code, stderr } = await feed(input);
      assert.equal(code, 1);
      assert.match(stderr, /^wfs language server: malformed message on stdin \(/);
      assert.match(stderr, reason);
    });
  }
});

describe('FramingGuard', () => {
  it('passes well-formed messages split at every byte, and refuses the first malformed header', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', method: 'x', params: { text: 'héllo\r\n\r\nContent-Length: 1' } });
    const message = `Content-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${body}`;
    const input = Buffer.from(message + message + 'Content-Length: x\r\n\r\n');
    const guard = new FramingGuard();
    const passed: Buffer[] = [];
    guard.on('data', (chunk: Buffer) => passed.push(chunk));
    const failed = new Promise<Error>((resolve) => guard.on('error', resolve));
    const source = new PassThrough();
    source.pipe(guard);
    for (let i = 0; i < input.length; i++) source.write(input.subarray(i, i + 1));
    const error = await failed;
    assert.match(error.message, /Content-Length is not a number: "x"/);
    assert.equal(Buffer.concat(passed).subarray(0, 2 * Buffer.byteLength(message)).toString(), message + message);
  });
});
