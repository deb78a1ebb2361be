/**
 * Workflow Studio: Show Problems of This Workflow — the status bar item's click: opens the Problems panel with
 * "Show Active File Only" on, so it lists the active workflow's problems. VS Code has no API to set the
 * Problems filter; its filter state is a context key, read through the `getContextKeyValue` command once the
 * panel has focus, so the toggle is only flipped when it is off.
 */
import * as vscode from 'vscode';
import type { WorkflowCommand } from './types';

const TOGGLE_ACTIVE_FILE = 'workbench.actions.workbench.panel.markers.view.toggleActiveFile';

export const showProblems: WorkflowCommand = {
  id: 'wfs.showProblems',
  async run(ctx) {
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    try {
      const activeOnly = await vscode.commands.executeCommand<boolean | undefined>('getContextKeyValue', 'problems.filter.activeFile');
      if (activeOnly === false) await vscode.commands.executeCommand(TOGGLE_ACTIVE_FILE);
    } catch (e) {
      // An older or newer VS Code without these commands: the panel is open, unfiltered.
      ctx.output.warn(`The Problems panel could not be filtered to the active file: ${(e as Error).message}`);
    }
  },
};
