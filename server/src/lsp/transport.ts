/**
 * The server's connection. Over IPC (VS Code) it is vscode-languageserver's own. Over stdio (`--stdio`, other
 * editors) the input goes through a framing guard first: vscode-jsonrpc reports a malformed header or body to
 * an error event nobody listens to, and buffers header bytes without end while it waits for the blank line, so
 * garbage on stdin used to leave the server alive, silent and growing. Here a malformed message is logged (on
 * stderr, and to the client while the output still works) and the server exits with code 1; the client may
 * start it again. The end of stdin ends the server as vscode-languageserver does (0 after `shutdown`, else 1).
 */
import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { format } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import type { Connection } from 'vscode-languageserver/node';

/** The header block of a real client is under 100 bytes. */
export const MAX_HEADER_BYTES = 8 * 1024;
/**
 * The largest message: a document of the size `wfs lint` reads (8 MB), JSON-escaped up to six bytes a
 * character, with room to spare.
 */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

const BLANK_LINE = Buffer.from('\r\n\r\n');

/**
 * Passes every byte through at once and follows the framing beside the reader: `Content-Length: n` headers
 * (each line `name: value`), a blank line, n bytes of body. A header block that never ends, a header line
 * without a colon, a missing or non-numeric Content-Length, or one over the limit destroys the stream with an
 * error that says which.
 */
export class FramingGuard extends Transform {
  private header: Buffer = Buffer.alloc(0);
  /** Body bytes still to pass before the next header; -1 while in a header. */
  private bodyLeft = -1;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      this.follow(chunk);
    } catch (e) {
      done(e as Error);
      return;
    }
    done(null, chunk);
  }

  private follow(chunk: Buffer): void {
    let rest = chunk;
    while (rest.length > 0) {
      if (this.bodyLeft >= 0) {
        const n = Math.min(this.bodyLeft, rest.length);
        this.bodyLeft -= n;
        rest = rest.subarray(n);
        if (this.bodyLeft === 0) this.bodyLeft = -1;
        continue;
      }
      // The blank line may straddle two chunks: search the header so far (a few bytes over the limit at most).
      const seen = this.header.length;
      this.header = Buffer.concat([this.header, rest.subarray(0, MAX_HEADER_BYTES + BLANK_LINE.length - seen)]);
      const end = this.header.indexOf(BLANK_LINE);
      if (end < 0) {
        if (this.header.length > MAX_HEADER_BYTES) throw new Error(`no end of the message header in ${MAX_HEADER_BYTES} bytes`);
        return;
      }
      this.bodyLeft = contentLength(this.header.subarray(0, end).toString('latin1'));
      rest = rest.subarray(end + BLANK_LINE.length - seen);
      this.header = Buffer.alloc(0);
      if (this.bodyLeft === 0) this.bodyLeft = -1;
    }
  }
}

function contentLength(header: string): number {
  let length: number | undefined;
  for (const line of header.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`a header line without "name: value": ${JSON.stringify(line.slice(0, 80))}`);
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    if (!/^\d{1,12}$/.test(value)) throw new Error(`Content-Length is not a number: ${JSON.stringify(value.slice(0, 80))}`);
    length = Number(value);
  }
  if (length === undefined) throw new Error('a message header without Content-Length');
  if (length > MAX_MESSAGE_BYTES) throw new Error(`Content-Length ${length} is over the ${MAX_MESSAGE_BYTES}-byte limit`);
  return length;
}

/** The connection for the transport the command line names. */
export function createServerConnection(): Connection {
  if (!process.argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
  const guard = new FramingGuard();
  process.stdin.pipe(guard);
  const reader = new StreamMessageReader(guard);
  const connection = createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
  let shutdown = false;
  connection.onShutdown(() => {
    shutdown = true;
  });
  reader.onError((error) => {
    const message = `wfs language server: malformed message on stdin (${error.message}); exiting.`;
    process.stderr.write(`${message}\n`);
    try {
      connection.console.error(message);
    } catch {
      // The output may be gone too; stderr has it.
    }
    process.exit(1);
  });
  reader.onClose(() => process.exit(shutdown ? 0 : 1));
  // stdout carries the protocol: anything a library prints goes to the client's log instead, as
  // vscode-languageserver arranges for its own stdio connections.
  console.log = console.info = (...args: unknown[]) => connection.console.log(format(...args));
  console.debug = (...args: unknown[]) => connection.console.log(format(...args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
  return connection;
}
