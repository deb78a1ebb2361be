/** Workflow Studio: Dry Run Workflow: every resolved command, approval and prompt, in the Run panel; runs nothing. */
import { targetCommand } from './runTarget';

export const dryRunWorkflow = targetCommand('wfs.dryRunWorkflow', false, (ctx, t) => ctx.runner.dryRun(t.uri));
