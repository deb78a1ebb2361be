/**
 * The GitHub Actions target: a workflow's resolved steps (the data `wfs run` runs) as a `.github/workflows` file.
 *
 * - Each step is a `shell: bash` step with its blocks; its Validation a following step; a YAML retry a bounded
 *   loop with the step's backoff; its timeout `timeout-minutes`.
 * - Rollbacks run in reverse order under `if: failure()`, each only when its step ran (`steps.<id>.outcome`); a
 *   step of an earlier job is rolled back by a final `rollback` job, from that job's outputs.
 * - A manual step, and a step that needs an approval (a High-risk workflow, a command of its blocks or of its
 *   Validation that changes state by the destructive-command table, as the runner asks), starts a job that runs in
 *   an `environment:`: its required reviewers give the approval. Jobs are chained by `needs:`.
 * - Placeholders are `workflow_dispatch` inputs and secret placeholders `secrets.NAME`; both reach the script only
 *   through `env:` (the block refers to a shell variable, as the runner's substitution writes it), so no
 *   expression is ever part of a `run:` text (GitHub's script-injection rule).
 * - Routes and decisions (YAML definitions) are jobs with `needs:` and `if:` on the route taken; a decision is a
 *   `choice` input; a parallel step is one job per branch. A route back to an earlier step (a loop) has no
 *   expression in a job graph, so such a workflow is refused, as is a step the runner refuses.
 */
import { stringify } from 'yaml';
import type { StepCommandData, StepData } from '../features/steps';
import { stepLabel } from '../stepKind';
import { placeholders, substitute, UnsafeSubstitutionError } from '../../run/variables';
import { isSecretName } from '../../run/secretNames';
import { shellQuote } from '../../run/shellQuote';
import { backoffDelay } from '../../run/engine';
import { ExportRefusal, type ExportSource, type ExportTarget } from './types';

const RUNNER = 'ubuntu-latest';
const CHECKOUT = { uses: 'actions/checkout@v4' };

interface Edge {
  from: number;
  to: number;
  on: 'success' | 'failure' | 'branch';
  branch?: string;
}

interface Job {
  id: string;
  steps: number[];
  /** Runs in the approval environment (a manual step, or a step that needs an approval). */
  gated: boolean;
  /** A branch of a parallel step: the index of the block it runs. */
  branch?: number;
}

type GhStep = Record<string, unknown>;

