/**
 * The command registry: every command module, registered in one place. package.json's `contributes.commands`
 * lists the same ids (a unit test checks they agree).
 */
import * as vscode from 'vscode';
import type { CommandContext, WorkflowCommand } from './types';
import { newWorkflow } from './newWorkflow';
import { refreshViews } from './refreshViews';
import { groupCatalogBy } from './groupCatalogBy';
import { revealRange } from './revealRange';
import { showProblems } from './showProblems';
import { restartServer } from './restartServer';
import { showOutput } from './showOutput';
import { runWorkflow } from './runWorkflow';
import { runStep } from './runStep';
import { runFromHere } from './runFromHere';
import { markStepDone } from './markStepDone';
import { dryRunWorkflow } from './dryRunWorkflow';
import { dryRunStep } from './dryRunStep';
import { stopRun } from './stopRun';
import { showRunPanel } from './showRunPanel';
import { openRun } from './openRun';
import { refreshRuns } from './refreshRuns';
import { exportGitHubActions } from './exportGitHubActions';
import { showGraph } from './showGraph';
import { openRunGraph } from './openRunGraph';
import { saveConventionAsTemplate } from './saveConventionAsTemplate';

export const COMMANDS: readonly WorkflowCommand[] = [
  newWorkflow, refreshViews, groupCatalogBy, revealRange, showProblems, restartServer, showOutput,
  runWorkflow, runStep, runFromHere, markStepDone, dryRunWorkflow, dryRunStep, stopRun, showRunPanel, openRun, refreshRuns,
  exportGitHubActions, showGraph, openRunGraph, saveConventionAsTemplate,
];

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return COMMANDS.map((command) =>
    vscode.commands.registerCommand(command.id, async (...args: unknown[]) => {
      try {
        return await command.run(ctx, ...args);
      } catch (e) {
        ctx.output.error(`${command.id}: ${(e as Error).stack ?? String(e)}`);
        void vscode.window.showErrorMessage(`Workflow Studio: ${(e as Error).message}`);
        return undefined;
      }
    }),
  );
}
