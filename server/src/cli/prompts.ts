/**
 * The questions `wfs run` asks in a terminal, over @inquirer/prompts (a maintained prompt library: line editing,
 * password masking, arrow-key lists, Ctrl+C handling), behind a small interface so tests can answer them.
 */
import { confirm, input, password, select } from '@inquirer/prompts';

export interface TerminalPrompts {
  /** A value; a secret is typed without echo. */
  text(message: string, secret: boolean): Promise<string>;
  confirm(message: string, defaultValue: boolean): Promise<boolean>;
  select<T>(message: string, choices: { name: string; value: T }[], defaultValue: T): Promise<T>;
  /** Whether an error thrown by a question means the person pressed Ctrl+C. */
  isInterrupt(error: unknown): boolean;
}

export function terminalPrompts(): TerminalPrompts {
  return {
    text: (message, secret) => (secret ? password({ message, mask: '*' }) : input({ message })),
    confirm: (message, defaultValue) => confirm({ message, default: defaultValue }),
    select: (message, choices, defaultValue) => select({ message, choices, default: defaultValue }),
    // The library rejects with an ExitPromptError when the prompt is closed with Ctrl+C.
    isInterrupt: (error) => error instanceof Error && error.name === 'ExitPromptError',
  };
}
