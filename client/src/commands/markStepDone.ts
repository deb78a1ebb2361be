/** Workflow Studio: Mark Step Done: answers a run waiting on this manual step, or records it as done. */
import { targetCommand } from './runTarget';

export const markStepDone = targetCommand('wfs.markStepDone', true, (ctx, t) => ctx.runner.markDone(t.uri, t.index!, t.title));
