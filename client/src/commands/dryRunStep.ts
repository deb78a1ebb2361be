/** Workflow Studio: Dry Run Step: what this step would run; runs nothing. */
import { targetCommand } from './runTarget';

export const dryRunStep = targetCommand('wfs.dryRunStep', true, (ctx, t) => ctx.runner.dryRun(t.uri, t.index, t.title));
