import type { Rule, RuleReport } from './types';
import type { YamlDefinition } from '../model';
import { BACKOFF_KEYS, DELAY_KEYS, MAX_ATTEMPT_KEYS, durationSeconds, isDynamicValue, spanForPointer } from '../parse/yamlDefinition';

const MIN_ATTEMPTS = 1;
const MAX_ATTEMPTS = 10;
const MAX_DELAY_SECONDS = 3600;
const BACKOFFS = ['exponential', 'linear', 'fixed'];
/** Step-level keys that hold a retry count (the step's `retry` may be a mapping or a count too). */
const STEP_COUNT_KEYS = ['retry_count', 'retries', 'max_retries'];
/** Keys of `error_handling` itself that set the global retry policy. */
const GLOBAL_COUNT_KEYS = ['max_retries', 'max_attempts', 'retry_count'];

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function shown(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

export const rule: Rule = {
  id: 'yaml.retry-range',
  description: 'A retry setting is out of range: attempts 1 to 10, backoff exponential|linear|fixed, delays 0 to 3600 s.',
  defaultSeverity: 'warning',
  formats: ['yaml-definition'],
  docs: `Checks retry settings wherever a definition writes them: a step's \`retry\` mapping (\`max_attempts\`, \`backoff\`,
\`delay\`, \`initial_delay\`, \`max_delay\`, ...), a step's \`retry\` count, \`retry_count\`, \`retries\` or \`max_retries\`,
\`retry_delay\`, \`error_handling.retry_strategy\`, and \`error_handling\`'s own \`max_retries\`/\`retry_delay\`.

- Attempt and retry counts must be whole numbers from 1 to 10. Zero or fewer attempts means the step never
  runs (to turn retrying off, remove the key); more than 10 hammers a dependency that is down, and with
  backoff the run stalls for hours before anyone hears about the failure.
- \`backoff\` must be \`exponential\`, \`linear\` or \`fixed\`: other values are ignored by engines, which then fall
  back to their own default without saying so.
- Delays must be from 0 to 3600 seconds (a number of seconds, or \`500ms\`, \`30s\`, \`5m\`, \`1h\`): a negative delay
  is a typo, and a retry more than an hour later belongs in a scheduled trigger, not a retry.

Placeholders such as \`"\${max_retries}"\` are resolved at run time and are not checked.

### Fails

\`\`\`yaml
error_handling:
  retry_strategy:
    max_attempts: 50
    backoff: exponentail
    delay: -5
\`\`\`

### Passes

\`\`\`yaml
error_handling:
  retry_strategy:
    max_attempts: 3
    backoff: exponential
    delay: 30s
\`\`\`

### Disable

\`"yaml.retry-range": "off"\` in the rule settings, or \`# wfs-disable-next-line yaml.retry-range\` on the line before
the setting.
`,
  check({ model }, report) {
    const yaml = model.yaml;
    if (!yaml || !isObject(yaml.data)) return;
    const checker = new RetryChecker(yaml, report);
    const data = yaml.data;
    if (Array.isArray(data.steps)) checker.steps(data.steps, '/steps', 0);
    const errorHandling = data.error_handling;
    if (isObject(errorHandling)) {
      if (isObject(errorHandling.retry_strategy)) checker.retryMap(errorHandling.retry_strategy, '/error_handling/retry_strategy');
      for (const key of GLOBAL_COUNT_KEYS) if (key in errorHandling) checker.count(errorHandling[key], `/error_handling/${key}`, key);
      if ('retry_delay' in errorHandling) checker.delay(errorHandling.retry_delay, '/error_handling/retry_delay', 'retry_delay');
    }
  },
};

class RetryChecker {
  constructor(
    private readonly yaml: YamlDefinition,
    private readonly report: (r: RuleReport) => void,
  ) {}

  private problem(pointer: string, message: string, key: string, value: unknown): void {
    // Ranges are looked up only here, so valid definitions never build the pointer maps.
    const span = spanForPointer(this.yaml, pointer, 'type');
    this.report({ message, start: span.start, end: span.end, data: { key, value, pointer } });
  }

  steps(steps: readonly unknown[], pointer: string, depth: number): void {
    if (depth > 20) return;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i];
      if (!isObject(step)) continue;
      const at = `${pointer}/${i}`;
      const retry = step.retry;
      if (isObject(retry)) this.retryMap(retry, `${at}/retry`);
      else this.count(retry, `${at}/retry`, 'retry');
      for (const key of STEP_COUNT_KEYS) if (key in step) this.count(step[key], `${at}/${key}`, key);
      if ('retry_delay' in step) this.delay(step.retry_delay, `${at}/retry_delay`, 'retry_delay');
      // Sub-steps of a parallel step have their own retry settings.
      if (Array.isArray(step.steps)) this.steps(step.steps, `${at}/steps`, depth + 1);
    }
  }

  retryMap(map: JsonObject, pointer: string): void {
    for (const key of Object.keys(map)) {
      const at = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (MAX_ATTEMPT_KEYS.includes(key)) this.count(map[key], at, key);
      else if (BACKOFF_KEYS.includes(key) && key !== 'strategy') this.backoff(map[key], at, key);
      else if (DELAY_KEYS.includes(key)) this.delay(map[key], at, key);
    }
  }

  // Values of the wrong type (a boolean, a list) are yaml.schema's to report: one mistake, one diagnostic.
  count(value: unknown, pointer: string, key: string): void {
    if (typeof value !== 'number' && typeof value !== 'string') return;
    if (typeof value === 'string' && isDynamicValue(value)) return;
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
    if (Number.isInteger(n) && n >= MIN_ATTEMPTS && n <= MAX_ATTEMPTS) return;
    this.problem(pointer, `"${key}" must be a whole number from ${MIN_ATTEMPTS} to ${MAX_ATTEMPTS}, not ${shown(value)}.`, key, value);
  }

  backoff(value: unknown, pointer: string, key: string): void {
    if (typeof value !== 'string' || BACKOFFS.includes(value) || isDynamicValue(value)) return;
    this.problem(pointer, `"${key}" must be exponential, linear or fixed, not ${shown(value)}.`, key, value);
  }

  delay(value: unknown, pointer: string, key: string): void {
    if (typeof value !== 'number' && typeof value !== 'string') return;
    if (typeof value === 'string' && isDynamicValue(value)) return;
    const seconds = durationSeconds(value, key.endsWith('_ms'));
    if (seconds !== undefined && seconds >= 0 && seconds <= MAX_DELAY_SECONDS) return;
    const detail = seconds === undefined ? 'a duration' : `${seconds} s`;
    this.problem(
      pointer,
      `"${key}" must be a delay from 0 to ${MAX_DELAY_SECONDS} seconds (a number of seconds, or 500ms, 30s, 5m, 1h), not ${shown(value)}${seconds === undefined || typeof value === 'number' ? '' : ` (${detail})`}.`,
      key,
      value,
    );
  }
}
