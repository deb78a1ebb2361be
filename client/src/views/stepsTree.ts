/**
 * How the Steps view words a step, free of VS Code: "3. Deploy" as the label, mode, actor and duration (or a
 * YAML step's type and retries) as the description.
 */
import type { StepInfo } from '../../../server/src/protocol';

export function stepLabel(step: StepInfo): string {
  const number = step.numberText ?? (step.number !== undefined ? String(step.number) : '');
  // An anonymous step (a YAML item with no name) shows its number alone.
  const title = step.title || '(unnamed step)';
  if (!number) return title;
  return /[.:)]$/.test(number) ? `${number} ${title}` : `${number}. ${title}`;
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
  if (step.mode) lines.push(`Mode: ${step.mode}`);
  if (step.actor) lines.push(`Actor: ${step.actor}`);
  if (step.duration) lines.push(`Duration: ${step.duration}`);
  if (step.commands.length) lines.push(`Commands: ${step.commands.length}`);
  lines.push(`Validation: ${step.validation ? 'yes' : 'none'}`, `Rollback: ${step.rollback ? 'yes' : 'none'}`);
  for (const c of step.yaml?.conditions ?? []) lines.push(`On ${c.kind}: ${c.target}`);
  return lines.join('\n');
}
