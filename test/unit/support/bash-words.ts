/**
 * Bash's own word splitting and quote removal, to hold the runner's shell reading to it: a script whose commands
 * call `w` prints, for each call, the words bash handed it.
 */
import { execFileSync } from 'node:child_process';

/** The words bash hands each `w` command of `script`, in order. */
export function bashWords(script: string): string[][] {
  // printf with no argument still prints its format once: only when there are words.
  const prelude = "w() { if [ $# -gt 0 ]; then printf '%s\\0' \"$@\"; fi; printf '\\1'; }\n";
  // No stdin: bash sources ~/.bashrc when its stdin is a socket (it takes itself for rshd's).
  const out = execFileSync('bash', ['-c', prelude + script], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' },
  });
  return out.split('\x01').slice(0, -1).map((args) => (args === '' ? [] : args.slice(0, -1).split('\0')));
}
