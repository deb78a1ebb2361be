/**
 * Settings, pulled per resource from the client (`wfs.*`) and cached per document until they change.
 */
import type { Connection } from 'vscode-languageserver';
import type { LintOptions, SeveritySetting } from '../service';
import type { FormatId } from '../service/model';
import { FORMAT_IDS } from '../service/model';

export interface WfsSettings {
  rules: Record<string, SeveritySetting>;
  format: FormatId | '';
  auditMaxAgeDays: number;
  skills: string[];
}

const DEFAULTS: WfsSettings = { rules: {}, format: '', auditMaxAgeDays: 180, skills: [] };

export class SettingsCache {
  private readonly cache = new Map<string, Promise<LintOptions>>();

  constructor(private readonly connection: Connection, private readonly canPull: () => boolean) {}

  get(uri: string): Promise<LintOptions> {
    let options = this.cache.get(uri);
    if (!options) {
      options = this.pull(uri);
      this.cache.set(uri, options);
    }
    return options;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
  }

  private async pull(uri: string): Promise<LintOptions> {
    let raw: Partial<WfsSettings> | undefined;
    if (this.canPull()) {
      try {
        raw = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'wfs' });
      } catch {
        raw = undefined;
      }
    }
    const s = { ...DEFAULTS, ...(raw ?? {}) };
    const format = (FORMAT_IDS as readonly string[]).includes(s.format) ? (s.format as FormatId) : undefined;
    return { rules: s.rules, format, auditMaxAgeDays: s.auditMaxAgeDays, skills: s.skills };
  }
}
