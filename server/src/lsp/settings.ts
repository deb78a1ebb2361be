/**
 * Settings, pulled per resource from the client (`wfs.*`) and cached per document until they change.
 */
import type { Connection } from 'vscode-languageserver';
import type { LintOptions, SeveritySetting } from '../service';
import type { FormatId } from '../service/model';
import { FORMAT_IDS } from '../service/model';
import type { WorkspaceConfigs } from './workspaceConfig';

export interface WfsSettings {
  rules: Record<string, SeveritySetting>;
  format: FormatId | '';
  auditMaxAgeDays: number;
  skills: string[];
  shellcheck: { enabled?: boolean };
}

const DEFAULTS: WfsSettings = { rules: {}, format: '', auditMaxAgeDays: 180, skills: [], shellcheck: {} };

export class SettingsCache {
  private readonly cache = new Map<string, Promise<WfsSettings>>();
  /** The settings already pulled, by scope URI, for callers that cannot wait (see `peek`). */
  private readonly ready = new Map<string, WfsSettings>();

  constructor(
    private readonly connection: Connection,
    private readonly canPull: () => boolean,
    /** The workspace's .wfs.json files (the workspace index reads their include/exclude globs). */
    readonly configs: WorkspaceConfigs,
  ) {}

  /** The options for a document: its settings (pulled once, cached) merged with the workspace's .wfs.json. */
  async get(uri: string): Promise<LintOptions> {
    return this.getScoped(uri, uri);
  }

  /**
   * The options for `uri` with the settings of `scopeUri` (a workspace folder): the workspace index lints
   * thousands of closed files, and pulling settings once per folder instead of once per file keeps that to
   * one request per folder. Resource settings differ per folder, not per file.
   */
  async getScoped(uri: string, scopeUri: string): Promise<LintOptions> {
    let settings = this.cache.get(scopeUri);
    if (!settings) {
      settings = this.pull(scopeUri).then((s) => {
        this.ready.set(scopeUri, s);
        return s;
      });
      this.cache.set(scopeUri, settings);
    }
    return this.merge(uri, await settings);
  }

  /** The options for `uri` right now: its pulled settings when they have arrived, the defaults otherwise. */
  peek(uri: string, scopeUri?: string): LintOptions {
    return this.merge(uri, this.ready.get(uri) ?? (scopeUri ? this.ready.get(scopeUri) : undefined) ?? DEFAULTS);
  }

  private merge(uri: string, s: WfsSettings): LintOptions {
    const format = (FORMAT_IDS as readonly string[]).includes(s.format) ? (s.format as FormatId) : undefined;
    // The workspace's .wfs.json is the team's configuration; a user's per-rule setting overrides it, and a
    // format chosen in settings wins over the config's format globs. The file is checked on every call
    // (a stat), so edits to it apply without a restart.
    const fromFile = this.configs.optionsFor(uri);
    return {
      ...fromFile,
      rules: { ...(fromFile.rules ?? {}), ...s.rules },
      format: format ?? fromFile.format,
      auditMaxAgeDays: fromFile.auditMaxAgeDays ?? s.auditMaxAgeDays,
      skills: [...(fromFile.skills ?? []), ...s.skills],
      // Either turns it on: the team's config or the user's setting.
      shellcheck: fromFile.shellcheck === true || s.shellcheck?.enabled === true,
    };
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.ready.delete(uri);
  }

  clear(): void {
    this.cache.clear();
    this.ready.clear();
  }

  private async pull(uri: string): Promise<WfsSettings> {
    let raw: Partial<WfsSettings> | undefined;
    if (this.canPull()) {
      try {
        raw = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'wfs' });
      } catch {
        raw = undefined;
      }
    }
    return { ...DEFAULTS, ...(raw ?? {}) };
  }
}
