/**
 * `wfs export --to <target> <file> [-o PATH] [--check] [--force]`: a workflow as another engine's file (GitHub
 * Actions), from the steps the service resolves for `wfs run`. It writes `.github/workflows/<name>.yml` under the
 * current folder (the repository root), never over a file edited by hand unless --force; --check only compares.
 * Exit codes: 0 written or up to date, 1 --check found the file missing or different, 2 bad usage, a refused
 * workflow (a loop it cannot express, a block the runner cannot run) or a file it will not overwrite.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { WorkflowService } from '../service';
import { workflowSteps } from '../service/features/steps';
import { EXPORT_TARGETS, exportedState, exportWorkflow, findExportTarget, isExportRefusal } from '../service/export';
import { FileReadError, READ_LIMITS, readBoundedText } from '../files/boundedRead';
import { UsageError } from './args';
import { relativePath, toSlash } from './discover';
import { FatalError, parseWorkflowFile, type CliIo } from './main';

export const EXPORT_HELP = `Usage: wfs export --to <target> <file> [-o PATH] [--check] [--force]

Writes the workflow as a file of another engine: ${EXPORT_TARGETS.map((t) => `${t.id} (${t.label})`).join(', ')}.
The file goes to ${EXPORT_TARGETS[0].outputPath('<name>')} under the current folder (run it from the repository root).

Options:
      --to <target>    The engine: ${EXPORT_TARGETS.map((t) => t.id).join(', ')}
  -o, --output <path>  Write here instead ("-" for standard output)
      --check          Write nothing; exit 1 when the file on disk is not what the export would write
      --force          Replace a file that was edited by hand or was not written by wfs export
  -h, --help           Show this help

Exit codes: 0 written or up to date, 1 --check found a difference, 2 bad usage, a workflow that cannot be
exported (the message names the step), or a hand-edited file without --force.
`;

interface ExportArgs {
  to?: string;
  file?: string;
  output?: string;
  check: boolean;
  force: boolean;
  help: boolean;
}

function parseExportArgs(argv: readonly string[]): ExportArgs {
  const args: ExportArgs = { check: false, force: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value: string | undefined;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    if (eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const take = (): string => {
      if (value !== undefined) return value;
      if (i + 1 >= argv.length) throw new UsageError(`option ${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--to') args.to = take();
    else if (arg === '-o' || arg === '--output') args.output = take();
    else if (arg === '--check') args.check = true;
    else if (arg === '--force') args.force = true;
    else if (arg === '-h' || arg === '--help') args.help = true;
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option: ${argv[i]}`);
    else if (args.file === undefined) args.file = arg;
    else throw new UsageError(`"wfs export" takes one file (got "${args.file}" and "${arg}")`);
  }
  return args;
}

/** `wfs export`. Throws UsageError and FatalError for runCli's handling; returns the exit code otherwise. */
export function exportCommand(argv: readonly string[], io: CliIo, service: WorkflowService): number {
  const args = parseExportArgs(argv);
  if (args.help) {
    io.stdout(EXPORT_HELP);
    return 0;
  }
  if (args.to === undefined) throw new UsageError(`"wfs export" needs --to <target> (${EXPORT_TARGETS.map((t) => t.id).join(', ')})`);
  const target = findExportTarget(args.to);
  if (!target) throw new UsageError(`unknown export target "${args.to}" (valid: ${EXPORT_TARGETS.map((t) => t.id).join(', ')})`);
  if (args.file === undefined) throw new UsageError('"wfs export" needs a workflow file');

  const { shownPath, model, options } = parseWorkflowFile(args.file, io, service);
  let result;
  try {
    result = exportWorkflow(target, { path: shownPath, workflow: workflowSteps(model, options) });
  } catch (e) {
    if (!isExportRefusal(e)) throw e;
    io.stderr(`wfs: ${e.message}\n`);
    return 2;
  }
  if (args.output === '-') {
    io.stdout(result.text);
    return 0;
  }
  const outPath = resolve(io.cwd, args.output ?? result.path);
  const shownOut = relativePath(io.cwd, outPath) || toSlash(outPath);
  let onDisk: string | undefined;
  try {
    onDisk = readBoundedText(outPath, READ_LIMITS.exported);
  } catch (e) {
    if (!(e instanceof FileReadError)) throw e;
    if (e.reason !== 'missing') throw new FatalError(`cannot read ${shownOut}: ${e.message}`);
  }
  const state = onDisk === undefined ? undefined : exportedState(onDisk, result.text);
  if (args.check) {
    if (state === 'current') {
      io.stdout(`${shownOut} is up to date with ${shownPath}\n`);
      return 0;
    }
    io.stderr(`${shownOut} ${state === undefined ? 'does not exist' : state === 'generated' ? 'is out of date' : 'was edited by hand'}: it is not what ${shownPath} exports; run wfs export --to ${target.id} ${shownPath}${args.output ? ` -o ${args.output}` : ''}\n`);
    return 1;
  }
  if (state === 'current') {
    io.stdout(`${shownOut} is up to date\n`);
    return 0;
  }
  if ((state === 'edited' || state === 'foreign') && !args.force) {
    io.stderr(`wfs: ${shownOut} ${state === 'edited' ? 'was edited by hand since it was generated' : 'was not written by wfs export'}; it is left as it is (pass --force to replace it)\n`);
    return 2;
  }
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, result.text);
  io.stdout(`wrote ${shownOut}\n`);
  return 0;
}
