/**
 * What the pure service may know about the rest of the workspace: the workflow documents the language
 * server has indexed. The server implements it (from disk and open documents); tests pass an in-memory one.
 */
import type { WorkflowModel } from './model';

export interface WorkspaceView {
  /** The URIs of every indexed workflow document (open or not). */
  uris(): readonly string[];
  /** The model of an indexed document (the open version when it is open), parsed on demand; undefined if unknown. */
  model(uri: string): WorkflowModel | undefined;
}

export const EMPTY_WORKSPACE: WorkspaceView = Object.freeze({ uris: () => [], model: () => undefined });
