/**
 * Command-line arguments of `wfs run`, `wfs check` and `wfs runs`: parsed into a plain object, or a usage error
 * (exit code 2). Step numbers are 1-based on the command line and 0-based inside.
 */
import { UsageError } from './args';

export type RunCommand = 'run' | 'check' | 'runs';

export interface RunArgs {
  command: RunCommand;
  /** The workflow document (`run`, `check`), or the workflow whose runs to list (`runs`, optional). */
  file?: string;
  step?: number;
  from?: number;
  to?: number;
  dryRun: boolean;
  /** `--var NAME=VALUE`; `--var NAME` takes NAME's value from the environment (so a secret stays off the command line). */
  vars: { name: string; value?: string }[];
  envFile?: string;
  yes: boolean;
  nonInteractive: boolean;
  format: 'human' | 'json';
  logDir?: string;
  noLog: boolean;
  rollback?: 'ask' | 'auto' | 'never';
  /** The default timeout of a step, in seconds. */
  timeoutSeconds?: number;
  riskyPatterns: string[];
  color?: boolean;
  help: boolean;
}

const VALUE_OPTIONS = new Set(['--step', '--from', '--to', '--var', '--env-file', '--format', '--log-dir', '--rollback', '--timeout', '--risky']);
const FLAG_OPTIONS = new Set(['--dry-run', '--yes', '--non-interactive', '--no-log', '--color', '--no-color', '--help']);

/** Which options each command takes. */
const ALLOWED: Record<RunCommand, ReadonlySet<string>> = {
  run: new Set([...VALUE_OPTIONS, ...FLAG_OPTIONS]),
  check: new Set(['--step', '--from', '--to', '--var', '--env-file', '--format', '--timeout', '--risky', '--yes', '--non-interactive', '--color', '--no-color', '--help']),
  runs: new Set(['--format', '--log-dir', '--color', '--no-color', '--help']),
};

const NAME = /^[A-Za-z_][\w.-]*$/;

export function isRunCommand(word: string | undefined): word is RunCommand {
  return word === 'run' || word === 'check' || word === 'runs';
}

/** Parses `argv` after the command word. */
export function parseRunArgs(command: RunCommand, argv: readonly string[]): RunArgs {
  const args: RunArgs = { command, vars: [], dryRun: false, yes: false, nonInteractive: false, format: 'human', noLog: false, riskyPatterns: [], help: false };
  const positional: string[] = [];
  let onlyPaths = false;
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    if (arg === '-h') arg = '--help';
    if (arg === '-y') arg = '--yes';
    if (arg === '-f') arg = '--format';
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq !== -1) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    if (!ALLOWED[command].has(arg)) {
      throw new UsageError(VALUE_OPTIONS.has(arg) || FLAG_OPTIONS.has(arg) ? `"wfs ${command}" takes no ${arg} option` : `unknown option: ${argv[i]}`);
    }
    if (FLAG_OPTIONS.has(arg)) {
      if (value !== undefined) throw new UsageError(`option ${arg} takes no value`);
      if (arg === '--dry-run') args.dryRun = true;
      else if (arg === '--yes') args.yes = true;
      else if (arg === '--non-interactive') args.nonInteractive = true;
      else if (arg === '--no-log') args.noLog = true;
      else if (arg === '--color') args.color = true;
      else if (arg === '--no-color') args.color = false;
      else args.help = true;
      continue;
    }
    if (value === undefined) {
      if (i + 1 >= argv.length) throw new UsageError(`option ${arg} needs a value`);
      value = argv[++i];
    }
    switch (arg) {
      case '--step':
      case '--from':
      case '--to': {
        if (!/^[1-9]\d{0,5}$/.test(value)) throw new UsageError(`${arg} expects a step number (1 for the first step; got "${value}")`);
        args[arg.slice(2) as 'step' | 'from' | 'to'] = Number(value) - 1;
        break;
      }
      case '--var': {
        const at = value.indexOf('=');
        const name = at < 0 ? value : value.slice(0, at);
        if (!NAME.test(name)) throw new UsageError(`--var expects NAME=VALUE or NAME (got "${value}")`);
        args.vars.push(at < 0 ? { name } : { name, value: value.slice(at + 1) });
        break;
      }
      case '--env-file':
        if (value === '') throw new UsageError('option --env-file needs a file');
        args.envFile = value;
        break;
      case '--format':
        if (value !== 'human' && value !== 'json') throw new UsageError(`unknown output format "${value}" (valid: human, json)`);
        args.format = value;
        break;
      case '--log-dir':
        if (value === '') throw new UsageError('option --log-dir needs a folder');
        args.logDir = value;
        break;
      case '--rollback':
        if (value !== 'ask' && value !== 'auto' && value !== 'never') throw new UsageError(`--rollback expects ask, auto or never (got "${value}")`);
        args.rollback = value;
        break;
      case '--timeout':
        if (!/^\d+(?:\.\d+)?$/.test(value) || Number(value) <= 0) throw new UsageError(`--timeout expects a number of seconds > 0 (got "${value}")`);
        args.timeoutSeconds = Number(value);
        break;
      case '--risky':
        if (value.trim() === '') throw new UsageError('option --risky needs a pattern');
        args.riskyPatterns.push(value);
        break;
    }
  }
  if (args.help) return args;
  if (args.step !== undefined && (args.from !== undefined || args.to !== undefined)) throw new UsageError('--step runs one step: it does not go with --from or --to');
  if (args.from !== undefined && args.to !== undefined && args.to < args.from) throw new UsageError(`--to ${args.to + 1} comes before --from ${args.from + 1}`);
  if (command === 'runs') {
    if (positional.length > 1) throw new UsageError(`"wfs runs" takes at most one workflow (got ${positional.length})`);
  } else {
    if (positional.length === 0) throw new UsageError(`"wfs ${command}" needs a workflow file`);
    if (positional.length > 1) throw new UsageError(`"wfs ${command}" runs one workflow at a time (got ${positional.length} files)`);
  }
  if (positional[0] !== undefined) args.file = positional[0];
  return args;
}

export const RUN_HELP = `Usage: wfs run <file> [options]     run a workflow's steps in this terminal
       wfs check <file> [options]   run only each step's Validation commands
       wfs runs [file] [options]    the run history, last status and metrics

Options of wfs run (and, where they apply, wfs check):
      --step N | --from N | --to N   Run one step, or the steps from / up to step N (1 is the first)
      --dry-run                      Show what would run (resolved commands, approvals, prompts); run nothing
      --var NAME=VALUE               A placeholder's value (repeatable); --var NAME takes it from the environment;
                                     a decision step's branch is --var <step id or name>=<branch>
      --env-file F                   A .env file of placeholder values
  -y, --yes                          Approve the steps that need an approval (recorded in the run log)
      --non-interactive              Never ask: a missing value, decision or approval stops the run (exit 2).
                                     The default without a terminal or with CI=true
      --rollback ask|auto|never      After a failure: ask (default in a terminal), roll back, or leave as is
                                     (default otherwise)
      --timeout SECONDS              A step's time limit when it sets none (a "**Timeout**:" line, YAML timeout)
      --risky PATTERN                A command that needs an approval besides the destructive-command table (repeatable)
  -f, --format human|json            human (default), or JSON Lines of the run's events (as in the run log)
      --log-dir DIR                  Where run logs go (default .workflow-runs); wfs runs reads them there
      --no-log                       Write no run log
      --color, --no-color            Force colors on or off

Exit codes: 0 passed, 1 a step failed (wfs check: a validation failed), 2 bad usage or a refused run,
130 interrupted (Ctrl+C).
`;
