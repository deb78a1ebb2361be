/**
 * Which code lenses a workflow document gets, decided from its steps (`workflow/steps`) and the workspace's
 * trust. Pure, so unit tests check it; codeLens.ts turns the specs into vscode.CodeLens objects.
 *
 * Above the document: "▶ Run workflow", "Dry run workflow". Above each step: "▶ Run step" (or "✓ Mark done" for a
 * manual step), "Dry run", "Run from here". "Run step" only appears when the step has something to run. In an
 * untrusted workspace nothing can run, and one lens says why (it opens the trust editor).
 */
import type { StepInfo, StepsResult } from '../../../server/src/protocol';
import { isManual, runnable } from '../../../server/src/run/engine';

export interface LensSpec {
  /** 0-based line the lens sits above. */
  line: number;
  title: string;
  command: string;
  arguments: unknown[];
  tooltip?: string;
}

export const RUN_COMMANDS = {
  runWorkflow: 'wfs.runWorkflow',
  dryRunWorkflow: 'wfs.dryRunWorkflow',
  runStep: 'wfs.runStep',
  dryRunStep: 'wfs.dryRunStep',
  runFromHere: 'wfs.runFromHere',
  markDone: 'wfs.markStepDone',
  manageTrust: 'workbench.trust.manage',
} as const;

function hasRunnable(step: StepInfo): boolean {
  return runnable(step.commands).length + runnable(step.validation?.commands).length > 0;
}

/**
 * Whether a document is a runbook to offer running: any workflow format, or a plain Markdown document kept in a
 * workflows or runbooks folder. A README with a few shell blocks is read as a plain document too, and offering
 * "Run step" above its install instructions would surprise more than help.
 */
export function offersRuns(result: StepsResult): boolean {
  if (result.format !== 'plain') return true;
  const path = decodeURIComponent(result.uri).toLowerCase();
  return /\/(workflows?|runbooks?|playbooks?)\//.test(path);
}

export function stepLenses(result: StepsResult, trusted: boolean): LensSpec[] {
  if (result.steps.length === 0 || !offersRuns(result)) return [];
  const uri = result.uri;
  if (!trusted) {
    return [
      {
        line: 0,
        title: '$(shield) Running is off: this workspace is not trusted',
        command: RUN_COMMANDS.manageTrust,
        arguments: [],
        tooltip: 'Workflow Studio runs no command in Restricted Mode. Trust the workspace to run its workflows.',
      },
      // A dry run runs nothing, so it stays available.
      { line: 0, title: 'Dry run workflow', command: RUN_COMMANDS.dryRunWorkflow, arguments: [uri], tooltip: 'Show every resolved command, the approvals and prompts, and run nothing' },
    ];
  }
  const lenses: LensSpec[] = [
    { line: 0, title: '$(play) Run workflow', command: RUN_COMMANDS.runWorkflow, arguments: [uri], tooltip: 'Run every step in order in a terminal' },
    { line: 0, title: 'Dry run workflow', command: RUN_COMMANDS.dryRunWorkflow, arguments: [uri], tooltip: 'Show every resolved command, the approvals and prompts, and run nothing' },
  ];
  for (const step of result.steps) {
    const line = step.titleRange.start.line;
    const args = [uri, step.index, step.title];
    const actions = stepActions(step);
    if (actions.markDone) {
      lenses.push({ line, title: '$(check) Mark done', command: RUN_COMMANDS.markDone, arguments: args, tooltip: 'A person does this step: record it as done (its validation, if any, runs)' });
    } else if (actions.runStep) {
      lenses.push({ line, title: '$(play) Run step', command: RUN_COMMANDS.runStep, arguments: args, tooltip: 'Run this step alone in a terminal' });
    }
    lenses.push(
      { line, title: 'Dry run', command: RUN_COMMANDS.dryRunStep, arguments: args, tooltip: 'Show what this step would run' },
      { line, title: 'Run from here', command: RUN_COMMANDS.runFromHere, arguments: args, tooltip: 'Run this step and every later one' },
    );
  }
  return lenses;
}

/**
 * The step a lens meant: `index` when its title is still `title`; else the one step with that title (steps were
 * inserted or removed above it); else undefined (renamed, duplicated or gone: nothing runs).
 */
export function stepIndex(workflow: StepsResult, index: number, title: string | undefined): number | undefined {
  const at = workflow.steps[index];
  if (at && (title === undefined || at.title === title)) return index;
  if (title === undefined) return undefined;
  const same = workflow.steps.filter((s) => s.title === title);
  return same.length === 1 ? same[0].index : undefined;
}

/** What the runner offers on one step (the lenses above it, the graph's context menu on its node), trust aside. */
export interface StepActions {
  runStep: boolean;
  markDone: boolean;
  dryRun: boolean;
  runFrom: boolean;
}

export function stepActions(step: StepInfo): StepActions {
  const manual = isManual(step);
  return { runStep: !manual && hasRunnable(step), markDone: manual, dryRun: true, runFrom: true };
}

/**
 * The actions of each step of a document in the graph's context menu: the lenses' own, none for a document the
 * runner does not offer to run, and, in an untrusted workspace, only the dry run (it runs nothing).
 */
export function graphStepActions(result: StepsResult, trusted: boolean): StepActions[] {
  const offered = offersRuns(result);
  return result.steps.map((step) => {
    const actions = stepActions(step);
    if (!offered) return { runStep: false, markDone: false, dryRun: false, runFrom: false };
    return trusted ? actions : { runStep: false, markDone: false, dryRun: actions.dryRun, runFrom: false };
  });
}

/** The "Graph" lens above a workflow document with steps (it runs nothing, so trust does not matter). */
export function graphLens(result: StepsResult): LensSpec[] {
  if (result.steps.length === 0) return [];
  return [{ line: 0, title: '$(type-hierarchy) Graph', command: 'wfs.showGraph', arguments: [result.uri], tooltip: 'Show the workflow as a graph beside the editor' }];
}
