/**
 * How much of a command's output a run keeps, and where it is cut: never before secrets are masked, and never
 * through one. Pure.
 */
import { renderMasked, type Masker } from './masking';

/** What the run log keeps of a command's output: its last 4 KB, from a line start. */
export const OUTPUT_TAIL = 4_096;

/**
 * What an executor keeps while a command runs: far more than the tail, so that the part of a secret a cut at the
 * start of the capture could leave behind is almost always outside the tail (and is dropped when it is not).
 */
export const OUTPUT_CAPTURE = 64 * 1024;

/** The end of a command's output as it streams in (stdout and stderr together), with whether its start was cut. */
export class OutputCapture {
  private kept = '';
  /** Whether text before the kept part was dropped (a secret may then begin before it). */
  cut = false;

  append(chunk: string): void {
    const all = this.kept + chunk;
    if (all.length > OUTPUT_CAPTURE) {
      this.kept = all.slice(-OUTPUT_CAPTURE);
      this.cut = true;
    } else this.kept = all;
  }

  get text(): string {
    return this.kept;
  }
}

/**
 * The end of a command's output as the run records it: line ends made `\n`, every secret masked in the whole text
 * first, then the last `OUTPUT_TAIL` characters from a line start (a cut through a masked secret shows `***`,
 * never part of it). When the capture lost its start (`cut`), its first `longest - 1` characters are dropped too:
 * a secret that began before the capture cannot be matched, and its end would show there.
 */
export function keptOutput(raw: string, mask: Masker, cut = false): string {
  const text = raw.replace(/\r\n?/g, '\n');
  const ranges = mask.ranges(text);
  let from = Math.max(text.length - OUTPUT_TAIL, cut ? Math.min(text.length, mask.longest - 1) : 0, 0);
  if (from > 0 && text[from - 1] !== '\n') {
    const lineStart = text.indexOf('\n', from);
    if (lineStart >= 0) from = lineStart + 1;
  }
  return renderMasked(text, ranges, from);
}
