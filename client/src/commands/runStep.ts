/** Workflow Studio: Run Step: this step alone (arguments: document URI, step index; else the step at the cursor). */
import { targetCommand } from './runTarget';

export const runStep = targetCommand('wfs.runStep', true, (ctx, t) => ctx.runner.run(t.uri, 'step', t.index, t.title));
