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
}

const DEFAULTS: WfsSettings = { rules: {}, format: '', auditMaxAgeDays: 180, skills: [] };

export class SettingsCache {
  private readonly cache = new Map<string, Promise<WfsSettings>>();

  constructor(
    private readonly connection: Connection,
    private readonly canPull: () => boolean,
    private readonly configs: WorkspaceConfigs,
  ) {}

  /** The options for a document: its settings (pulled once, cached) merged with the workspace's .wfs.json. */
  async get(uri: string): Promise<LintOptions> {
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.pull(uri);
      this.cache.set(uri, settings);
    }
    const s = await settings;
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
    };
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
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
