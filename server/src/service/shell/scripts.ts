/**
 * The shell scripts of a document, parsed once per model: every Markdown code block in a shell language (bash, sh,
 * shell, zsh, ksh, and console blocks with their `$ ` prompts stripped and their output left out), with a map from
 * script offsets back to document offsets. Analyses are cached by script text across versions, so an edit inside
 * one block re-parses that block only.
 */
import type { Command, MdCodeBlock, WorkflowModel } from '../model';
import { RUNNABLE_LANGS } from '../parse/vocabulary';
import { blockCodeLines } from '../parse/markdownSteps';
import { lineAt } from '../text';
import { analyzeShell, type ShellAnalysis, type ShellCommand } from './analyze';
import type { ShellParser } from './types';

/** Block languages parsed as bash scripts (console blocks are read for their `$ ` lines). */
export const PARSED_SHELL_LANGS: ReadonlySet<string> = new Set(['bash', 'sh', 'shell', 'zsh', 'ksh', 'shellscript', 'shell-script', 'console', 'shell-session']);
const CONSOLE_LANGS: ReadonlySet<string> = new Set(['console', 'shell-session']);

export interface ShellScript {
  block: MdCodeBlock;
  /** The script as bash reads it (console: the commands after the prompts; output lines are left blank). */
  code: string;
  analysis: ShellAnalysis;
  /** The document offset of an offset into `code`. */
  toDocument(offset: number): number;
}

export interface ShellModel {
  /** The document's shell blocks, in document order. */
  scripts: ShellScript[];
  /** Any script's analysis (a step's command, a rollback), from the same cache. */
  analyze(code: string): ShellAnalysis;
  /** The script of the code block whose content starts at this offset. */
  scriptAt(contentStart: number): ShellScript | undefined;
  /** This document's analyses by script text: the next version reuses them first, whatever the shared cache evicted. */
  readonly byCode: ReadonlyMap<string, ShellAnalysis>;
}

const MAX_SCRIPT_LENGTH = 256 * 1024;

/** Analyses by script text, shared by every document of one service: trees are costly, text is cheap to compare. */
export class ShellAnalysisCache {
  private readonly entries = new Map<string, ShellAnalysis>();
  constructor(private readonly parser: ShellParser, private readonly size = 4000) {}

  get(code: string): ShellAnalysis {
    // A bounded input: a block this long is not a runbook's command, and is not parsed.
    if (code.length > MAX_SCRIPT_LENGTH) return { errors: [], commands: [], expansions: [] };
    let hit = this.entries.get(code);
    if (hit) {
      this.entries.delete(code);
      this.entries.set(code, hit);
      return hit;
    }
    hit = analyzeShell(this.parser, code);
    this.entries.set(code, hit);
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value as string);
    return hit;
  }
}

/** The shell model of a document version; `previous` (the same document's last version) lends its analyses. */
export function shellModel(model: WorkflowModel, cache: ShellAnalysisCache, previous?: ShellModel): ShellModel {
  const scripts: ShellScript[] = [];
  const byStart = new Map<number, ShellScript>();
  const byCode = new Map<string, ShellAnalysis>();
  const analysisOf = (code: string): ShellAnalysis => {
    let a = byCode.get(code) ?? previous?.byCode.get(code);
    if (!a) a = cache.get(code);
    byCode.set(code, a);
    return a;
  };
  for (const block of model.md?.codeBlocks ?? []) {
    if (!PARSED_SHELL_LANGS.has(block.lang) || block.contentEnd <= block.contentStart) continue;
    const script = shellScript(model, block, analysisOf);
    scripts.push(script);
    byStart.set(block.contentStart, script);
  }
  return { scripts, analyze: (code) => cache.get(code), scriptAt: (start) => byStart.get(start), byCode };
}

function shellScript(model: WorkflowModel, block: MdCodeBlock, analysisOf: (code: string) => ShellAnalysis): ShellScript {
  // Most blocks start at the line start, hold no CR and are not console transcripts: their code is the content as is.
  if (!CONSOLE_LANGS.has(block.lang) && model.lineStarts[lineAt(model.lineStarts, block.start)] === block.start) {
    const code = model.text.slice(block.contentStart, block.contentEnd);
    if (!code.includes('\r')) return { block, code, analysis: analysisOf(code), toDocument: (offset) => block.contentStart + Math.min(Math.max(offset, 0), code.length) };
  }
  const { lines, starts } = blockCodeLines(model.text, model.lineStarts, block);
  if (CONSOLE_LANGS.has(block.lang)) consoleCommands(lines, starts);
  const codeStarts: number[] = [];
  let at = 0;
  for (const line of lines) {
    codeStarts.push(at);
    at += line.length + 1;
  }
  const code = lines.join('\n');
  const toDocument = (offset: number): number => {
    if (codeStarts.length === 0) return block.contentStart;
    const lo = lineAt(codeStarts, offset);
    // An offset past the line's end (its line ending) stays at the end of that line in the document.
    return starts[lo] + Math.min(offset - codeStarts[lo], lines[lo].length);
  };
  return { block, code, analysis: analysisOf(code), toDocument };
}

/**
 * A console block's commands: `$ ` prompts stripped (the offsets move with them), continuation lines of a command
 * kept, output lines left blank so that line numbers still match.
 */
function consoleCommands(lines: string[], starts: number[]): void {
  let continued = false;
  for (let i = 0; i < lines.length; i++) {
    const prompt = /^\s*\$(?: |$)/.exec(lines[i]);
    if (prompt) {
      lines[i] = lines[i].slice(prompt[0].length);
      starts[i] += prompt[0].length;
    } else if (!continued) lines[i] = '';
    continued = lines[i].endsWith('\\');
  }
}

/** A command of a step as the grammar reads it, with its offsets in the document. */
export interface ShellCommandAt {
  command: ShellCommand;
  start: number;
  end: number;
}

/**
 * The simple commands of a step's block (or inline command), in document offsets: a shell block's from its script,
 * another runnable block's (an untagged block, a YAML `run`) from the same cache, mapped from its content start.
 */
export function commandsOf(model: WorkflowModel, block: Command): ShellCommandAt[] {
  const shell = model.shell;
  if (!shell || block.code.trim() === '') return [];
  const script = block.inline ? undefined : shell.scriptAt(block.contentStart);
  if (script) return script.analysis.commands.map((command) => ({ command, start: script.toDocument(command.start), end: script.toDocument(command.end) }));
  const lang = block.lang.toLowerCase();
  if (!RUNNABLE_LANGS.has(lang) && !PARSED_SHELL_LANGS.has(lang)) return [];
  const length = block.contentEnd - block.contentStart;
  const at = (offset: number): number => block.contentStart + Math.min(offset, length);
  return shell.analyze(block.code).commands.map((command) => ({ command, start: at(command.start), end: at(command.end) }));
}
