/** Opens a run from the Runs view: its live panel, or a read-only one from its log. Argument: the log file path. */
import type { WorkflowCommand } from './types';

export const openRun: WorkflowCommand = {
  id: 'wfs.openRun',
  run(ctx, file?: unknown) {
    if (typeof file === 'string') ctx.runner.openRun(file);
  },
};
