/**
 * How the Steps view words a step, free of VS Code: "3. Deploy" as the label (as `wfs steps` shows it), mode, actor
 * and duration (or a YAML step's type and retries) as the description, its icon, and the message for no steps.
 */
import type { StepInfo, StepsResult } from '../../../server/src/protocol';
import { stepLabel } from '../../../server/src/service/stepKind';

export { stepLabel };

/** The message the Steps view shows for a document with no steps: `wfs steps` words it alike. */
export function noStepsMessage(result: StepsResult): string {
  return result.format === 'reference'
    ? 'Not a workflow: a README, index or reference page has no steps.'
    : 'This workflow has no steps.';
}

/**
 * The step's icon: a person for a step a person does (marked manual, or nothing in it runs here: its lens is Mark
 * done), a gear for one marked automated, a YAML step's event, else a plain circle.
 */
export function stepIcon(step: StepInfo): 'person' | 'gear' | 'symbol-event' | 'circle-outline' {
  if (step.mode === 'manual' || step.kind === 'manual') return 'person';
  if (step.mode === 'automated') return 'gear';
  return step.source === 'yaml' ? 'symbol-event' : 'circle-outline';
}

export function stepDescription(step: StepInfo): string {
  const parts: string[] = [];
  if (step.mode) parts.push(step.mode);
  if (step.actor) parts.push(step.actor);
  if (step.duration) parts.push(step.duration);
  if (step.yaml?.type) parts.push(step.yaml.type);
  if (step.yaml?.retry?.maxAttempts !== undefined) parts.push(`retry ×${step.yaml.retry.maxAttempts}`);
  if (step.skill) parts.push(step.skill.id);
  return parts.join(' · ');
}

export function stepTooltip(step: StepInfo): string {
  const lines = [stepLabel(step)];
  if (step.reason) lines.push(`A step because: ${step.reason}`);
  if (step.kind === 'manual') lines.push('A person does it: nothing in it runs here, or it is marked manual');
  if (step.refusal) lines.push(`The runner refuses it: ${step.refusal}`);
  if (step.mode) lines.push(`Mode: ${step.mode}`);
  if (step.actor) lines.push(`Actor: ${step.actor}`);
  if (step.duration) lines.push(`Duration: ${step.duration}`);
  if (step.commands.length) lines.push(`Commands: ${step.commands.length}`);
  lines.push(`Validation: ${step.validation ? 'yes' : 'none'}`, `Rollback: ${step.rollback ? 'yes' : 'none'}`);
  for (const c of step.yaml?.conditions ?? []) lines.push(`On ${c.kind}: ${c.target}`);
  return lines.join('\n');
}
