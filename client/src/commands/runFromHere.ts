/** Workflow Studio: Run From Here: this step and every later one. */
import { targetCommand } from './runTarget';

export const runFromHere = targetCommand('wfs.runFromHere', true, (ctx, t) => ctx.runner.run(t.uri, 'from', t.index, t.title));
