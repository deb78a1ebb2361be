/**
 * The team template `.wfs.json` names, read for New Workflow as the linter reads it (files/boundedRead.ts):
 * both files bounded, regular, and only from inside the workspace, so a `"template": "../secrets/prod.env"` in
 * an untrusted repository cannot pour another file into a new document. Free of VS Code.
 */
import { join } from 'node:path';
import { FileReadError, READ_LIMITS, readBoundedText } from '../../../server/src/files/boundedRead';
import { configuredTemplatePath, type TemplateSource } from './template';

export interface TeamTemplate {
  template?: TemplateSource;
  /** Why the configured template is not offered (for the output channel); absent when nothing is wrong. */
  problem?: string;
}

/**
 * The template the `.wfs.json` of `folder` names, when it reads. `roots` are the workspace folders: the config
 * and the template must resolve inside one of them. No config, or one without a template, is no problem.
 */
export function readTeamTemplate(folder: string, roots: readonly string[]): TeamTemplate {
  const within = { roots, what: 'the workspace' };
  let config: string;
  try {
    config = readBoundedText(join(folder, '.wfs.json'), READ_LIMITS.config, { within });
  } catch (e) {
    if (e instanceof FileReadError && e.reason === 'missing') return {};
    return { problem: `.wfs.json cannot be read: ${(e as Error).message}` };
  }
  const path = configuredTemplatePath(config);
  if (!path) return {};
  let text: string;
  try {
    text = readBoundedText(join(folder, path), READ_LIMITS.template, { within });
  } catch (e) {
    // A path out of the workspace is a mistake in the config (or an attack on it): name the key.
    if (e instanceof FileReadError && e.reason === 'outside') return { problem: `.wfs.json: "template": ${path}: ${e.message}` };
    return { problem: `.wfs.json names the template ${path}, which cannot be read: ${(e as Error).message}` };
  }
  const name = path.split(/[\\/]/).pop();
  return { template: { id: `workspace:${path}`, label: `Team template (${name})`, detail: `${path}, from .wfs.json`, text, extension: '.md' } };
}
