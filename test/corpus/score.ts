/**
 * How the model's reading of a document is compared with a reader's labels (../shared/corpus/labels.json, written
 * by the conventions of LABELING.txt). Pure functions, so test/corpus/score.test.ts checks the matching itself.
 *
 * Steps are compared as (title, line) pairs:
 * - the line must be the same (1-based; the line of the heading, list item, bold paragraph, table row or YAML
 *   item where the step starts);
 * - the titles must be the same after `titleKey`, which removes what LABELING.txt says a label's title leaves
 *   out or keeps only as written: leading numbering ("Step 3:", "3.", "3)", "3.1", "Phase 2 —", "Schritt 2:",
 *   "步骤1:", keycap digits), leading emoji, a trailing colon, Markdown emphasis and code marks, a link's target
 *   (its text stays), case and runs of blanks;
 * - the one tolerance: a reader sometimes shortens a long first line to its first clause ("Login to Fastly"
 *   for "Login to Fastly - you will need ... permissions"), so one title may be the other cut at a word or clause
 *   boundary. The line must still be the same, so this cannot pair two different steps.
 *
 * Each label step matches at most one model step and the other way round. Blank sections are compared by their
 * heading text as written (numbering kept), TODOs and placeholders by line.
 */

export interface LabelStep {
  title: string;
  line: number;
  has_command: boolean;
  has_validation: boolean;
  has_rollback: boolean;
}

export interface DocumentLabels {
  kind: 'runbook' | 'agent-workflow' | 'frontmatter' | 'file-header' | 'yaml-definition' | 'negative';
  title: string;
  steps: LabelStep[];
  blank_sections: string[];
  todos: number[];
  placeholders: number[];
  notes: string;
}

export interface FoundStep {
  title: string;
  line: number;
}

/**
 * Which product formats agree with a label kind. The labels mix two ideas: what a document is for (`runbook`:
 * a procedure for people; `agent-workflow`: instructions for an AI agent; `negative`: not a workflow) and how it
 * carries its metadata (`frontmatter`, `file-header`, `yaml-definition`). A structural kind must be read as that
 * format. A runbook has no structure of its own: it agrees with every Markdown workflow format that is not for
 * agents (a runbook with a `Last updated:` header is read as `file-header`, one with metadata front matter as
 * `frontmatter`), never with `agent`, `reference` or `yaml-definition`.
 */
export const AGREEING_FORMATS: Readonly<Record<DocumentLabels['kind'], readonly string[]>> = {
  runbook: ['plain', 'file-header', 'frontmatter', 'catalog'],
  'agent-workflow': ['agent', 'skill-sequence'],
  frontmatter: ['frontmatter'],
  'file-header': ['file-header'],
  'yaml-definition': ['yaml-definition'],
  negative: ['reference'],
};

// "Step 3", "Schritt 2", "Phase 1", "ÉTAPE 1 :", "步骤1", "Paso 2", "Fase 3", "手順 2", "Option A —", "方案A:"...
const NUMBER = String.raw`(?:\d+(?:\.\d+)*[a-z]?|[A-Z])`;
// Step words, and the words of alternatives: LABELING.txt treats an "Option X —" prefix as numbering.
const STEP_WORDS = String.raw`(?:step|stap|schritt|étape|etape|paso|passo|fase|phase|stage|teil|part|option|path|variant|variante|method|scenario|case|cas|caso|estrategia|strategy|ステップ|手順|步骤|步驟|阶段|方案|方法|场景|단계|шаг|этап|خطوة)`;
const LEADING_NUMBERING = new RegExp(
  String.raw`^(?:${STEP_WORDS}\s*${NUMBER}|\d+(?:\.\d+)*[a-z]?(?=[.):\s]|$)|\d+단계|第\s*\d+\s*[步章节])\s*[.):：]?\s*(?:[—–\-:：]\s*)?`,
  'iu',
);
const KEYCAP = /^\d\uFE0F?\u20E3\s*/u;
const EMOJI = /^[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{FE0F}\u{200D}\u{20E3}\s]+/u;

/** The form two step titles are compared in (see the file comment). */
export function titleKey(title: string): string {
  let s = title.normalize('NFC').trim();
  // A link's text stays, its target goes; then emphasis and code marks.
  s = s.replace(/!?\[([^\]\n]*)\]\([^)\n]*\)/g, '$1').replace(/\*\*|__|[*`]/g, '');
  const whole = s;
  for (let i = 0; i < 3; i++) {
    const before = s;
    s = s.replace(EMOJI, '').replace(KEYCAP, '').replace(LEADING_NUMBERING, '').trim();
    if (s === before) break;
  }
  // A title that is nothing but a number keeps it.
  if (s === '') s = whole;
  s = s.replace(/[\s:：]+$/u, '');
  return s.replace(/\s+/g, ' ').toLowerCase();
}

/** One title is the other cut at a word or clause boundary (both already keyed). */
export function sameTitle(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 3 || !long.startsWith(short)) return false;
  const next = long.charAt(short.length);
  const last = short.charAt(short.length - 1);
  // A word boundary, or clause punctuation of any script (',', '、', '，', '(', '-', ':', '.').
  return /[\s,.;:(\-—–、，。；：（]/u.test(next) || /[,.;:、，。；：]/u.test(last);
}

export interface StepMatch {
  /** Label steps matched, by index into the labels. */
  matched: number;
  labels: number;
  found: number;
  /** Label steps nobody found, and found steps no label has. */
  missed: LabelStep[];
  extra: FoundStep[];
}

export function matchSteps(labels: readonly LabelStep[], found: readonly FoundStep[]): StepMatch {
  const used = new Set<number>();
  const missed: LabelStep[] = [];
  let matched = 0;
  const keys = found.map((f) => titleKey(f.title));
  for (const label of labels) {
    const key = titleKey(label.title);
    let hit = -1;
    for (let i = 0; i < found.length; i++) {
      if (used.has(i) || found[i].line !== label.line) continue;
      if (sameTitle(key, keys[i])) {
        hit = i;
        break;
      }
    }
    if (hit >= 0) {
      used.add(hit);
      matched++;
    } else missed.push(label);
  }
  return { matched, labels: labels.length, found: found.length, missed, extra: found.filter((_, i) => !used.has(i)) };
}

/** Recall and precision as fractions: nothing labelled is full recall, nothing found is full precision. */
export function rates(tp: number, labelled: number, found: number): { recall: number; precision: number } {
  return { recall: labelled === 0 ? 1 : tp / labelled, precision: found === 0 ? 1 : tp / found };
}

/** Matches of two sets of keys (lines, or heading texts). */
export function matchSets<T>(labels: readonly T[], found: readonly T[]): { tp: number; missed: T[]; extra: T[] } {
  const want = new Set(labels);
  const got = new Set(found);
  return { tp: [...want].filter((x) => got.has(x)).length, missed: [...want].filter((x) => !got.has(x)), extra: [...got].filter((x) => !want.has(x)) };
}

/** A blank-section label compared with a reported heading: the text as written, blanks collapsed. */
export function headingKey(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}
