/**
 * The engine's questions (RunPrompts) as VS Code prompts: a modal dialog for an approval, a notification for a
 * manual step and for the rollback after a failure, a quick pick for a decision, an input box (a password box for
 * a secret) for a placeholder. While one is open the run shows what it waits for, and the Run panel and Stop can
 * answer it too.
 */
import * as vscode from 'vscode';
import type { StepInfo } from '../../../server/src/protocol';
import type { RollbackChoice, RunPrompts } from '../../../server/src/run/engine';
import type { RunSession, Waiting } from './runSession';

export function vscodePrompts(run: RunSession): RunPrompts {
  const wait = <T>(step: number, kind: Waiting, ask: () => Thenable<T | undefined>, fallback: T): Promise<T> =>
    new Promise<T>((resolve) => {
      let done = false;
      const answer = (value: unknown): void => {
        if (done) return;
        done = true;
        if (run.pending?.answer === answer) run.pending = undefined;
        run.setWaiting(undefined);
        resolve(value as T);
      };
      run.pending = { step, kind, answer };
      run.setWaiting({ step, kind });
      void Promise.resolve(ask()).then((v) => {
        if (v !== undefined) answer(v);
        else if (kind !== 'manual') answer(fallback);
        // A dismissed manual notification leaves the step waiting: the Run panel's buttons and the "Mark done"
        // lens still answer it.
      });
    });
  const label = (step: StepInfo): string => `step ${step.index + 1} "${step.title}"`;
  return {
    approve: async (step, reason) => {
      const choice = await wait(step.index, 'approval', () =>
        vscode.window.showWarningMessage(`Approve ${label(step)} of "${run.header.workflow}"?`, { modal: true, detail: `It needs an approval because ${reason}. Your approval is recorded in the run log.` }, 'Approve'),
      '' as string);
      return choice === 'Approve';
    },
    manual: (step) =>
      run.doneBeforeAsked === step.index ? Promise.resolve('done' as const) :
      wait(step.index, 'manual', async () => {
        const choice = await vscode.window.showInformationMessage(`Manual ${label(step)}: do it, then choose Done.`, 'Done', 'Skip', 'Abort');
        return choice === 'Done' ? 'done' : choice === 'Skip' ? 'skip' : choice === 'Abort' ? 'abort' : undefined;
      }, 'abort' as const),
    decide: (step, branches) =>
      wait(step.index, 'decision', () => vscode.window.showQuickPick(branches, { title: `Decision at ${label(step)}`, placeHolder: 'Which branch does the run take?', ignoreFocusOut: true }), undefined as string | undefined),
    variable: (name, secret) =>
      wait(run.view.steps.find((s) => s.status === 'running')?.index ?? 0, 'variable', () =>
        vscode.window.showInputBox({
          title: `${run.header.workflow}: value of ${name}`,
          prompt: secret ? `${name} looks secret: it is never written to the run log, the Run panel or the history.` : `Used for <${name}>, \${${name}} and {{${name}}} in this run.`,
          password: secret,
          ignoreFocusOut: true,
        }), undefined as string | undefined),
    rollback: (failed, completed) =>
      wait(failed.index, 'rollback', async () => {
        const actions = ['Roll Back Step', ...(completed.length > 0 ? ['Roll Back All'] : []), 'Leave As Is'];
        const choice = await vscode.window.showErrorMessage(
          `${label(failed)} failed. The run stopped.${(failed.rollback?.commands.length ?? 0) > 0 ? ' Roll it back?' : ''}`,
          ...actions,
        );
        return choice === 'Roll Back Step' ? 'failed' : choice === 'Roll Back All' ? 'all' : 'none';
      }, 'none' as RollbackChoice),
  };
}
