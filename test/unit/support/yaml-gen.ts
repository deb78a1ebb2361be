/**
 * Deterministic generator of seed-003-style YAML workflow definitions, for tests and the benchmark.
 * The same (seed, approxLines) always gives the same text. Most steps are well formed; a few carry the
 * mistakes the yaml.* rules look for (an unknown target, a retry out of range, a duplicate name, a route back
 * to an earlier step), so a benchmark run exercises the reporting paths too.
 */

import { createRandom } from './markdown-gen';

const VERBS = ['fetch', 'validate', 'build', 'test', 'package', 'deploy', 'verify', 'notify', 'scan', 'migrate', 'backup', 'analyze', 'review', 'approve', 'publish'];
const OBJECTS = ['sources', 'config', 'image', 'schema', 'release', 'artifacts', 'report', 'database', 'cache', 'docs', 'metrics', 'cluster'];
const TYPES = ['action', 'action', 'action', 'decision', 'parallel', 'loop'];
const BACKOFFS = ['exponential', 'linear', 'fixed'];

export function generateYamlDefinition(seed: number, approxLines: number): string {
  const rand = createRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const lines: string[] = [];
  lines.push('# Generated workflow definition', 'metadata:', `  name: "Generated workflow ${seed}"`, '  description: "Deterministic benchmark definition"', '  version: "1.0.0"', '  category: "automation"', '  tags: ["generated", "bench"]', '');
  lines.push('ai_config:', '  agent: "ops_agent"', '  persona: "release_manager"', '  capabilities:', '    - "shell"', '    - "review"', '');
  lines.push('triggers:', '  - type: "schedule"', '    config:', '      cron: "0 3 * * *"', '  - type: "event"', '    config:', '      event: "push"', '');
  lines.push('steps:');
  // Each step takes about 16 lines; the tail (error handling, monitoring) about 20.
  const count = Math.max(2, Math.round((approxLines - 45) / 14.5));
  const names: string[] = [];
  for (let i = 0; i < count; i++) names.push(`${pick(VERBS)}_${pick(OBJECTS)}_${i + 1}`);
  for (let i = 0; i < count; i++) {
    const name = i > 0 && rand() < 0.004 ? names[i - 1] : names[i];
    const type = pick(TYPES);
    lines.push(`  - name: "${name}"`);
    lines.push(`    type: "${type}"`);
    lines.push(`    description: "Step ${i + 1}: ${name.replace(/_/g, ' ')}"`);
    lines.push(`    ai_assisted: ${rand() < 0.5 ? 'true' : 'false'}`);
    lines.push('    config:');
    if (rand() < 0.5) {
      lines.push('      run: |', `        ./scripts/${name}.sh --env "\${ENVIRONMENT}"`, '        echo "done"');
    } else {
      lines.push(`      command: "./bin/${pick(VERBS)}"`, `      args: ["--target", "${pick(OBJECTS)}", "--verbose"]`);
    }
    lines.push(`      timeout: ${30 + Math.floor(rand() * 600)}`);
    if (rand() < 0.6 || type === 'decision') {
      lines.push('    conditions:');
      const next = i + 1 < count ? names[i + 1] : 'end';
      let success = rand() < 0.7 ? next : 'next_step';
      // A route back to an earlier step, without a loop: yaml.cycle's case.
      if (rand() < 0.01 && i > 2) success = names[i - 2];
      // A misspelt target: yaml.unknown-target's case.
      if (rand() < 0.01) success = success.slice(0, -1);
      lines.push(`      success: "${success}"`);
      lines.push(`      failure: "${rand() < 0.8 ? 'error_handler' : names[Math.floor(rand() * count)]}"`);
    }
    if (rand() < 0.4) {
      const attempts = rand() < 0.02 ? 25 : 1 + Math.floor(rand() * 5);
      lines.push('    retry:', `      max_attempts: ${attempts}`, `      backoff: "${rand() < 0.02 ? 'random' : pick(BACKOFFS)}"`, `      delay: "${5 + Math.floor(rand() * 60)}s"`);
    }
    if (rand() < 0.5) lines.push('    validation: |', `      test -f ./out/${name}.ok`);
    if (rand() < 0.3) lines.push('    rollback:', `      run: "./scripts/undo_${name}.sh"`);
    lines.push('');
  }
  lines.push('error_handling:', '  retry_strategy:', '    max_attempts: 3', '    backoff: "exponential"', '    delay: 10', '  fallback_actions:', '    - action: "notify_oncall"', '');
  lines.push('monitoring:', '  metrics:', '    - "execution_time"', '    - "success_rate"', '  alerts:', '    - condition: "failure_rate > 10%"', '      action: "send_alert"', '');
  return lines.join('\n');
}
