/**
 * Command-line arguments of `wfs`: parsed into a plain object, or a usage error (exit code 2).
 */
import { FORMAT_IDS } from '../service/model';
import type { FormatId } from '../service/model';
import type { SeveritySetting } from '../service/options';

export type OutputFormat = 'human' | 'json' | 'sarif';

export interface CliArgs {
  command: 'lint' | 'steps' | 'rules' | 'conventions' | 'help' | 'version';
  paths: string[];
  format: OutputFormat;
  formatOf?: FormatId;
  config?: string;
  noConfig: boolean;
  rules: Record<string, SeveritySetting>;
  quiet: boolean;
  maxWarnings?: number;
  allowEmpty: boolean;
  debug: boolean;
  color?: boolean;
  /** Learn each group's convention and run the convention.* rules (`--no-conventions` turns this off). */
  conventions: boolean;
}

export class UsageError extends Error {}

const OUTPUT_FORMATS: readonly OutputFormat[] = ['human', 'json', 'sarif'];
const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];

/** Options that take a value, and whether they may be repeated. */
const VALUE_OPTIONS = new Set(['--format', '--format-of', '--config', '--rule', '--max-warnings']);
const FLAG_OPTIONS = new Set(['--quiet', '--help', '--version', '--debug', '--no-config', '--allow-empty', '--color', '--no-color', '--no-conventions']);

/**
 * Parses `argv` (without the node and script paths). `knownRules` are the registry's rule ids:
 * `--rule` with any other id is a usage error.
 */
