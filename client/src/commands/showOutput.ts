/** Workflow Studio: Show Output — the extension's log (activation time, server start, errors). */
import type { WorkflowCommand } from './types';

export const showOutput: WorkflowCommand = {
  id: 'wfs.showOutput',
  run(ctx) {
    ctx.output.show(true);
  },
};
