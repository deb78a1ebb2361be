/**
 * Starts the bundled language server (dist/server.js --stdio) with a real LSP connection, answers the requests
 * a client must answer (workspace/configuration, client/registerCapability) and records what the server
 * sends, so protocol tests wait on messages instead of sleeping.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DiagnosticRefreshRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import type {
  ClientCapabilities, ConfigurationItem, InitializeResult, ProtocolConnection, PublishDiagnosticsParams, Registration,
} from 'vscode-languageserver-protocol/node';

const ROOT = join(__dirname, '..', '..', '..');
export const SERVER = join(ROOT, 'dist', 'server.js');

export interface ServerOptions {
  workspace: string;
  capabilities?: ClientCapabilities;
  /** The answer to a workspace/configuration item (default: null, as a client without such a setting). */
  configuration?: (item: ConfigurationItem) => unknown;
  /**
   * The initialize request's initializationOptions (default: `{ docsBase: 'file:///ext' }`). Give the key with
   * `undefined` to send none, as a client without the extension's options.
   */
  initializationOptions?: unknown;
  /** The server process's environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

export interface ServerProcess {
  connection: ProtocolConnection;
  initializeResult: InitializeResult;
  /** Every publishDiagnostics notification so far, in order. */
  published: PublishDiagnosticsParams[];
  registrations: Registration[];
  /** How many workspace/diagnostic/refresh requests the server sent. */
  refreshes: number;
  /** Resolves with the first publishDiagnostics (from now on or already received) that satisfies `test`. */
  waitForDiagnostics(test: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams>;
  /** Every window/logMessage text so far, in order. */
  logs: string[];
  /** Resolves with the first log message (from now on or already received) that satisfies `test`. */
  waitForLog(test: (message: string) => boolean): Promise<string>;
  stop(): void;
}

export async function startServer(options: ServerOptions): Promise<ServerProcess> {
  if (!existsSync(SERVER)) spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  const child: ChildProcess = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env: options.env ?? process.env });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published: PublishDiagnosticsParams[] = [];
  const registrations: Registration[] = [];
  const waiters: { test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    published.push(params);
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (waiters[i].test(params)) waiters.splice(i, 1)[0].resolve(params);
    }
  });
  const logs: string[] = [];
  const logWaiters: { test: (m: string) => boolean; resolve: (m: string) => void }[] = [];
  connection.onNotification(LogMessageNotification.type, (params) => {
    logs.push(params.message);
    for (let i = logWaiters.length - 1; i >= 0; i--) {
      if (logWaiters[i].test(params.message)) logWaiters.splice(i, 1)[0].resolve(params.message);
    }
  });
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => options.configuration?.(item) ?? null));
  connection.onRequest(RegistrationRequest.type, (params) => {
    registrations.push(...params.registrations);
    return null;
  });
  let refreshes = 0;
  connection.onRequest(DiagnosticRefreshRequest.type, () => {
    refreshes++;
    return null;
  });
  connection.listen();
  const folder = pathToFileURL(options.workspace).toString();
  const initializeResult = (await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: folder,
    workspaceFolders: [{ uri: folder, name: 'ws' }],
    capabilities: options.capabilities ?? {},
    initializationOptions: 'initializationOptions' in options ? options.initializationOptions : { docsBase: 'file:///ext' },
  })) as InitializeResult;
  await connection.sendNotification('initialized', {});
  return {
    connection,
    initializeResult,
    published,
    registrations,
    get refreshes() {
      return refreshes;
    },
    waitForDiagnostics(test) {
      const done = published.find(test);
      return done ? Promise.resolve(done) : new Promise((resolve) => waiters.push({ test, resolve }));
    },
    logs,
    waitForLog(test) {
      const done = logs.find(test);
      return done !== undefined ? Promise.resolve(done) : new Promise((resolve) => logWaiters.push({ test, resolve }));
    },
    stop() {
      connection.dispose();
      child.kill();
    },
  };
}
