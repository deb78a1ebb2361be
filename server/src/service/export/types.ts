/**
 * The exporter's interface: a target (GitHub Actions today) turns a workflow's resolved steps, the same data
 * `wfs run` and the editor's runner read (features/steps.ts), into another engine's file. A second target
 * (GitLab CI, Argo Workflows) is one module implementing ExportTarget plus its line in the registry (index.ts).
 * Pure: no file system, no editor.
 */
import type { StepsData } from '../features/steps';

export interface ExportSource {
  /** The source document's path relative to the repository root, forward slashes: named in the header. */
  path: string;
  /** The workflow's steps as the service resolves them for the runners. */
  workflow: StepsData;
}

export interface ExportTarget {
  /** The id `wfs export --to` takes: 'github-actions'. */
  readonly id: string;
  /** How the target is named in messages and the command's title: 'GitHub Actions'. */
  readonly label: string;
  /** Where the generated file goes, relative to the repository root, for a workflow file name (no extension). */
  outputPath(name: string): string;
  /** The generated file's body (without the header), or an ExportRefusal naming the step that cannot be expressed. */
  render(source: ExportSource, name: string): string;
}

/** A workflow the target cannot express faithfully: refused with a message that names the step, never exported wrongly. */
export class ExportRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportRefusal';
  }
}
