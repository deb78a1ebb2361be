/**
 * `wfs`: the command-line front end over the same service the language server uses.
 * Exit codes: 0 no errors, 1 errors (or more warnings than --max-warnings), 2 bad usage or internal error.
 */
import { statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { createWorkflowService } from '../service';
import { loadedBashParser } from '../shell/bashParser';
import { withShellcheck } from '../shell/shellcheck';
import type { LintOptions, SeveritySetting, WorkflowDiagnostic, WorkflowDocument, WorkflowService } from '../service';
import { ConventionGrouping, deriveConvention, documentShape, learnConventions } from '../service/conventions';
import type { DocumentShape } from '../service/conventions';
import { formatConventionsHuman, formatConventionsJson } from './conventions';
import { workflowSteps } from '../service/features/steps';
import { formatStepsHuman, toStepsReport } from './steps';
import { exportCommand } from './export';
import { graphCommand } from './graph';
import type { StepsReport } from './steps';
import { parseConfig } from '../service/config';
import type { WfsConfig } from '../service/config';
import type { FormatId, WorkflowModel } from '../service/model';
import { deriveTemplate } from '../service/templates/derive';
import type { TemplateDescriptor } from '../service/templates/types';
import { HELP, UsageError, parseArgs } from './args';
import type { CliArgs } from './args';
import { decodeFile, readTextFile } from './decode';
import { FileReadError, READ_LIMITS, readBounded } from '../files/boundedRead';
import type { Confinement } from '../files/boundedRead';
import type { DecodedFile } from './decode';
import { MissingPathError, discoverFiles, fileUrl, isWorkflowCandidate, relativePath, toSlash } from './discover';
import { GlobSet } from '../service/glob';
import { countSeverities, formatHuman, formatJson, formatRulesHuman, formatSarif, toCliDiagnostics } from './output';
import type { FileReport } from './output';
import { version as packageVersion } from '../../../package.json';

export const CONFIG_FILE_NAME = '.wfs.json';

export interface CliIo {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdoutIsTTY: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** A failure the user can fix (bad config, unreadable template): one line on stderr, exit 2. */
export class FatalError extends Error {}

/** Runs `wfs` and returns its exit code. Never throws. Tests may pass their own service factory. */
export function runCli(argv: readonly string[], io: CliIo, createService: () => WorkflowService = () => createWorkflowService({ cacheSize: 1, shellParser: loadedBashParser })): number {
  // The file being worked on, so an unexpected exception can name it.
  const progress = { file: '' };
  let debug = argv.includes('--debug');
  try {
    const service = createService();
    // `wfs export` has options of its own (cli/export.ts).
    if (argv[0] === 'export') return exportCommand(argv.slice(1), io, service);
    if (argv[0] === 'graph') return graphCommand(argv.slice(1), io, service);
    const args = parseArgs(argv, service.rules.map((r) => r.id));
    debug = args.debug;
    switch (args.command) {
      case 'help':
        io.stdout(HELP);
        return 0;
      case 'version':
        io.stdout(`${packageVersion}\n`);
        return 0;
      case 'rules':
        io.stdout(args.format === 'json' ? JSON.stringify(service.rules, null, 2) + '\n' : formatRulesHuman(service.rules));
        return 0;
      case 'lint':
        return lint(args, io, service, progress);
      case 'steps':
        return steps(args, io, service, progress);
      case 'conventions':
        return conventions(args, io, service, progress);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`wfs: ${e.message}\nRun "wfs ${argv[0] === 'export' || argv[0] === 'graph' ? `${argv[0]} ` : ''}--help" for usage.\n`);
      return 2;
    }
    if (e instanceof MissingPathError || e instanceof FatalError) {
      io.stderr(`wfs: ${e.message}\n`);
      return 2;
    }
    const message = e instanceof Error ? e.message : String(e);
    io.stderr(`wfs: internal error: ${firstLine(message)}${progress.file ? ` (${progress.file})` : ''}\n`);
    if (debug && e instanceof Error && e.stack) io.stderr(e.stack + '\n');
    return 2;
  }
}

function firstLine(s: string): string {
  const line = s.split(/\r?\n/, 1)[0];
  return line.length > 300 ? line.slice(0, 300) + '…' : line;
}

export interface LoadedConfig {
  config: WfsConfig;
  /** The folder the config's paths and globs are relative to. */
  dir: string;
  template?: TemplateDescriptor;
  /** The `templates` of the config, in order: a file takes the first whose glob matches it. */
  templates?: { set: GlobSet; template: TemplateDescriptor }[];
}

/** The service's options for one file under a loaded config: rules, template, audit age, skills, its forced format. */
export function configOptions(loaded: LoadedConfig, rulesOverride: Record<string, SeveritySetting> = {}): (absPath: string, formatOf?: FormatId) => LintOptions {
  const formatGlobs = Object.entries(loaded.config.formats ?? {}).map(([glob, format]) => ({ set: new GlobSet([glob]), format }));
  const baseOptions: LintOptions = {
    rules: { ...loaded.config.rules, ...rulesOverride },
    ...(loaded.template ? { template: loaded.template } : {}),
    ...(loaded.config.auditMaxAgeDays !== undefined ? { auditMaxAgeDays: loaded.config.auditMaxAgeDays } : {}),
    ...(loaded.config.skills ? { skills: loaded.config.skills } : {}),
    ...(loaded.config.destructiveCommands ? { destructiveCommands: loaded.config.destructiveCommands } : {}),
    ...(loaded.config.shellcheck ? { shellcheck: true } : {}),
  };
  return (absPath, formatOf) => {
    let format: FormatId | undefined = formatOf;
    const rel = formatGlobs.length > 0 || loaded.templates ? relativePath(loaded.dir, absPath) : '';
    if (format === undefined && formatGlobs.length > 0) format = formatGlobs.find((g) => g.set.matches(rel))?.format;
    const template = loaded.templates?.find((t) => t.set.matches(rel))?.template;
    const options = template ? { ...baseOptions, template } : baseOptions;
    return format ? { ...options, format } : options;
  };
}

/** A document read from disk, with the lint options of its config and format. */
interface ReadDocument {
  /** Relative to the current folder, forward slashes. */
  displayPath: string;
  absPath: string;
  text: string;
  doc: WorkflowDocument;
  options: LintOptions;
}

/**
 * Reads the workflow documents the paths, folders and globs name (with the config's include, exclude and formats),
 * one at a time: unreadable and binary files are reported on stderr and skipped. Returns the inputs that named no
 * workflow file.
 */
function visitDocuments(args: CliArgs, io: CliIo, progress: { file: string }, visit: (d: ReadDocument) => void, loaded = loadConfig(args, io)): string[] {
  const optionsFor = configOptions(loaded, args.rules);

  const inputs = args.paths.length > 0 ? args.paths : ['.'];
  const candidates = discoverFiles(inputs, {
    cwd: io.cwd,
    baseDir: loaded.dir,
    include: new GlobSet(loaded.config.include ?? []),
    exclude: new GlobSet(loaded.config.exclude ?? []),
  });

  const foundPerInput = new Array<number>(inputs.length).fill(0);
  for (const candidate of candidates) {
    const displayPath = relativePath(io.cwd, candidate.absPath) || candidate.absPath;
    progress.file = displayPath;
    let decoded: DecodedFile;
    try {
      // A folder walk and a glob list no symlinks: one found there now was swapped in, and is not followed.
      decoded = readTextFile(candidate.absPath, { noFollow: candidate.how !== 'explicit' });
    } catch (e) {
      // A file that vanished, cannot be read, is no regular file or is over the size limit is reported and
      // skipped; the others are still linted.
      if (candidate.how !== 'yaml' && candidate.how !== 'glob') candidate.inputs.forEach((i) => foundPerInput[i]++);
      const why = e instanceof FileReadError && e.reason !== 'unreadable' ? e.message : `cannot read file (${e instanceof FileReadError ? e.message : ((e as NodeJS.ErrnoException).code ?? 'error')})`;
      io.stderr(`${displayPath}: skipped: ${why}\n`);
      continue;
    }
    if (decoded.kind === 'binary') {
      if (candidate.how !== 'yaml' && candidate.how !== 'glob') candidate.inputs.forEach((i) => foundPerInput[i]++);
      io.stderr(`${displayPath}: skipped: binary file\n`);
      continue;
    }
    const text = decoded.text;
    if (!isWorkflowCandidate(candidate, text)) continue;
    candidate.inputs.forEach((i) => foundPerInput[i]++);
    if (decoded.invalidUtf8At !== undefined) {
      io.stderr(`${displayPath}: warning: invalid UTF-8 at byte ${decoded.invalidUtf8At}; linted with replacement characters\n`);
    }

    const options = optionsFor(candidate.absPath, args.formatOf);
    visit({ displayPath, absPath: candidate.absPath, text, doc: { uri: fileUrl(candidate.absPath), version: 1, getText: () => text }, options });
  }
  progress.file = '';
  return inputs.filter((_, i) => foundPerInput[i] === 0);
}

/** Reports the inputs that named no workflow file; exit code 2 unless --allow-empty. */
function reportEmpty(empty: readonly string[], args: CliArgs, io: CliIo): number {
  for (const input of empty) {
    io.stderr(`wfs: no workflow files found in ${input}${args.allowEmpty ? '' : ' (use --allow-empty to accept this)'}\n`);
  }
  return empty.length > 0 && !args.allowEmpty ? 2 : 0;
}

function lint(args: CliArgs, io: CliIo, service: WorkflowService, progress: { file: string }): number {
  const reports: FileReport[] = [];
  const report = ({ displayPath, text }: ReadDocument, model: WorkflowModel, found: readonly WorkflowDiagnostic[]): FileReport => {
    let diagnostics = toCliDiagnostics(text, found, model.lineStarts);
    if (args.quiet) diagnostics = diagnostics.filter((d) => d.severity === 'error');
    return { filePath: displayPath, format: model.format, diagnostics };
  };
  const loaded = loadConfig(args, io);
  let empty: string[];
  if (!args.conventions) {
    empty = visitDocuments(args, io, progress, (d) => {
      const model = service.parse(d.doc, d.options);
      reports.push(report(d, model, service.getDiagnostics(d.doc, withShellcheck(d.options, model))));
    }, loaded);
  } else {
    // The documents are read first (their texts only), then linted a group at a time: each group's models are
    // parsed once, its convention learned from them, and each model linted with it. Reports keep the read order.
    const read: ReadDocument[] = [];
    empty = visitDocuments(args, io, progress, (d) => read.push(d), loaded);
    const grouping = new ConventionGrouping(loaded.config);
    const groups = new Map<string, number[]>();
    read.forEach((d, i) => {
      const group = grouping.groupOf(groupPath(loaded.dir, d));
      const members = groups.get(group);
      if (members) members.push(i);
      else groups.set(group, [i]);
    });
    const out = new Array<FileReport>(read.length);
    for (const [group, members] of groups) {
      const models = members.map((i) => {
        progress.file = read[i].displayPath;
        return service.parse(read[i].doc, read[i].options);
      });
      const shapes = models.map(documentShape).filter((s): s is NonNullable<typeof s> => s !== undefined);
      const convention = deriveConvention(group, shapes, grouping.settings);
      members.forEach((i, k) => {
        const d = read[i];
        progress.file = d.displayPath;
        out[i] = report(d, models[k], service.getModelDiagnostics(models[k], withShellcheck(convention ? { ...d.options, convention } : d.options, models[k])));
      });
    }
    progress.file = '';
    reports.push(...out);
  }

  let exitCode = reportEmpty(empty, args, io);

  const color = args.color ?? (io.stdoutIsTTY && !io.env.NO_COLOR);
  if (args.format === 'json') io.stdout(formatJson(reports));
  else if (args.format === 'sarif') io.stdout(formatSarif(reports, service.rules, packageVersion));
  // Nothing to show when the only news is the usage error above.
  else if (reports.length > 0 || exitCode !== 2) io.stdout(formatHuman(reports, color));

  const counts = countSeverities(reports);
  if (exitCode === 0 && counts.errors > 0) exitCode = 1;
  if (args.maxWarnings !== undefined && counts.warnings > args.maxWarnings) {
    io.stderr(`wfs: too many warnings (${counts.warnings}); maximum allowed is ${args.maxWarnings}\n`);
    if (exitCode === 0) exitCode = 1;
  }
  return exitCode;
}

/** `wfs steps`: each document's steps as the model reads them (what the Steps view and the run lenses show). */
function steps(args: CliArgs, io: CliIo, service: WorkflowService, progress: { file: string }): number {
  const reports: StepsReport[] = [];
  const empty = visitDocuments(args, io, progress, ({ displayPath, doc, options }) => {
    const model = service.parse(doc, options);
    reports.push(toStepsReport(displayPath, model, workflowSteps(model, options)));
  });
  const exitCode = reportEmpty(empty, args, io);
  if (args.format === 'json') io.stdout(JSON.stringify(reports, null, 2) + '\n');
  else if (reports.length > 0) io.stdout(formatStepsHuman(reports));
  return exitCode;
}

/** A document's path for grouping: relative to the config's folder, or as shown when it lies outside it. */
function groupPath(base: string, d: ReadDocument): string {
  const rel = relativePath(base, d.absPath);
  return rel === '' || rel.startsWith('../') || isAbsolute(rel) ? d.displayPath : rel;
}

/** `wfs conventions`: what each group of the documents has in common, as the convention.* rules see it. */
function conventions(args: CliArgs, io: CliIo, service: WorkflowService, progress: { file: string }): number {
  const loaded = loadConfig(args, io);
  const documents: { relPath: string; shape: DocumentShape | undefined }[] = [];
  const empty = visitDocuments(args, io, progress, (d) => documents.push({ relPath: groupPath(loaded.dir, d), shape: documentShape(service.parse(d.doc, d.options)) }), loaded);
  const exitCode = reportEmpty(empty, args, io);
  const grouping = new ConventionGrouping(loaded.config);
  const groups = [...learnConventions(documents, grouping).values()];
  if (args.format === 'json') io.stdout(formatConventionsJson(groups, grouping.settings));
  else if (groups.length > 0) io.stdout(formatConventionsHuman(groups, grouping.settings));
  return exitCode;
}

/**
 * One workflow file named on the command line, read and parsed as `wfs lint` would (the same config and format
 * options): for `wfs run`, `wfs check` and `wfs export`.
 */
export function parseWorkflowFile(
  file: string,
  io: Pick<CliIo, 'cwd' | 'stderr'>,
  service: WorkflowService,
): { absPath: string; shownPath: string; uri: string; model: WorkflowModel; doc: WorkflowDocument; options: LintOptions } {
  const absPath = resolve(io.cwd, file);
  const shownPath = relativePath(io.cwd, absPath) || absPath;
  let text: string;
  try {
    const decoded = readTextFile(absPath);
    if (decoded.kind === 'binary') throw new FatalError(`${shownPath}: binary file, not a workflow`);
    text = decoded.text;
  } catch (e) {
    if (e instanceof FileReadError) throw new FatalError(`cannot read ${shownPath}: ${e.message}`);
    throw e;
  }
  const options = configOptions(loadConfig({ noConfig: false }, io))(absPath);
  const uri = fileUrl(absPath);
  const doc: WorkflowDocument = { uri, version: 1, getText: () => text };
  return { absPath, shownPath, uri, model: service.parse(doc, options), doc, options };
}

export function loadConfig(args: Pick<CliArgs, 'config' | 'noConfig'>, io: Pick<CliIo, 'cwd' | 'stderr'>): LoadedConfig {
  let path: string | undefined;
  if (args.config !== undefined) path = resolve(io.cwd, args.config);
  else if (!args.noConfig) path = findConfig(io.cwd);
  if (path === undefined) return { config: {}, dir: io.cwd };

  const shown = toSlash(relative(io.cwd, path)) || path;
  const dir = dirname(path);
  // The config and its template are read only from inside the config's folder or the current folder: a
  // symlink or a `..` path out of the repository could otherwise print a secret file's lines in a CI log.
  const within: Confinement = { roots: [dir, io.cwd], what: "the config's folder and the current folder" };
  let bytes: Buffer;
  try {
    bytes = readBounded(path, READ_LIMITS.config, { within });
  } catch (e) {
    if (e instanceof FileReadError) throw new FatalError(`cannot read config file ${args.config ?? shown}: ${e.message}`);
    throw e;
  }
  const decoded = decodeFile(bytes);
  if (decoded.kind === 'binary') throw new FatalError(`${shown}: not a JSON file`);
  const { config, errors } = parseConfig(decoded.text, shown);
  if (errors.length > 0) throw new FatalError(errors.join('\nwfs: '));
  const loaded: LoadedConfig = { config, dir };
  if (config.template !== undefined) {
    loaded.template = loadTemplate(join(dir, config.template), { config: shown, key: config.template }, within, io.cwd, (m) => io.stderr(`wfs: warning: ${m}\n`));
  }
  if (config.templates) {
    loaded.templates = Object.entries(config.templates).map(([glob, path]) => ({
      set: new GlobSet([glob]),
      template: loadTemplate(join(dir, path), { config: shown, key: `templates: ${path}` }, within, io.cwd, (m) => io.stderr(`wfs: warning: ${m}\n`)),
    }));
  }
  return loaded;
}

/** `.wfs.json` in `cwd` or the nearest parent folder that has one. */
export function findConfig(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    const stat = statSync(candidate, { throwIfNoEntry: false });
    if (stat && !stat.isDirectory()) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

function loadTemplate(
  path: string,
  from: { config: string; key: string },
  within: Confinement,
  cwd: string,
  warn: (message: string) => void,
): TemplateDescriptor {
  const shown = toSlash(relative(cwd, path)) || path;
  let bytes: Uint8Array;
  try {
    bytes = readBounded(path, READ_LIMITS.template, { within });
  } catch (e) {
    if (!(e instanceof FileReadError)) throw e;
    // A path out of bounds is a mistake in the config (or an attack on it): name the key.
    if (e.reason === 'outside') throw new FatalError(`${from.config}: "template": ${from.key}: ${e.message}`);
    throw new FatalError(`cannot read template ${shown}: ${e.message}`);
  }
  const decoded = decodeFile(bytes);
  if (decoded.kind === 'binary') throw new FatalError(`cannot use template ${shown}: binary file`);
  const { template, errors } = deriveTemplate(decoded.text, shown);
  if (!template) throw new FatalError(`cannot use template ${shown}: ${errors[0] ?? 'no structure found'}`);
  // Problems that still left a usable template are worth a line each, not a failure.
  for (const error of errors) warn(`template ${shown}: ${error}`);
  return template;
}
