/** Workflow Studio: Refresh Runs — reads the run logs again. */
import type { WorkflowCommand } from './types';

export const refreshRuns: WorkflowCommand = {
  id: 'wfs.refreshRuns',
  run(ctx) {
    ctx.runs.refresh();
  },
};
