/**
 * Which documents are workflows, by path and (for YAML) a cheap look at the text.
 */
import { tailMatchStart } from '../textScan';

/** 'markdown' or 'yaml' for a workflow document; undefined for anything else. */
export function workflowKind(path: string, text?: string): 'markdown' | 'yaml' | undefined {
  const lower = path.toLowerCase();
  if (/\.(md|markdown|mdx|txt)$/.test(lower)) return 'markdown';
  if (/\.(workflow|wf)\.ya?ml$/.test(lower)) return 'yaml';
  if (/\.ya?ml$/.test(lower)) {
    // Any other YAML file is a workflow definition when it has a top-level `steps` key.
    if (text === undefined) return /(^|[\\/])workflows[\\/]/.test(lower) ? 'yaml' : undefined;
    return /^steps\s*:/m.test(text) ? 'yaml' : undefined;
  }
  return undefined;
}

/** The last document's URI and its baseName: a document's format detection asks for it several times. */
let lastPath: string | undefined;
let lastName = '';

/** The file name of a URI or path, lower-cased. */
function baseName(path: string): string {
  if (path !== lastPath) {
    lastName = fileName(path);
    lastPath = path;
  }
  return lastName;
}

function fileName(path: string): string {
  // Without a query or fragment (`/[?#].*$/`, found by a scan: the expression rescans from every `#`).
  const cut = tailMatchStart(path, (c) => c === 63 || c === 35);
  const clean = cut < 0 ? path : path.slice(0, cut);
  let name = clean.slice(Math.max(clean.lastIndexOf('/'), clean.lastIndexOf('\\')) + 1);
  try {
    name = decodeURIComponent(name);
  } catch {
    // A malformed escape: the name as written.
  }
  return name.toLowerCase();
}

function folders(path: string): string {
  let p = path.replace(/\\/g, '/');
  try {
    p = decodeURIComponent(p);
  } catch {
    // A malformed escape: the path as written.
  }
  return p.toLowerCase();
}

// Where agent tools keep the workflows, commands, prompts and rules they follow.
const AGENT_FOLDERS = /\/\.(?:windsurf\/(?:workflows|rules)|cursor\/(?:commands|rules|prompts)|claude\/(?:commands|agents|skills)|clinerules|roo\/(?:commands|rules)|agents?\/(?:workflows|commands|rules)|github\/(?:prompts|chatmodes|instructions)|continue\/(?:prompts|rules)|kiro\/steering|amazonq\/rules)\//;
const AGENT_FILES = /\.(?:prompt|chatmode|instructions|agent)\.md$/;
// Front-matter keys of agent commands and prompts (Windsurf, Claude Code, Cursor, Copilot prompt files).
const AGENT_KEYS = new Set([
  'description', 'allowed-tools', 'allowed_tools', 'tools', 'mode', 'agent', 'model', 'argument-hint', 'argument_hint',
  'tool_targets', 'globs', 'alwaysApply', 'always_apply', 'applyTo', 'trigger', 'auto_execution_mode', 'disable-model-invocation',
]);

/**
 * A document written for an AI agent: kept where agent tools look for their workflows, commands and prompts,
 * or with front matter that only an agent tool reads (a `description`, `allowed-tools`, `mode`...).
 */
export function isAgentDocument(uri: string, data: Record<string, unknown> | undefined): boolean {
  if (AGENT_FOLDERS.test(folders(uri)) || AGENT_FILES.test(baseName(uri))) return true;
  if (!data) return false;
  const keys = Object.keys(data).filter((k) => k !== 'wfs-format' && k !== 'workflow-format');
  return keys.length > 0 && keys.every((k) => AGENT_KEYS.has(k)) && keys.some((k) => k !== 'model');
}

/** Titles of pages that point to workflows rather than being one. */
const REFERENCE_TITLE = /(?:^|[^\p{L}])(?:index|reference|cheat ?sheet|quick ?ref(?:erence)?|glossary|faq|table of contents|inhaltsverzeichnis|sommaire|索引)(?:$|[^\p{L}])/iu;

/**
 * A README, an index or a reference page: it sits next to workflows and describes them, but it is not one. Told
 * by its file name (README, index), its title (an index, a reference, a cheat sheet), or front matter that says so.
 */
export function isReferenceDocument(uri: string, title: string | undefined, data: Record<string, unknown> | undefined): boolean {
  const name = baseName(uri);
  if (/^(?:readme|index|_index)(?:\.[a-z]+)?\.(?:md|markdown|mdx|txt)$/.test(name)) return true;
  if (title !== undefined && REFERENCE_TITLE.test(title)) return true;
  for (const key of ['category', 'type', 'doc_type', 'kind', 'layout']) {
    const v = data?.[key];
    if (typeof v === 'string' && /^(?:index|reference|readme|overview)$/i.test(v.trim())) return true;
  }
  return false;
}
