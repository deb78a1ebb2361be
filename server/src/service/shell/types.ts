/**
 * The shell parser the service is given (injected: the service stays pure and synchronous, and loading the
 * grammar is the caller's asynchronous job). The node shape is the part of web-tree-sitter's `Node` the analysis
 * reads; offsets are UTF-16 code units into the parsed text, like every offset of the model.
 */
export interface ShellNode {
  readonly type: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly text: string;
  readonly isMissing: boolean;
  readonly hasError: boolean;
  readonly children: readonly (ShellNode | null)[];
  readonly namedChildren: readonly (ShellNode | null)[];
  childForFieldName(name: string): ShellNode | null;
}

export interface ShellTree {
  readonly rootNode: ShellNode;
  /** Frees the tree (web-tree-sitter keeps it in WASM memory). */
  delete(): void;
}

export interface ShellParser {
  /** Parses a bash script; undefined when the parser gave up (a timeout or an internal failure). */
  parse(text: string): ShellTree | undefined;
}
