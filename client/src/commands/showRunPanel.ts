/** Workflow Studio: Show Run Panel — reopens the newest run's panel (closing it does not stop the run). */
import type { WorkflowCommand } from './types';

export const showRunPanel: WorkflowCommand = {
  id: 'wfs.showRunPanel',
  run(ctx, runId?: unknown) {
    ctx.runner.showPanel(typeof runId === 'string' ? runId : undefined);
  },
};
