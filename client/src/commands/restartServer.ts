/** Workflow Studio: Restart Language Server. */
import type { WorkflowCommand } from './types';

export const restartServer: WorkflowCommand = {
  id: 'wfs.restartServer',
  async run(ctx) {
    await ctx.client.restart();
  },
};
