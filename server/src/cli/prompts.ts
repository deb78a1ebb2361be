/**
 * The questions `wfs run` asks in a terminal, over Inquirer's prompts (a maintained prompt library: line editing,
 * password masking, arrow-key lists, Ctrl+C handling), behind a small interface so tests can answer them.
 */

export interface TerminalPrompts {
  /** A value; a secret is typed without echo. */
  text(message: string, secret: boolean): Promise<string>;
  confirm(message: string, defaultValue: boolean): Promise<boolean>;
  select<T>(message: string, choices: { name: string; value: T }[], defaultValue: T): Promise<T>;
  /** Whether an error thrown by a question means the person pressed Ctrl+C. */
  isInterrupt(error: unknown): boolean;
}

export function terminalPrompts(): TerminalPrompts {
  // One package per kind of question (the @inquirer/prompts bundle would add its editor prompt's encoding tables,
  // half of wfs's size), each loaded at its first question: a run that asks none (CI, --non-interactive, every
  // value given) starts without them.
  return {
    text: async (message, secret) =>
      secret ? (await import('@inquirer/password')).default({ message, mask: '*' }) : (await import('@inquirer/input')).default({ message }),
    confirm: async (message, defaultValue) => (await import('@inquirer/confirm')).default({ message, default: defaultValue }),
    select: async (message, choices, defaultValue) => (await import('@inquirer/select')).default({ message, choices, default: defaultValue }),
    // The library rejects with an ExitPromptError when the prompt is closed with Ctrl+C.
    isInterrupt: (error) => error instanceof Error && error.name === 'ExitPromptError',
  };
}
