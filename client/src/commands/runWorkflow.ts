/** Workflow Studio: Run Workflow: every step in order, in a terminal. */
import { targetCommand } from './runTarget';

export const runWorkflow = targetCommand('wfs.runWorkflow', false, (ctx, t) => ctx.runner.run(t.uri, 'workflow'));
