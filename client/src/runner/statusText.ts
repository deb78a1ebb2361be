/**
 * The status bar's words for a run going on (pure, so unit tests check it): which step of how many, or that the
 * run waits for the person, with a tooltip that says how to get to it.
 */
import type { RunView } from './runState';

export interface RunStatusText {
  text: string;
  tooltip: string;
}

const WAITING: Record<NonNullable<RunView['waiting']>['kind'], string> = {
  manual: 'waiting for Done / Skip / Abort',
  approval: 'waiting for your approval',
  rollback: 'asking whether to roll back',
  decision: 'waiting for a decision',
  variable: 'waiting for a value',
};

export function runStatusText(view: RunView): RunStatusText | undefined {
  if (view.status !== 'running' || view.mode !== 'run') return undefined;
  const total = view.steps.filter((s) => s.inScope).length || view.steps.length;
  const current = view.steps.find((s) => s.status === 'running');
  const done = view.steps.filter((s) => s.inScope && s.status !== 'pending' && s.status !== 'running').length;
  if (view.waiting) {
    return {
      text: `$(bell) ${view.workflow}: ${WAITING[view.waiting.kind]}`,
      tooltip: `Step ${view.waiting.step + 1} of "${view.workflow}" is ${WAITING[view.waiting.kind]}. Click to show the Run panel.`,
    };
  }
  const where = current ? `step ${current.index + 1}` : 'starting';
  return {
    text: `$(sync~spin) ${view.workflow}: ${where} (${done}/${total})`,
    tooltip: `"${view.workflow}" is running${current ? ` step ${current.index + 1}, "${current.title}"` : ''}. Click to show the Run panel.`,
  };
}
