/** Workflow Studio: Refresh Workflow Views — fetches the Catalog, TODOs and Steps views again. */
import type { WorkflowCommand } from './types';

export const refreshViews: WorkflowCommand = {
  id: 'wfs.refreshViews',
  run(ctx) {
    ctx.catalog.refresh();
    ctx.todos.refresh();
    ctx.steps.refresh();
  },
};
