/**
 * What a run log's header says about a run, built the same way by the extension and by `wfs run`: the steps as
 * the Run panel lists them, the scope, and who writes the log (process, session, host), so a later reader can
 * tell a live run from an interrupted one. Pure but for the OS user and host names.
 */
import { hostname, userInfo } from 'node:os';
import type { StepsResult } from '../protocol';
import { isManual, runnable } from './engine';
import type { RunHeader, RunScope } from './runTypes';

export interface HeaderContext {
  /** The run's id; the log writer may give it a suffix when a file of that name exists. */
  runId: string;
  /** The document's URI, as the Runs view and the Run panel link to it. */
  uri: string;
  /** The document's path relative to its workspace folder (or the current folder), `/`-separated. */
  relativePath: string;
  scope: RunScope;
  from?: number;
  /** The VS Code session, or the CLI's own (`wfs-<pid>`). */
  session: string;
}

/** The header of a run (or a dry run) of these steps. */
export function runHeader(workflow: StepsResult, context: HeaderContext): RunHeader {
  const name = workflow.title ?? context.relativePath.slice(context.relativePath.lastIndexOf('/') + 1);
  return {
    runId: context.runId,
    workflow: name,
    uri: context.uri,
    relativePath: context.relativePath,
    steps: workflow.steps.map((s) => ({
      index: s.index,
      title: s.title,
      line: s.titleRange.start.line,
      hasRollback: runnable(s.rollback?.commands).length > 0,
      manual: isManual(s),
    })),
    scope: context.scope,
    ...(context.from !== undefined ? { from: context.from } : {}),
    pid: process.pid,
    session: context.session,
    host: hostname(),
  };
}

/** The name an approval is recorded under: the OS user, or `$USER` where there is no user database entry. */
export function approverName(env: Readonly<Record<string, string | undefined>> = process.env): string {
  try {
    return userInfo().username;
  } catch {
    // No user database entry (some containers): the environment's name stands.
    return env.USER ?? env.USERNAME ?? 'unknown';
  }
}
