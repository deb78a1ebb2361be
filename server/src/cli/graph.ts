/**
 * `wfs graph <file> [--format mermaid|svg] [-o PATH]`: the workflow's graph (the same one the editor's graph view
 * draws) as a Mermaid flowchart or a standalone SVG, on standard output or in a file. Exit codes: 0 written,
 * 2 bad usage or a file that cannot be read.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { WorkflowService } from '../service';
import { documentGraph } from '../service/graph';
import { layoutGraph } from '../service/graph/layout';
import { graphToMermaid } from '../service/graph/mermaid';
import { graphToSvg } from '../service/graph/svg';
import { UsageError } from './args';
import { relativePath, toSlash } from './discover';
import { parseWorkflowFile, type CliIo } from './main';

export const GRAPH_HELP = `Usage: wfs graph <file> [--format mermaid|svg] [-o PATH]

Draws the workflow as a graph: steps in order (Markdown runbooks, with validation and rollbacks) or every route of
a YAML definition (success, failure, decision branches, parallel branches, loops), with unreachable steps,
unknown targets and uncontrolled cycles marked.

Options:
  -f, --format <mermaid|svg>  A Mermaid flowchart (default; GitHub renders it) or a standalone SVG image
  -o, --output <path>         Write here instead of standard output
  -h, --help                  Show this help

Exit codes: 0 written, 2 bad usage or a file that cannot be read.
`;

export const GRAPH_FORMATS = ['mermaid', 'svg'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

/** `wfs graph`. Throws UsageError and FatalError for runCli's handling; returns the exit code otherwise. */
export function graphCommand(argv: readonly string[], io: CliIo, service: WorkflowService): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { format: { type: 'string', short: 'f' }, output: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(GRAPH_HELP);
    return 0;
  }
  const format = values.format ?? 'mermaid';
  if (!(GRAPH_FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown graph format "${format}" (valid: ${GRAPH_FORMATS.join(', ')})`);
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? '"wfs graph" needs a workflow file' : `"wfs graph" takes one file (got ${positionals.length})`);
  const { model, doc, options } = parseWorkflowFile(positionals[0], io, service);
  const graph = documentGraph(model, service.getDiagnostics(doc, options));
  const text = format === 'svg' ? graphToSvg(graph, layoutGraph(graph)) : graphToMermaid(graph);
  if (values.output === undefined || values.output === '-') {
    io.stdout(text);
    return 0;
  }
  const outPath = resolve(io.cwd, values.output);
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, text);
  io.stdout(`wrote ${relativePath(io.cwd, outPath) || toSlash(outPath)}\n`);
  return 0;
}
