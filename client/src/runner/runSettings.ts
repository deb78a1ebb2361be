/**
 * The `wfs.run.*` settings a run reads, pulled per document each time a run starts (never cached: a folder may
 * differ, and a change applies to the next run). In Restricted Mode VS Code leaves out the workspace's values of
 * the settings that change what runs (see package.json's `restrictedConfigurations`).
 */
import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import type { StepsResult } from '../../../server/src/protocol';
import { FileReadError, READ_LIMITS, readBoundedText } from '../../../server/src/files/boundedRead';
import { DEFAULT_RISKY_PATTERNS, type RunOptions } from '../../../server/src/run/engine';
import { approverName } from '../../../server/src/run/header';
import { parseDotEnv } from '../../../server/src/run/variables';

/** The folder a document's commands run in: its `cwd`/`working_directory`, else `wfs.run.cwd`, else its workspace folder. */
export function runCwd(uri: vscode.Uri, workflow: StepsResult): string | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const base = folder?.uri.fsPath ?? vscode.Uri.joinPath(uri, '..').fsPath;
  const configured = workflow.cwd ?? vscode.workspace.getConfiguration('wfs.run', uri).get<string>('cwd', '');
  if (!configured) return base;
  return isAbsolute(configured) ? configured : join(base, configured);
}

/** The placeholder values of `wfs.run.envFile`; an unreadable file is said in the output channel and gives none. */
export function envFileVariables(uri: vscode.Uri, output: vscode.LogOutputChannel): Record<string, string> {
  const file = vscode.workspace.getConfiguration('wfs.run', uri).get<string>('envFile', '');
  if (!file) return {};
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const path = isAbsolute(file) ? file : join(folder?.uri.fsPath ?? '', file);
  try {
    return parseDotEnv(readBoundedText(path, READ_LIMITS.envFile));
  } catch (e) {
    if (e instanceof FileReadError && e.reason === 'missing') output.warn(`wfs.run.envFile: ${path} does not exist; every placeholder is asked for.`);
    else output.warn(`wfs.run.envFile: cannot read ${path}: ${(e as Error).message}; every placeholder is asked for.`);
    return {};
  }
}

/**
 * The engine's options that come from settings: the extra risky patterns (the destructive-command table applies
 * whatever they are), automatic rollback, the step timeout, the approver.
 */
export function runSettings(uri: vscode.Uri): Pick<RunOptions, 'riskyPatterns' | 'autoRollback' | 'approver' | 'stepTimeoutMs'> {
  const config = vscode.workspace.getConfiguration('wfs.run', uri);
  const auto = config.get<string>('autoRollback', 'off');
  const patterns = config.get<string[]>('riskyPatterns', [...DEFAULT_RISKY_PATTERNS]);
  const timeout = config.get<number>('stepTimeoutSeconds', 0);
  return {
    riskyPatterns: Array.isArray(patterns) ? patterns.filter((p) => typeof p === 'string' && p.trim() !== '') : [...DEFAULT_RISKY_PATTERNS],
    autoRollback: auto === 'all' ? 'all' : auto === 'failed' ? true : false,
    approver: approverName(),
    ...(typeof timeout === 'number' && Number.isFinite(timeout) && timeout > 0 ? { stepTimeoutMs: timeout * 1000 } : {}),
  };
}

/** The log folder configured for a document: `wfs.run.log.folder` in its workspace folder, or `storageRoot`. */
export function configuredLogRoot(uri: vscode.Uri, storageRoot: string): string {
  const config = vscode.workspace.getConfiguration('wfs.run.log', uri);
  if (config.get<string>('location', 'workspace') === 'extensionStorage') return storageRoot;
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return storageRoot;
  const configured = config.get<string>('folder', '.workflow-runs') || '.workflow-runs';
  return isAbsolute(configured) ? configured : join(folder.uri.fsPath, configured);
}
