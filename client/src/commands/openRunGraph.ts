/** Open Run as Graph (Runs view): the run's document as a graph with each step's status, duration and exit code. */
import * as vscode from 'vscode';
import type { WorkflowCommand } from './types';

export const openRunGraph: WorkflowCommand = {
  id: 'wfs.openRunGraph',
  run(ctx, arg?: unknown) {
    // The Runs view passes its node ({ kind: 'run', file }); tests and key bindings may pass the log file.
    const file = typeof arg === 'string' ? arg : (arg as { file?: unknown } | undefined)?.file;
    if (typeof file !== 'string') return undefined;
    const view = ctx.runner.runView(file);
    if (!view) return undefined;
    return ctx.graphs.show(vscode.Uri.parse(view.uri), view);
  },
};
