/**
 * Activation: registrations only (views, commands, the status bar), measured and logged; the language server
 * starts lazily (client.ts), when a workflow document is open or a view or command needs it.
 *
 * The returned API is what the in-host end-to-end suite reads: how long activation took, whether the server
 * runs, and what the Steps view and status bar show.
 */
import * as vscode from 'vscode';
import { WorkflowClient } from './client';
import { registerCommands } from './commands';
import { CatalogView } from './views/catalogView';
import { WorkflowChanges } from './views/changes';
import { WorkflowStatusBar } from './views/statusBar';
import { StepsView } from './views/stepsView';
import { TodosView } from './views/todosView';
import { RunsView } from './views/runsView';
import { RunController } from './runner/controller';
import { RunCodeLensProvider } from './runner/codeLens';
import { GraphPanels } from './graph/graphPanel';
import { WORKFLOW_YAML_GLOBS } from './workflowFiles';

export interface WorkflowStudioApi {
  /** How long `activate` took, in milliseconds. */
  readonly activationMs: number;
  /** The processor time `activate` used, in milliseconds: its own work, whatever else the machine was doing. */
  readonly activationCpuMs: number;
  readonly client: WorkflowClient;
  readonly steps: StepsView;
  readonly statusBar: WorkflowStatusBar;
}

let client: WorkflowClient | undefined;

export function activate(context: vscode.ExtensionContext): WorkflowStudioApi {
  const begin = performance.now();
  const cpuBegin = process.cpuUsage();
  const output = vscode.window.createOutputChannel('Workflow Studio', { log: true });
  client = new WorkflowClient(context, output);
  const changes = new WorkflowChanges(client);
  const catalog = new CatalogView(client, context.workspaceState, changes, output);
  const steps = new StepsView(client, output);
  const todos = new TodosView(client, changes, output);
  const statusBar = new WorkflowStatusBar(client);
  let runs: RunsView | undefined;
  const runner = new RunController(context, client, output, { onRunsChanged: () => runs?.refresh() });
  // Runs an earlier session left unfinished are marked "interrupted" when the Runs view first reads the logs: it
  // reads files, so it waits until someone looks (activation stays registrations only).
  runs = new RunsView(() => runner.logRoots(), output, () => runner.markInterruptedRuns());
  const lenses = new RunCodeLensProvider(client);
  const graphs = new GraphPanels(context.extensionUri, client);
  const selector = [{ scheme: 'file', language: 'markdown' }, ...WORKFLOW_YAML_GLOBS.map((pattern) => ({ scheme: 'file', pattern }))];
  context.subscriptions.push(
    output, client, changes, catalog, steps, todos, statusBar, runner, runs, lenses, graphs,
    runner.onDidChangeRunView((view) => graphs.runChanged(view)),
    vscode.languages.registerCodeLensProvider(selector, lenses),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('wfs.run.log')) runs?.refresh();
    }),
    ...registerCommands({ extension: context, client, output, catalog, steps, todos, runner, runs, graphs }),
  );

  const started = client;
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((doc) => started.startIfNeeded(doc)),
    started.onDidStart(() => void vscode.commands.executeCommand('setContext', 'wfs.serverRunning', true)),
  );
  for (const doc of vscode.workspace.textDocuments) client.startIfNeeded(doc);

  const activationMs = performance.now() - begin;
  const cpu = process.cpuUsage(cpuBegin);
  const activationCpuMs = (cpu.user + cpu.system) / 1000;
  output.info(`Activated in ${activationMs.toFixed(1)} ms (${activationCpuMs.toFixed(1)} ms of processor time)${client.isRequested ? '; starting the language server for the open workflow documents' : '; the language server starts when a workflow document or view needs it'}.`);
  return { activationMs, activationCpuMs, client, steps, statusBar };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
