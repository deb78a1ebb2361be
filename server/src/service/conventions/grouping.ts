/**
 * Which group a document belongs to: the first `conventions.groups` glob of `.wfs.json` it matches, else the first
 * `formats` glob, else its folder. Paths are relative to the config's folder (or the workspace folder).
 */
import { GlobSet } from '../glob';
import type { WfsConfig } from '../config';
import { DEFAULT_CONVENTION_SETTINGS } from './types';
import type { ConventionSettings } from './types';

export class ConventionGrouping {
  private readonly globs: { glob: string; set: GlobSet }[];
  readonly settings: ConventionSettings;

  constructor(config: Pick<WfsConfig, 'conventions' | 'formats'> = {}) {
    const globs = [...(config.conventions?.groups ?? []), ...Object.keys(config.formats ?? {})];
    this.globs = globs.map((glob) => ({ glob, set: new GlobSet([glob]) }));
    this.settings = {
      threshold: config.conventions?.threshold ?? DEFAULT_CONVENTION_SETTINGS.threshold,
      minDocuments: config.conventions?.minDocuments ?? DEFAULT_CONVENTION_SETTINGS.minDocuments,
    };
  }

  /** The group of a document at `relPath` (forward slashes): a glob as written, or its folder with a final "/". */
  groupOf(relPath: string): string {
    for (const g of this.globs) if (g.set.matches(relPath)) return g.glob;
    const slash = relPath.lastIndexOf('/');
    return slash < 0 ? './' : relPath.slice(0, slash + 1);
  }
}
