/** Workflow Studio: Stop Run — Ctrl+C to the running command, then its process; the run is recorded as cancelled. */
import type { WorkflowCommand } from './types';

export const stopRun: WorkflowCommand = {
  id: 'wfs.stopRun',
  run(ctx, runId?: unknown) {
    ctx.runner.stop(typeof runId === 'string' ? runId : undefined);
  },
};