export function parseArgs(argv: readonly string[], knownRules: readonly string[]): CliArgs {
  const args: CliArgs = { command: 'lint', paths: [], format: 'human', noConfig: false, rules: {}, quiet: false, allowEmpty: false, debug: false, conventions: true };
  let command: string | undefined;
  let help = false;
  let version = false;
  let onlyPaths = false;

  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      if (command === undefined) command = arg;
      else args.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    if (arg === '-h') arg = '--help';
    if (arg === '-v') arg = '--version';
    if (arg === '-q') arg = '--quiet';
    if (arg === '-f') arg = '--format';
    if (arg === '-c') arg = '--config';
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq !== -1) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    if (FLAG_OPTIONS.has(arg)) {
      if (value !== undefined) throw new UsageError(`option ${arg} takes no value`);
      switch (arg) {
        case '--quiet': args.quiet = true; break;
        case '--help': help = true; break;
        case '--version': version = true; break;
        case '--debug': args.debug = true; break;
        case '--no-config': args.noConfig = true; break;
        case '--allow-empty': args.allowEmpty = true; break;
        case '--color': args.color = true; break;
        case '--no-color': args.color = false; break;
        case '--no-conventions': args.conventions = false; break;
      }
      continue;
    }
    if (!VALUE_OPTIONS.has(arg)) throw new UsageError(`unknown option: ${argv[i]}`);
    if (value === undefined) {
      if (i + 1 >= argv.length || (argv[i + 1].startsWith('-') && argv[i + 1] !== '-')) throw new UsageError(`option ${arg} needs a value`);
      value = argv[++i];
    }
    switch (arg) {
      case '--format':
        if (!(OUTPUT_FORMATS as readonly string[]).includes(value))
          throw new UsageError(`unknown output format "${value}" (valid: ${OUTPUT_FORMATS.join(', ')})`);
        args.format = value as OutputFormat;
        break;
      case '--format-of':
        if (!(FORMAT_IDS as readonly string[]).includes(value))
          throw new UsageError(`unknown document format "${value}" (valid: ${FORMAT_IDS.join(', ')})`);
        args.formatOf = value as FormatId;
        break;
      case '--config':
        if (value === '') throw new UsageError('option --config needs a file');
        args.config = value;
        break;
      case '--rule': {
        const m = /^([^=:\s]+)\s*[=:]\s*(\S+)$/.exec(value);
        if (!m) throw new UsageError(`--rule expects id=severity (got "${value}")`);
        const [, id, severity] = m;
        if (!knownRules.includes(id)) throw new UsageError(`unknown rule "${id}" (run "wfs rules" to list them)`);
        if (!(SEVERITY_SETTINGS as readonly string[]).includes(severity))
          throw new UsageError(`unknown severity "${severity}" for ${id} (valid: ${SEVERITY_SETTINGS.join(', ')})`);
        args.rules[id] = severity as SeveritySetting;
        break;
      }
      case '--max-warnings':
        if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings expects a whole number >= 0 (got "${value}")`);
        args.maxWarnings = Number(value);
        break;
    }
  }

  if (help) args.command = 'help';
  else if (version) args.command = 'version';
  else if (command === undefined) throw new UsageError('missing command (expected "lint", "steps", "rules", "conventions", "run", "check", "runs" or "export")');
  else if (command === 'lint' || command === 'steps' || command === 'rules' || command === 'conventions') args.command = command;
  else if (command === 'help') args.command = 'help';
  else throw new UsageError(`unknown command "${command}" (expected "lint", "steps", "rules", "conventions", "run", "check", "runs" or "export")`);
  if (args.command === 'rules' && args.paths.length > 0) throw new UsageError(`"wfs rules" takes no paths (got "${args.paths[0]}")`);
  if (args.command === 'conventions' && args.format === 'sarif') throw new UsageError('"wfs conventions" writes human or json (not sarif)');
  if (args.command === 'steps') {
    if (args.paths.length === 0) throw new UsageError('"wfs steps" needs at least one file, folder or glob');
    if (args.format === 'sarif') throw new UsageError('"wfs steps" writes human or json (not sarif)');
  }
  return args;
}

export const HELP = `Usage: wfs lint [options] [paths or globs...]
       wfs steps [--format human|json] [--format-of <format>] <paths or globs...>
       wfs rules [--format human|json]
       wfs conventions [--format human|json] [paths or globs...]
                                    what each group of documents has in common (the convention.* rules)
       wfs run <file> [options]     run a workflow's steps in this terminal (wfs run --help)
       wfs check <file> [options]   run only each step's Validation commands
       wfs runs [file]              the run history, last status and metrics
       wfs export --to github-actions <file> [-o PATH] [--check]
                                    the workflow as a GitHub Actions workflow (wfs export --help)
       wfs graph <file> [--format mermaid|svg] [-o PATH]
                                    the workflow as a graph (wfs graph --help)

Lints workflow documents: Markdown runbooks (*.md, *.markdown) and YAML workflow definitions.
Folders are searched recursively; node_modules, .git and the config's "exclude" globs are skipped.
With no paths, the current folder is linted. "wfs steps" prints each document's steps as the model reads them
(title, line, kind, why it is a step, commands and their language, validation, rollback, approvals).

Options:
  -f, --format <human|json|sarif>  Output format (default: human)
      --format-of <format>         Force the document format: ${FORMAT_IDS.join(', ')}
  -c, --config <file>              Config file (default: .wfs.json in the current folder or the nearest parent)
      --no-config                  Do not look for a config file
      --rule <id=severity>         Set a rule's severity: error, warning, information, hint or off (repeatable)
  -q, --quiet                      Report errors only
      --max-warnings <n>           Exit with 1 when there are more than n warnings
      --allow-empty                Exit with 0 when no workflow file is found (default: exit 2)
      --no-conventions             Do not learn the groups' conventions (no convention.* findings)
      --color, --no-color          Force colors on or off (default: on for a terminal unless NO_COLOR is set)
      --debug                      Print the stack trace of an internal error
  -h, --help                       Show this help
  -v, --version                    Show the version

Exit codes: 0 no errors, 1 errors found (or more warnings than --max-warnings), 2 bad usage or internal error.
`;
