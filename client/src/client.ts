/**
 * The language client, started lazily: the first workflow document opened, or the first view or command that
 * needs the server's data, starts it; until then activation costs nothing but registrations. Typed wrappers
 * for the custom requests of protocol.ts live here so views never spell a method name.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { CatalogRequest, ConventionRequest, ExportRequest, GraphRequest, StepsRequest, TodosRequest, WorkspaceTrustNotification } from '../../server/src/protocol';
import type { ConventionResult, ExportParams, ExportResult, GraphParams, GraphResult } from '../../server/src/protocol';
import type { CatalogEntry, StepsResult, TodosResult } from '../../server/src/protocol';
import { isWorkflowDocument, WORKFLOW_YAML_GLOBS } from './workflowFiles';

export class WorkflowClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient> | undefined;
  private readonly started = new vscode.EventEmitter<void>();
  /** Fires once the server is running (views then fetch their data). */
  readonly onDidStart = this.started.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  /** Whether something asked for the server (it may still be starting). */
  get isRequested(): boolean {
    return this.starting !== undefined;
  }

  get isRunning(): boolean {
    return this.client?.isRunning() ?? false;
  }

  /** Starts the server once, when a workflow document is open (or when `force`, for views and commands). */
  startIfNeeded(document?: vscode.TextDocument): void {
    if (this.starting) return;
    if (document && !isWorkflowDocument(document.uri.scheme, document.uri.fsPath, document.languageId)) return;
    void this.start().catch((e: unknown) => this.output.error(`The language server did not start: ${(e as Error).message}`));
  }

  start(): Promise<LanguageClient> {
    this.starting ??= this.create();
    return this.starting;
  }

  private async create(): Promise<LanguageClient> {
    const begin = performance.now();
    const serverModule = this.context.asAbsolutePath(path.join('dist', 'server.js'));
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ scheme: 'file', language: 'markdown' }, ...WORKFLOW_YAML_GLOBS.map((pattern) => ({ scheme: 'file', pattern }))],
      // Read at each start (a restart included): the server runs no process (shellcheck) for an untrusted workspace.
      initializationOptions: () => ({ docsBase: this.context.extensionUri.toString(), workspaceTrusted: vscode.workspace.isTrusted }),
      outputChannel: this.output,
    };
    const client = new LanguageClient('workflowStudio', 'Workflow Studio', serverOptions, clientOptions);
    this.client = client;
    await client.start();
    this.context.subscriptions.push(
      vscode.workspace.onDidGrantWorkspaceTrust(() => void client.sendNotification(WorkspaceTrustNotification, { trusted: true })),
    );
    this.output.info(`Language server started in ${Math.round(performance.now() - begin)} ms.`);
    this.started.fire();
    return client;
  }

  async restart(): Promise<void> {
    if (!this.client) {
      await this.start();
      return;
    }
    await this.client.restart();
    this.started.fire();
  }

  async steps(uri: vscode.Uri, token?: vscode.CancellationToken): Promise<StepsResult | null> {
    const client = await this.start();
    return client.sendRequest(StepsRequest, { textDocument: { uri: uri.toString() } }, token);
  }

  async graph(uri: vscode.Uri, format?: GraphParams['format'], token?: vscode.CancellationToken): Promise<GraphResult | null> {
    const client = await this.start();
    return client.sendRequest(GraphRequest, { textDocument: { uri: uri.toString() }, ...(format ? { format } : {}) }, token);
  }

  async exportWorkflow(params: ExportParams, token?: vscode.CancellationToken): Promise<ExportResult | null> {
    const client = await this.start();
    return client.sendRequest(ExportRequest, params, token);
  }

  /** The convention of the group `uri` belongs to (a new file's URI gives the group it would join). */
  async convention(uri: vscode.Uri, token?: vscode.CancellationToken): Promise<ConventionResult> {
    const client = await this.start();
    return client.sendRequest(ConventionRequest, { textDocument: { uri: uri.toString() } }, token);
  }

  async catalog(token?: vscode.CancellationToken): Promise<CatalogEntry[]> {
    const client = await this.start();
    return (await client.sendRequest(CatalogRequest, {}, token)).entries;
  }

  async todos(uri?: vscode.Uri, token?: vscode.CancellationToken): Promise<TodosResult['documents']> {
    const client = await this.start();
    return (await client.sendRequest(TodosRequest, uri ? { textDocument: { uri: uri.toString() } } : {}, token)).documents;
  }

  async stop(): Promise<void> {
    await this.client?.stop();
  }

  dispose(): void {
    this.started.dispose();
  }
}