/** GitHub evaluates `${{` anywhere in a value; in names and messages it is broken up so it stays text. */
function text(s: string): string {
  return s.replace(/\$\{\{/g, '$ {{');
}

/** An id GitHub accepts for an input (letters, digits, `_`, `-`; not starting with a digit). */
function inputId(name: string): string {
  const id = name.replace(/[^A-Za-z0-9_-]/g, '_');
  return /^[A-Za-z_]/.test(id) ? id : `_${id}`;
}

/** A secret's name as GitHub stores it: capitals, digits and `_`. */
function secretId(name: string): string {
  const id = name.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
  return /^[A-Z_]/.test(id) ? id : `_${id}`;
}

/** A string in a GitHub expression: single quotes, a quote doubled. */
function literal(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** The text with exactly one line break at its end. */
function withFinalNewline(code: string): string {
  let end = code.length;
  while (end > 0 && code[end - 1] === '\n') end--;
  return `${code.slice(0, end)}\n`;
}

class Exporter {
  private readonly steps: StepData[];
  private readonly outs: Edge[][];
  private preds: Edge[][];
  private readonly jobs: Job[] = [];
  private readonly jobOf = new Map<number, Job[]>();
  /** Placeholder name → input id; secret placeholder name → secret name; decision step → input id. */
  private readonly inputs = new Map<string, string>();
  private readonly secrets = new Map<string, string>();
  private readonly decisions = new Map<number, string>();
  private readonly environment: string;
  /** The steps the run can reach from the first (set by `order`). */
  private reachable = new Set<number>();

  constructor(private readonly source: ExportSource, name: string) {
    this.steps = source.workflow.steps;
    this.environment = `${name}-approval`;
    if (this.steps.length === 0) throw new ExportRefusal(`${source.path} has no steps to export`);
    this.steps.forEach((s) => this.checkStep(s));
    this.outs = this.steps.map((_, i) => this.edgesFrom(i));
    this.preds = this.steps.map(() => []);
    for (const list of this.outs) for (const e of list) this.preds[e.to].push(e);
  }

  private label(i: number): string {
    return `step ${i + 1} "${this.steps[i].title || '(unnamed step)'}"`;
  }

  private refuse(i: number, why: string): never {
    throw new ExportRefusal(`${this.source.path}: ${this.label(i)} cannot be exported to GitHub Actions: ${why}`);
  }

  /** The blocks a step runs (a person's step runs none of its own), its validation's and its rollback's. */
  private commands(s: StepData): StepCommandData[] {
    return s.kind === 'manual' || s.kind === 'decision' ? [] : s.commands.filter((c) => c.runnable);
  }

  private checkStep(s: StepData): void {
    if (s.refusal) this.refuse(s.index, `${s.refusal} (rule step.unrunnable-block)`);
    const blocks = [...this.commands(s), ...(s.validation?.commands ?? []), ...(s.rollback?.commands ?? [])].filter((c) => c.runnable);
    if (blocks.some((b) => b.code.includes('${{'))) {
      this.refuse(s.index, 'a command holds `${{`, which GitHub Actions would evaluate as an expression before bash sees it; write the value as a placeholder (an input) or a shell variable');
    }
  }

  /** Where the run goes from step i: the engine's order (the next step), its routes, a decision's branches. */
  private edgesFrom(i: number): Edge[] {
    const s = this.steps[i];
    const out: Edge[] = [];
    const add = (route: { to: string; index: number | null }, on: Edge['on'], what: string): void => {
      if (route.index === null) {
        if (route.to.toLowerCase() !== 'end') this.refuse(i, `its ${what} leads to "${route.to}", which is no step (rule yaml.unknown-target)`);
        return;
      }
      out.push({ from: i, to: route.index, on, ...(on === 'branch' ? { branch: route.to } : {}) });
    };
    if (s.kind === 'decision') {
      for (const b of s.branches ?? []) add(b, 'branch', `branch "${b.to}"`);
      if (out.length === 0 && (s.branches ?? []).length === 0) this.refuse(i, 'the decision has no branch');
      return out;
    }
    if (s.routes?.success) add(s.routes.success, 'success', 'success route');
    else if (i + 1 < this.steps.length) out.push({ from: i, to: i + 1, on: 'success' });
    if (s.routes?.failure) add(s.routes.failure, 'failure', 'failure route');
    return out;
  }

  /** The steps the run can reach, each after the steps that lead to it, else in document order; refuses a loop. */
  private order(): number[] {
    const state = new Array<0 | 1 | 2>(this.steps.length).fill(0);
    const post: number[] = [];
    const stack: { node: number; next: number }[] = [{ node: 0, next: 0 }];
    state[0] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const edges = this.outs[top.node];
      if (top.next >= edges.length) {
        state[top.node] = 2;
        post.push(top.node);
        stack.pop();
        continue;
      }
      const e = edges[top.next++];
      if (state[e.to] === 1) {
        const how = e.on === 'branch' ? `its branch "${e.branch}"` : e.on === 'failure' ? 'its failure route' : e.to <= e.from ? 'its success route' : 'the order of its steps';
        this.refuse(e.from, `${how} leads back to ${this.label(e.to)}, a loop: a GitHub Actions workflow is a graph of jobs without cycles, so this loop cannot be expressed (a loop step whose own commands repeat the work can)`);
      }
      if (state[e.to] === 0) {
        state[e.to] = 1;
        stack.push({ node: e.to, next: 0 });
      }
    }
    // A step the run never reaches is not exported (yaml.unreachable-step reports it), nor are its routes.
    const reachable = new Set(post);
    this.preds = this.preds.map((edges) => edges.filter((e) => reachable.has(e.from)));
    this.reachable = reachable;
    // Among the orders where every step comes after those that lead to it, the one closest to the document's.
    const waiting = new Map(post.map((i) => [i, this.preds[i].length]));
    const ready = [0];
    const order: number[] = [];
    while (ready.length > 0) {
      ready.sort((a, b) => a - b);
      const i = ready.shift()!;
      order.push(i);
      for (const e of this.outs[i]) {
        const left = waiting.get(e.to)! - 1;
        waiting.set(e.to, left);
        if (left === 0) ready.push(e.to);
      }
    }
    return order;
  }

  private gated(i: number): boolean {
    const s = this.steps[i];
    if (s.kind === 'manual') return true;
    if (s.kind === 'decision') return false;
    // The runner's approval: the step's own blocks and its Validation's (a rollback runs in the rollback job).
    const blocks = [...this.commands(s), ...(s.validation?.commands ?? [])];
    return s.approval !== undefined || blocks.some((c) => c.runnable && (c.destructive?.length ?? 0) > 0);
  }

  /** Steps into jobs: a chain of steps stays one job until a route, a parallel step or an approval splits it. */
  private planJobs(order: number[]): void {
    for (const i of order) {
      const s = this.steps[i];
      const gated = this.gated(i);
      const branches = s.kind === 'parallel' ? this.commands(s) : [];
      // A parallel step with no command of its own (its Validation alone) is one job like any step.
      if (branches.length > 0) {
        const jobs = branches.map((_, k): Job => ({ id: `step-${i + 1}-branch-${k + 1}`, steps: [i], gated, branch: k }));
        this.jobs.push(...jobs);
        this.jobOf.set(i, jobs);
        continue;
      }
      const preds = this.preds[i];
      if (preds.length === 1 && preds[0].on === 'success') {
        const from = preds[0].from;
        const previous = this.jobOf.get(from);
        const job = previous?.length === 1 ? previous[0] : undefined;
        const joins = job !== undefined && job.branch === undefined && job.steps[job.steps.length - 1] === from && this.outs[from].length === 1 && this.steps[from].kind !== 'decision';
        if (joins && (!gated || (job.gated && s.kind !== 'manual'))) {
          job.steps.push(i);
          this.jobOf.set(i, [job]);
          continue;
        }
      }
      const job: Job = { id: `step-${i + 1}`, steps: [i], gated };
      this.jobs.push(job);
      this.jobOf.set(i, [job]);
    }
  }

  /** An edge's condition on the jobs of its source step. */
  private edgeCondition(e: Edge): string {
    const jobs = this.jobOf.get(e.from)!;
    if (e.on === 'branch') return `needs.${jobs[0].id}.outputs.outcome == 'success' && inputs.${this.decisions.get(e.from)} == ${literal(e.branch!)}`;
    const want = e.on === 'success' ? "'success'" : "'failure'";
    return jobs.map((j) => `needs.${j.id}.outputs.outcome == ${want}`).join(e.on === 'success' ? ' && ' : ' || ');
  }

  /** `needs:` and `if:` of a job whose first step is i. */
  private entry(i: number): { needs?: string[]; if?: string } {
    const preds = this.preds[i];
    if (preds.length === 0) return {};
    const needs = [...new Set(preds.flatMap((e) => this.jobOf.get(e.from)!.map((j) => j.id)))];
    const only = preds.length === 1 ? preds[0] : undefined;
    // The plain case: the previous job passed. Its last step has no failure route, so the job passed only when it did.
    if (only && only.on === 'success' && this.jobOf.get(only.from)!.length === 1 && this.steps[only.from].kind !== 'decision' && !this.steps[only.from].routes?.failure) {
      return { needs };
    }
    const terms = preds.map((e) => this.edgeCondition(e));
    return { needs, if: `!cancelled() && (${terms.length === 1 ? terms[0] : terms.map((t) => `(${t})`).join(' || ')})` };
  }

  private collectInputs(): void {
    const steps = this.steps.filter((s) => this.reachable.has(s.index));
    for (const s of steps) {
      for (const name of s.placeholders) {
        if (isSecretName(name)) this.secrets.set(name, secretId(name));
        else if (!this.inputs.has(name)) this.inputs.set(name, inputId(name));
      }
    }
    const taken = new Set(this.inputs.values());
    for (const s of steps) {
      if (s.kind !== 'decision') continue;
      let id = inputId(s.yaml?.id ?? s.yaml?.name ?? (s.title || `step_${s.index + 1}`));
      while (taken.has(id)) id = `${id}_branch`;
      taken.add(id);
      this.decisions.set(s.index, id);
    }
  }

  /**
   * A step's blocks as one script: each placeholder a reference to a shell variable that `env:` sets from the
   * input or secret. Where bash evaluates the value again (arithmetic, a name) the script first checks that it is a
   * number or an identifier, as the runner does; where no value can be put safely, the export is refused.
   */
  private script(i: number, blocks: StepCommandData[], what: string): { run: string; env: Record<string, string> } {
    const env: Record<string, string> = {};
    const guards: string[] = [];
    const parts: string[] = [];
    for (const b of blocks) {
      const probes = new Map<string, string>();
      for (const name of placeholders(b.code)) {
        let why = '';
        const probe = ['a value', '0', 'x'].find((v) => {
          try {
            substitute(b.code, new Map([[name, v]]));
            return true;
          } catch (e) {
            if (!(e instanceof UnsafeSubstitutionError)) throw e;
            why ||= e.message;
            return false;
          }
        });
        if (probe === undefined) this.refuse(i, `its ${what}: ${why}`);
        probes.set(name, probe);
      }
      let resolved;
      try {
        resolved = substitute(b.code, probes);
      } catch (e) {
        if (!(e instanceof UnsafeSubstitutionError)) throw e;
        this.refuse(i, `its ${what}: ${e.message}`);
      }
      for (const binding of resolved.bindings) {
        const secret = this.secrets.get(binding.name);
        env[binding.variable] = secret !== undefined ? `\${{ secrets.${secret} }}` : `\${{ inputs.${this.inputs.get(binding.name) ?? inputId(binding.name)} }}`;
        const probe = probes.get(binding.name);
        const check = (pattern: string, kind: string): void => {
          const line = `[[ \${${binding.variable}} =~ ${pattern} ]] || { echo "::error::${binding.name} must be ${kind} here: bash evaluates it"; exit 2; }`;
          if (!guards.includes(line)) guards.push(line);
        };
        if (probe === '0') check('^(0|[1-9][0-9]*)$', 'a decimal number');
        if (probe === 'x') check('^[A-Za-z_][A-Za-z0-9_]*$', 'an identifier');
      }
      parts.push(withFinalNewline(resolved.code));
    }
    const run = [...guards.map((g) => `${g}\n`), ...parts].join('');
    // A block scalar whose first text starts with a tab is valid YAML that some readers (actionlint's) fail on: a
    // comment line first keeps the block as written.
    const lead = run.slice(0, run.length - run.trimStart().length);
    return { run: lead.includes('\t') ? `# ${text(what)} of ${text(stepLabel(this.steps[i]))}\n${run}` : run, env };
  }

  /** A script run up to `max` times, with the step's backoff between attempts. */
  private retried(i: number, run: string, max: number, backoff: string | undefined, delaySeconds: number | undefined): string {
    const lines = run.split('\n');
    let delimiter = 'WFS_STEP';
    while (lines.includes(delimiter)) delimiter += '_END';
    const delays: string[] = [];
    for (let a = 2; a <= max; a++) delays.push(String(backoffDelay(backoff, (delaySeconds ?? 1) * 1000, a) / 1000));
    const file = `"$RUNNER_TEMP/wfs-step-${i + 1}.sh"`;
    return [
      `cat > ${file} <<'${delimiter}'`,
      run.replace(/\n$/, ''),
      delimiter,
      `delays=(${delays.join(' ')})`,
      `for ((attempt = 1; ; attempt++)); do`,
      `  bash -e ${file} && break`,
      `  [ "$attempt" -lt ${max} ] || exit 1`,
      `  echo "Attempt $attempt of ${max} failed; retrying in \${delays[attempt - 1]}s"`,
      `  sleep "\${delays[attempt - 1]}"`,
      'done',
      '',
    ].join('\n');
  }

  private ghStep(name: string, id: string | undefined, run: string, env: Record<string, string>, extra: GhStep = {}): GhStep {
    const step: GhStep = { name: text(name) };
    if (id) step.id = id;
    Object.assign(step, extra);
    step.shell = 'bash';
    if (Object.keys(env).length > 0) step.env = env;
    step.run = run;
    return step;
  }

  /** The GitHub steps of workflow step i (in a branch job: only its block `branch`). */
  private stepsOf(i: number, branch?: number): GhStep[] {
    const s = this.steps[i];
    const id = `s${i + 1}`;
    const label = stepLabel(s);
    const routed = s.routes?.failure !== undefined;
    const extra: GhStep = routed ? { 'continue-on-error': true } : {};
    if (s.timeoutSeconds !== undefined) extra['timeout-minutes'] = Math.max(1, Math.ceil(s.timeoutSeconds / 60));
    const out: GhStep[] = [];
    if (s.kind === 'manual') {
      const message = `${label}: a person's step. The reviewers of the environment ${this.environment} approved this job once it was done.`;
      out.push(this.ghStep(`${label} (manual)`, id, `echo ${shellQuote(text(message))}\n`, {}));
    } else if (s.kind === 'decision') {
      const input = this.decisions.get(i)!;
      out.push(this.ghStep(`${label} (decision)`, id, `echo "Branch taken: $__wfs_branch"\n`, { __wfs_branch: `\${{ inputs.${input} }}` }));
    } else {
      const all = this.commands(s);
      const blocks = branch === undefined ? all : [all[branch]];
      if (blocks.length === 0) {
        out.push(this.ghStep(label, id, `echo ${shellQuote(text(`${label}: no command of its own; its Validation checks the result.`))}\n`, {}));
      } else {
        const { run, env } = this.script(i, blocks, 'commands');
        const retry = s.yaml?.retry;
        const max = Math.max(1, retry?.maxAttempts ?? 1);
        out.push(this.ghStep(label, id, max > 1 ? this.retried(i, run, max, retry?.backoff, retry?.delaySeconds) : run, env, extra));
      }
    }
    const validation = s.validation?.commands.filter((c) => c.runnable) ?? [];
    if (validation.length > 0) {
      const { run, env } = this.script(i, validation, 'Validation');
      out.push(this.ghStep(`Validate: ${label}`, `${id}-validate`, run, env, routed ? { if: `steps.${id}.outcome == 'success'`, ...extra } : {}));
    }
    return out;
  }

  private rollbackStep(i: number, condition: string): GhStep | undefined {
    const blocks = this.steps[i].rollback?.commands.filter((c) => c.runnable) ?? [];
    if (blocks.length === 0) return undefined;
    const { run, env } = this.script(i, blocks, 'Rollback');
    return this.ghStep(`Roll back: ${stepLabel(this.steps[i])}`, undefined, run, env, { if: condition });
  }

  /** The job's `outcome` output: its last step's, with the validation ('' when it never ran). */
  private outcome(i: number): string {
    const id = `s${i + 1}`;
    if (!this.steps[i].validation?.commands.some((c) => c.runnable)) return `\${{ steps.${id}.outcome }}`;
    const v = `${id}-validate`;
    return `\${{ (steps.${id}.outcome == 'success' && steps.${v}.outcome == 'success') && 'success' || ((steps.${id}.outcome == 'failure' || steps.${v}.outcome == 'failure') && 'failure' || '') }}`;
  }

  private hasRollback(i: number): boolean {
    return this.steps[i].rollback?.commands.some((c) => c.runnable) ?? false;
  }

  render(): string {
    const order = this.order();
    this.collectInputs();
    this.planJobs(order);
    const multi = this.jobs.length > 1;
    const jobs: Record<string, unknown> = {};
    for (const job of this.jobs) {
      const first = job.steps[0];
      const last = job.steps[job.steps.length - 1];
      const s = this.steps[first];
      const title = job.steps.length > 1 ? `${stepLabel(s)} … ${stepLabel(this.steps[last])}` : stepLabel(s);
      const body: Record<string, unknown> = { name: text(job.branch !== undefined ? `${title} (branch ${job.branch + 1})` : title) };
      Object.assign(body, this.entry(first));
      body['runs-on'] = RUNNER;
      if (job.gated) body.environment = this.environment;
      const outputs: Record<string, string> = { outcome: this.outcome(last) };
      if (multi && job.branch === undefined) for (const i of job.steps) if (this.hasRollback(i)) outputs[`s${i + 1}`] = `\${{ steps.s${i + 1}.outcome }}`;
      body.outputs = outputs;
      const steps: GhStep[] = [{ ...CHECKOUT }];
      for (const i of job.steps) steps.push(...this.stepsOf(i, job.branch));
      if (job.branch === undefined) {
        for (const i of [...job.steps].reverse()) {
          const id = `s${i + 1}`;
          const r = this.rollbackStep(i, `failure() && (steps.${id}.outcome == 'success' || steps.${id}.outcome == 'failure')`);
          if (r) steps.push(r);
        }
      }
      body.steps = steps;
      jobs[job.id] = body;
    }
    const rollback = multi ? this.rollbackJob() : undefined;
    if (rollback) jobs.rollback = rollback;

    const inputs: Record<string, unknown> = {};
    for (const [name, id] of this.inputs) {
      const used = this.steps.filter((s) => this.reachable.has(s.index) && s.placeholders.includes(name)).map((s) => s.index + 1);
      inputs[id] = { description: text(`Placeholder ${name} (step${used.length > 1 ? 's' : ''} ${used.join(', ')})`), type: 'string', required: false, default: '' };
    }
    for (const [index, id] of this.decisions) {
      const options = [...new Set((this.steps[index].branches ?? []).map((b) => text(b.to)))];
      inputs[id] = { description: text(`Decision of ${this.label(index)}: the branch to take`), type: 'choice', required: true, options, default: options[0] };
    }
    const workflow: Record<string, unknown> = {
      name: text(this.source.workflow.title || this.source.path),
      on: { workflow_dispatch: Object.keys(inputs).length > 0 ? { inputs } : null },
      permissions: { contents: 'read' },
    };
    if (this.source.workflow.cwd) workflow.defaults = { run: { 'working-directory': text(this.source.workflow.cwd) } };
    workflow.jobs = jobs;
    return stringify(workflow, { lineWidth: 0, aliasDuplicateObjects: false, nullStr: '' });
  }

  /**
   * After a failure, the rollbacks of the steps of earlier jobs (a failing job rolls back its own steps), newest
   * first, each when its job passed and the step ran; a parallel step's when any of its branches ran.
   */
  private rollbackJob(): Record<string, unknown> | undefined {
    const steps: GhStep[] = [];
    const seen = new Set<number>();
    for (const job of [...this.jobs].reverse()) {
      for (const i of [...job.steps].reverse()) {
        if (seen.has(i) || !this.hasRollback(i)) continue;
        seen.add(i);
        const jobs = this.jobOf.get(i)!;
        const condition = jobs.length > 1 || jobs[0].branch !== undefined
          ? jobs.map((j) => `needs.${j.id}.result == 'success' || needs.${j.id}.result == 'failure'`).join(' || ')
          : `needs.${job.id}.result == 'success' && needs.${job.id}.outputs.s${i + 1} == 'success'`;
        steps.push(this.rollbackStep(i, condition)!);
      }
    }
    if (steps.length === 0) return undefined;
    return { name: 'Roll back', needs: this.jobs.map((j) => j.id), if: 'failure()', 'runs-on': RUNNER, steps: [{ ...CHECKOUT }, ...steps] };
  }
}

export const githubActions: ExportTarget = {
  id: 'github-actions',
  label: 'GitHub Actions',
  outputPath: (name) => `.github/workflows/${name}.yml`,
  render: (source, name) => new Exporter(source, name).render(),
};
