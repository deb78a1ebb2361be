/**
 * The workspace's `.wfs.json` (the same file the CLI reads), found in the workspace folder that holds a document.
 * Re-read when the file or its template changes (checked by modification time, so no watcher is needed). Both
 * are read bounded and only from inside the workspace (see files/boundedRead.ts): linting runs in untrusted
 * workspaces too.
 */
import { statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LintOptions } from '../service';
import { parseConfig } from '../service/config';
import type { WfsConfig } from '../service/config';
import { deriveTemplate } from '../service/templates/derive';
import type { TemplateDescriptor } from '../service/templates/types';
import { GlobSet } from '../service/glob';
import { ConventionGrouping } from '../service/conventions/grouping';
import { FileReadError, isInside, READ_LIMITS, readBoundedText } from '../files/boundedRead';
import type { Confinement } from '../files/boundedRead';

export const CONFIG_FILE_NAME = '.wfs.json';

interface LoadedConfig {
  stamp: string;
  config: WfsConfig;
  template?: TemplateDescriptor;
  /** The config's `templates`, in order: a file takes the first whose glob matches it. */
  templates: { set: GlobSet; path: string; template?: TemplateDescriptor }[];
  formats: { set: GlobSet; format: NonNullable<LintOptions['format']> }[];
  errors: string[];
  /** How the folder's documents are grouped for conventions (built once per load of the config). */
  grouping?: ConventionGrouping;
}

const DEFAULT_GROUPING = new ConventionGrouping();

export class WorkspaceConfigs {
  private folders: string[] = [];
  private readonly loaded = new Map<string, LoadedConfig>();

  constructor(private readonly log: (message: string) => void) {}

  setFolders(uris: readonly string[]): void {
    this.folders = uris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    this.loaded.clear();
  }

  /** Options from the config of the folder holding `uri` (empty when there is none). */
  optionsFor(uri: string): LintOptions {
    if (!uri.startsWith('file:')) return {};
    const path = fileURLToPath(uri);
    const folder = this.folders.filter((f) => isInside(f, path)).sort((a, b) => b.length - a.length)[0];
    if (!folder) return {};
    const config = this.load(folder);
    if (!config) return {};
    const rel = relative(folder, path).replace(/\\/g, '/');
    const options: LintOptions = {};
    if (config.config.rules) options.rules = config.config.rules;
    if (config.config.auditMaxAgeDays !== undefined) options.auditMaxAgeDays = config.config.auditMaxAgeDays;
    if (config.config.skills) options.skills = config.config.skills;
    if (config.config.destructiveCommands) options.destructiveCommands = config.config.destructiveCommands;
    if (config.config.shellcheck !== undefined) options.shellcheck = config.config.shellcheck;
    const template = config.templates.find((t) => t.set.matches(rel))?.template ?? config.template;
    if (template) options.template = template;
    const format = config.formats.find((f) => f.set.matches(rel))?.format;
    if (format) options.format = format;
    return options;
  }

  /** How documents of `folder` (a workspace folder path) are grouped for conventions, from its config. */
  groupingOf(folder: string): ConventionGrouping {
    const loaded = this.load(folder);
    if (!loaded) return DEFAULT_GROUPING;
    return (loaded.grouping ??= new ConventionGrouping(loaded.config));
  }

  /** The include/exclude globs of the config in `folder` (a path), relative to that folder. */
  filesOf(folder: string): { include: string[]; exclude: string[] } {
    const config = this.load(folder)?.config;
    return { include: config?.include ?? [], exclude: config?.exclude ?? [] };
  }

  private load(folder: string): LoadedConfig | undefined {
    const file = join(folder, CONFIG_FILE_NAME);
    const stamp = fileStamp(file);
    const cached = this.loaded.get(folder);
    const fullStamp = stamp + (cached ? templateStamps(folder, cached.config) : '');
    if (cached && cached.stamp === fullStamp) return cached.stamp === 'none' ? undefined : cached;
    if (stamp === 'none') {
      this.loaded.set(folder, { stamp: 'none', config: {}, formats: [], templates: [], errors: [] });
      return undefined;
    }
    const within: Confinement = { roots: this.folders, what: 'the workspace' };
    let text = '';
    try {
      text = readBoundedText(file, READ_LIMITS.config, { within });
    } catch (e) {
      this.log(`wfs: cannot read ${file}: ${(e as Error).message}`);
      // Remembered with its stamp, so the failure is logged once, not on every keystroke.
      this.loaded.set(folder, { stamp, config: {}, formats: [], templates: [], errors: [] });
      return undefined;
    }
    const { config, errors } = parseConfig(text, file);
    const loaded: LoadedConfig = {
      stamp: '',
      config,
      errors,
      formats: Object.entries(config.formats ?? {}).map(([glob, format]) => ({ set: new GlobSet([glob]), format })),
      templates: Object.entries(config.templates ?? {}).map(([glob, path]) => ({ set: new GlobSet([glob]), path })),
    };
    const readTemplate = (path: string, key: string): TemplateDescriptor | undefined => {
      try {
        const derived = deriveTemplate(readBoundedText(join(dirname(file), path), READ_LIMITS.template, { within }), path);
        errors.push(...derived.errors.map((e) => `template ${path}: ${e}`));
        return derived.template;
      } catch (e) {
        // A path out of the workspace is a mistake in the config (or an attack on it): name the key.
        if (e instanceof FileReadError && e.reason === 'outside') errors.push(`"${key}": ${path}: ${e.message}`);
        else errors.push(`cannot read template ${path}: ${(e as Error).message}`);
        return undefined;
      }
    };
    if (config.template) loaded.template = readTemplate(config.template, 'template');
    for (const t of loaded.templates) t.template = readTemplate(t.path, 'templates');
    loaded.stamp = stamp + templateStamps(folder, config);
    for (const error of errors) this.log(`wfs: ${CONFIG_FILE_NAME}: ${error}`);
    this.loaded.set(folder, loaded);
    return loaded;
  }
}

/** The stamps of the config's template files: an edited template is read again. */
function templateStamps(folder: string, config: WfsConfig): string {
  const paths = [...(config.template ? [config.template] : []), ...Object.values(config.templates ?? {})];
  return paths.map((p) => `|${fileStamp(join(folder, p))}`).join('');
}

function fileStamp(path: string): string {
  try {
    const s = statSync(path);
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return 'none';
  }
}
