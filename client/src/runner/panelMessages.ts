/**
 * The messages the Run panel's webview may send, and their validation. Pure: no vscode.
 *
 * A webview is another process that renders run output; whatever it posts is treated as untrusted input. A
 * message is accepted only when it has exactly the expected shape and types, names a step the run has, and asks
 * for an action the panel offers right now (`availableActions`): a stale button click after the run moved on, or
 * a forged message, is dropped. The result is a fresh object built from the checked fields, so extra keys,
 * `__proto__` included, never travel further.
 */
import { availableActions, type RunView } from './runState';

export type PanelAction =
  | { type: 'stop' }
  | { type: 'retry' | 'skip' | 'rollback'; step: number }
  | { type: 'manual'; step: number; choice: 'done' | 'skip' | 'abort' }
  | { type: 'open-step'; step: number }
  | { type: 'ready' };

const MANUAL_CHOICES: readonly string[] = ['done', 'skip', 'abort'];

/** An own property of a plain object; inherited ones (a polluted prototype) do not count. */
export function own(obj: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? (obj as Record<string, unknown>)[key] : undefined;
}

export function isPlainObject(raw: unknown): raw is object {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  const proto = Object.getPrototypeOf(raw);
  return proto === Object.prototype || proto === null;
}

/** The step index when `value` is an integer naming one of the view's steps. */
function stepIndex(value: unknown, view: RunView): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < view.steps.length ? value : undefined;
}

/** The action a webview message asks for, or undefined when the message is malformed or not allowed now. */
export function parsePanelMessage(raw: unknown, view: RunView): PanelAction | undefined {
  if (!isPlainObject(raw)) return undefined;
  const type = own(raw, 'type');
  if (typeof type !== 'string') return undefined;
  if (type === 'ready') return { type: 'ready' };
  const actions = availableActions(view);
  if (type === 'stop') return actions.stop ? { type: 'stop' } : undefined;
  const step = stepIndex(own(raw, 'step'), view);
  if (step === undefined) return undefined;
  switch (type) {
    case 'open-step':
      // Allowed in every view, read-only and dry run included: it only shows the document.
      return { type: 'open-step', step };
    case 'retry':
      return actions.retry === step ? { type: 'retry', step } : undefined;
    case 'skip':
      return actions.skip === step ? { type: 'skip', step } : undefined;
    case 'rollback':
      return actions.rollback.includes(step) ? { type: 'rollback', step } : undefined;
    case 'manual': {
      const choice = own(raw, 'choice');
      if (typeof choice !== 'string' || !MANUAL_CHOICES.includes(choice) || actions.manual !== step) return undefined;
      return { type: 'manual', step, choice: choice as 'done' | 'skip' | 'abort' };
    }
    default:
      return undefined;
  }
}
