/**
 * The status bar item's text and tooltip for the open workflow, free of VS Code.
 */
export interface WorkflowCounts {
  errors: number;
  warnings: number;
  todos: number;
}

/** "$(error) 1 $(warning) 2 $(checklist) 3": codicons with counts, in the style of VS Code's own problem item. */
export function statusText(c: WorkflowCounts): string {
  return `$(error) ${c.errors} $(warning) ${c.warnings} $(checklist) ${c.todos}`;
}

export function statusTooltip(c: WorkflowCounts): string {
  const p = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;
  return `Workflow: ${p(c.errors, 'error')}, ${p(c.warnings, 'warning')}, ${p(c.todos, 'open TODO')}. Click to show its problems.`;
}
