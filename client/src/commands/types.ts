/**
 * What every command gets, and the shape of a command module: one file per command, listed in index.ts.
 */
import type * as vscode from 'vscode';
import type { WorkflowClient } from '../client';
import type { CatalogView } from '../views/catalogView';
import type { StepsView } from '../views/stepsView';
import type { TodosView } from '../views/todosView';
import type { RunController } from '../runner/controller';
import type { RunsView } from '../views/runsView';
import type { GraphPanels } from '../graph/graphPanel';

export interface CommandContext {
  readonly extension: vscode.ExtensionContext;
  readonly client: WorkflowClient;
  readonly output: vscode.LogOutputChannel;
  readonly catalog: CatalogView;
  readonly steps: StepsView;
  readonly todos: TodosView;
  readonly runner: RunController;
  readonly runs: RunsView;
  readonly graphs: GraphPanels;
}

export interface WorkflowCommand {
  /** The command id, as package.json contributes it. */
  readonly id: string;
  run(ctx: CommandContext, ...args: unknown[]): unknown;
}
