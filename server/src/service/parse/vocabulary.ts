/**
 * The words the model reads documents by, in one place: step words of many languages, the section titles that
 * hold no procedure, the languages of command blocks and the command words of untagged blocks. Each list is
 * general (what teams write), never taken from one document.
 */

/** "Step", in the languages runbooks are written in; matched case-insensitively before a number. */
export const STEP_WORDS: readonly string[] = [
  'step', 'stap', 'schritt', 'étape', 'etape', 'paso', 'passo', 'fase', 'phase', 'stage', 'krok', 'adım', 'adim', 'bước',
  'ステップ', '手順', '步骤', '步驟', '阶段', '단계', 'шаг', 'этап', 'خطوة', 'مرحلة',
];
/** Words that name an alternative or a conditional branch before a letter or number: "Option A", "方案B", "Cas 2". */
export const ALTERNATIVE_WORDS: readonly string[] = [
  'option', 'path', 'variant', 'variante', 'alternative', 'method', 'méthode', 'methode', 'método', 'metodo', 'approach',
  'scenario', 'szenario', 'scénario', 'escenario', 'cenário', 'cas', 'case', 'caso', 'fall', 'estrategia', 'estratégia',
  'strategy', 'strategie', 'stratégie', '方案', '方法', '场景', '場景', 'ケース', '方式', '경우', 'вариант', 'способ',
];

const NUMBER = String.raw`(\d+(?:\.\d+)*[a-z]?)`;
// The number must end the word: "Step 3", "Step 3.5", "Step 2b", "Schritt 2:", "步骤1", but not "Steps 3-5" or "Stage2x".
/** "Step 3", "ÉTAPE 1 :", "步骤1": the step word and the number as written. */
export const STEP_KEYWORD = new RegExp(String.raw`^(?:${STEP_WORDS.join('|')})\s*${NUMBER}(?![\p{L}\p{N}])`, 'iu');
const alternativeWords = new Set(ALTERNATIVE_WORDS);
// A word, then a capital letter, a number or a CJK numeral that ends there: "Option A", "Path B:", "Cas 2", "方案A".
// The word's letters are not the CJK numerals that may follow it as its mark.
const ALTERNATIVE_MARK = /^([^\P{L}一二三四五六七八九十]+)\s*(?:N[º°o]\.?\s*)?([A-Z]|\d+|[一二三四五六七八九十]+)(?![\p{L}\p{N}])/u;

/** The alternative words of scripts written without spaces (CJK), which run into their mark. */
const RUN_IN_ALTERNATIVE_WORDS = ALTERNATIVE_WORDS.filter((w) => w.charCodeAt(0) >= 0x3000);

/** The letter or number of an alternative ("Option A —", "Path B:", "方案A", "Cas 2"); the word in any case. */
export function alternativeMark(text: string): string | undefined {
  const m = ALTERNATIVE_MARK.exec(text);
  if (m && alternativeWords.has(m[1].toLowerCase())) return m[2];
  // Words of scripts without spaces run into their mark: "方案A", "方法一".
  if (text.charCodeAt(0) < 0x3000) return undefined;
  for (const w of RUN_IN_ALTERNATIVE_WORDS) {
    if (text.startsWith(w)) {
      const rest = /^\s*([A-Z]|\d+|[一二三四五六七八九十]+)(?![\p{L}\p{N}])/u.exec(text.slice(w.length));
      if (rest) return rest[1];
    }
  }
  return undefined;
}

/**
 * Section titles (as keyed by titleKey: lower case, punctuation folded) of context: what the document is about,
 * what must hold before, who to call. Such a section and its sub-sections are not steps and their lists are not
 * steps, though a unit with its own commands inside one still is ("Prerequisites > 1. Install Docker" with its
 * install command). A key matches when it is one of these phrases or starts with one.
 */
const CONTEXT = [
  // What the document is about
  'overview', 'summary', 'introduction', 'intro', 'about', 'purpose', 'scope', 'context', 'background', 'description',
  'what it does', 'what this does', 'how it works', 'when to use', 'when to run', 'usage', 'trigger', 'triggers',
  'arguments', 'parameters', 'inputs', 'outputs', 'options', 'goals', 'objective', 'objectives', 'impact', 'symptoms',
  'architecture', 'structure', 'directory structure', 'file structure', 'table of contents', 'contents', 'toc', 'data flow',
  'übersicht', 'zusammenfassung', 'einleitung', 'zweck', 'aperçu', 'résumé', 'objectif', 'table des matières', 'sommaire',
  'resumen', 'descripción', 'propósito', 'objetivo', 'visão geral', 'resumo', 'índice',
  '概要', '概述', '简介', '目的', '引数', '개요', '목적', 'обзор', 'описание', 'назначение',
  // What must hold before
  'prerequisites', 'prerequisite', 'requirements', 'preconditions', 'pre requisites', 'dependencies', 'before you begin',
  'voraussetzungen', 'anforderungen', 'prérequis', 'pré requis', 'requisitos', 'pré requisitos', 'requisitos previos',
  '前提条件', '前提', '必要条件', '准备工作', '사전 요구사항', '전제 조건', 'требования', 'предварительные требования',
  // People and messages
  'contacts', 'contact', 'escalation', 'escalation path', 'escalation contacts', 'on call contacts', 'owners', 'ownership',
  'stakeholders', 'kontakte', 'eskalation', 'contactos', 'contatos', '연락처', 'контакты', '应急联系人', '联系人',
];

/**
 * Section titles of advice, criteria and history: nothing inside is a step (best practices, rules, prevention,
 * success criteria, next steps, change log...).
 */
const ADVICE = [
  'prevention', 'best practices', 'tips', 'notes', 'note', 'rules', 'principles', 'policy', 'guidelines', 'lessons learned',
  'anti patterns', 'do and don t', 'dos and don ts', 'faq', 'changelog', 'change log', 'history', 'revision history',
  'version history', 'related', 'related documents', 'related documentation', 'related runbooks', 'see also',
  'further reading', 'resources', 'links', 'success criteria', 'acceptance criteria', 'completion criteria', 'exit criteria',
  'definition of done', 'next steps', 'next phase', 'metrics', 'metrics to monitor', 'kpis', 'sign off', 'sign off checklist',
  'hinweise', 'regeln', 'prinzipien', 'allgemeine prinzipien', 'bonnes pratiques', 'remarques', 'notas', 'buenas prácticas',
  'boas práticas', 'próximos passos', 'próximos pasos', 'prochaines étapes', 'nächste schritte', '注意事項', '注意事项',
  '注意', '参考', '参考资料', '相关文档', '备注', '참고', 'примечания', '変更履歴', '更新履歴', '改訂履歴', '履歴', '变更记录',
  '更新日志', '修订记录', 'historial de cambios', 'histórico de alterações', 'änderungshistorie', 'historique des modifications',
];
/** A title whose last word says it is advice: "Critical Safety Rules", "General principles", "Checklist summary". */
const ADVICE_LAST_WORDS = new Set(['rules', 'principles', 'guidelines', 'tips', 'notes', 'practices', 'policy', 'policies', 'reminders', 'recap', 'summary', 'criteria', 'faq', 'prinzipien', 'regeln', 'hinweise', 'principes', 'règles', 'reglas', 'regras', 'principios', 'princípios']);

/**
 * Section titles whose whole content is reference material: nothing inside is a step, not even a block of
 * commands ("Useful commands", "Quick reference", "Appendix").
 */
const REFERENCE = [
  'reference', 'references', 'quick reference', 'command reference', 'commands reference', 'cheat sheet', 'cheatsheet',
  'examples', 'example', 'usage examples', 'sample output', 'useful commands', 'common commands', 'handy commands', 'logs', 'view logs', 'viewing logs', 'log locations', 'helpful commands', 'quick commands', 'tools and commands',
  'useful commands cheat sheet', 'monitoring commands', 'diagnostic commands', 'appendix', 'annex', 'glossary',
  'referenz', 'anhang', 'nützliche befehle', 'annexe', 'commandes utiles', 'référence', 'anexo', 'comandos útiles',
  'comandos úteis', 'comandos úteis para manutenção', 'referência', 'referencia', '附录', '常用命令', '参考命令', '付録',
  'コマンド一覧', '부록', 'справочник', 'приложение', 'полезные команды',
];

/** Titles that say what follows is no longer in force. */
// No `u` flag: case-insensitive Unicode matching is several times slower, and these words need none.
const DEPRECATED = /\b(?:deprecated|obsolete|outdated|legacy|veraltet|obsoleto|desatualizado)\b|obsolète|废弃|弃用|已过时|過時|非推奨|폐기/i;

const context = new Set(CONTEXT);
const advice = new Set(ADVICE);
const reference = new Set(REFERENCE);

/**
 * A test of section titles, memoized: the same titles come back in every document and on every edit of one (a
 * bounded cache of a pure function).
 */
function memoized(test: (key: string) => boolean): (key: string) => boolean {
  const cache = new Map<string, boolean>();
  return (key) => {
    let v = cache.get(key);
    if (v === undefined) {
      v = test(key);
      if (cache.size >= 4096) cache.clear();
      cache.set(key, v);
    }
    return v;
  };
}

function startsWithPhrase(key: string, phrases: ReadonlySet<string>): boolean {
  if (phrases.has(key)) return true;
  // Prefixes of up to four words: "prerequisites and setup", "useful commands for maintenance".
  let end = key.indexOf(' ');
  for (let n = 1; n <= 4 && end > 0; n++, end = key.indexOf(' ', end + 1)) if (phrases.has(key.slice(0, end))) return true;
  return false;
}

/** A title whose last word says it is context: "Workflow overview", "System requirements", "Emergency contacts". */
const CONTEXT_LAST_WORDS = new Set(['overview', 'introduction', 'background', 'requirements', 'prerequisites', 'contacts', 'übersicht', 'voraussetzungen', 'prérequis', 'requisitos']);

/** A section of context only (what the document is about, what must hold, who to call): not advice or reference. */
export const isContextTitle = memoized((key) => startsWithPhrase(key, context) && !isAdviceTitle(key) && !isReferenceTitle(key));

/** A section whose lists and title are not steps (overview, prerequisites, contacts, advice, criteria...). */
export const isNotProcedureTitle = memoized((key) => {
  if (startsWithPhrase(key, context) || isAdviceTitle(key) || isReferenceTitle(key)) return true;
  const words = key.split(' ');
  return words.length > 1 && CONTEXT_LAST_WORDS.has(words[words.length - 1]);
});

/** A section of advice, criteria or history: nothing in it is a step. */
export const isAdviceTitle = memoized((key) => {
  if (startsWithPhrase(key, advice)) return true;
  const words = key.split(' ');
  return words.length > 1 && ADVICE_LAST_WORDS.has(words[words.length - 1]);
});

/** A section of reference material: nothing in it is a step. */
export const isReferenceTitle = memoized(
  // "Primary commands", "Monitoring commands", "Kubectl cheatsheet": lists of commands to pick from.
  (key) => startsWithPhrase(key, reference) || /\b(cheat ?sheet|quick reference|commands)$/.test(key),
);

export function isDeprecatedTitle(title: string): boolean {
  return DEPRECATED.test(title);
}

/**
 * Titles of sections that hold the procedure itself: their lists are steps even when the items carry no commands.
 */
const PROCEDURE = [
  'steps', 'procedure', 'procedures', 'workflow', 'workflow steps', 'instructions', 'process', 'runbook', 'playbook',
  'checklist', 'checklists', 'deploy', 'deployment', 'deployment steps', 'release', 'release steps', 'rollback',
  'rollback steps', 'rollback procedure', 'recovery', 'recovery steps', 'restore', 'verification', 'validation',
  'migration', 'rotation', 'execution', 'how to', 'tasks', 'actions', 'emergency', 'emergency rotation', 'mitigation',
  'remediation', 'resolution', 'containment', 'eradication', 'response', 'failover', 'aftermath', 'post incident',
  'ablauf', 'schritte', 'vorgehen', 'verfahren', 'anleitung', 'étapes', 'procédure', 'pasos', 'procedimiento', 'passos',
  'procedimento', '手順', '步骤', '流程', '操作步骤', '절차', 'процедура', 'шаги', 'порядок действий',
];
const procedure = new Set(PROCEDURE);
/** Words that make any title a procedure's: "Immediate mitigation", "Zero-downtime procedure", "Rollback steps". */
const PROCEDURE_WORDS = new Set([
  'steps', 'procedure', 'procedures', 'mitigation', 'remediation', 'resolution', 'containment', 'eradication', 'schritte',
  'étapes', 'pasos', 'passos', 'procedimiento', 'procedimento',
]);

export const isProcedureTitle = memoized((key) => {
  if (startsWithPhrase(key, procedure)) return true;
  const words = key.split(' ');
  if (words.some((w) => PROCEDURE_WORDS.has(w))) return true;
  // Scripts without spaces between words: the procedure word anywhere in the title ("决策步骤", "復旧手順").
  return /手順|步骤|步驟|流程|절차/u.test(key);
});

/** Section titles (keys) under which a template's document keeps its steps. */
export const STEPS_SECTION_KEYS: ReadonlySet<string> = new Set([
  'steps', 'procedure', 'workflow', 'instructions', 'ablauf', 'schritte', 'ワークフロー', '手順', 'workflow steps',
  'deployment steps', 'release steps', 'procedure steps', 'recovery steps', 'rollback steps',
]);

/** Titles that name a section for its steps: "Steps", "Procedure", "Checklists", "Instructions", "手順". */
export const isStepsTitle = memoized((key) => {
  const words = key.split(' ');
  if (words.some((w) => STEPS_WORDS.has(w))) return true;
  return /手順|步骤|步驟|절차|操作步骤/u.test(key);
});
const STEPS_WORDS = new Set([
  'steps', 'procedure', 'procedures', 'checklist', 'checklists', 'instructions', 'runbook', 'playbook', 'aftermath', 'schritte',
  'anleitung', 'étapes', 'procédure', 'pasos', 'procedimiento', 'passos', 'procedimento', 'шаги', 'процедура',
]);

/** Block languages that are shell (or another command line) the reader runs. */
export const SHELL_LANGS: ReadonlySet<string> = new Set([
  'bash', 'sh', 'shell', 'zsh', 'console', 'shell-session', 'shellscript', 'shell-script', 'terminal', 'fish', 'ksh',
  'powershell', 'pwsh', 'ps1', 'ps', 'bat', 'batch', 'cmd', 'dos',
]);

/**
 * The languages a runner here executes (in bash): the shell family, and untagged blocks that read as commands (a
 * `console` block holds prompts and output, not a script). A PowerShell, cmd or SQL block is a command for its
 * reader, but nothing the runner runs: such a step asks a person.
 */
export const RUNNABLE_LANGS: ReadonlySet<string> = new Set(['', 'bash', 'sh', 'shell', 'zsh', 'ksh', 'shell-script', 'shellscript']);

/** Query languages: a block of statements the reader runs in a client. */
export const QUERY_LANGS: ReadonlySet<string> = new Set(['sql', 'psql', 'postgresql', 'postgres', 'pgsql', 'plpgsql', 'mysql', 'tsql', 'sqlite', 'cql', 'redis']);

/** How a language writes a line comment, for telling a block of comments from a block of commands. */
export function commentPrefix(lang: string): RegExp {
  if (QUERY_LANGS.has(lang)) return /^\s*(?:--|#|\/\*.*\*\/\s*$)/;
  if (lang === 'bat' || lang === 'batch' || lang === 'cmd' || lang === 'dos') return /^\s*(?:rem\b|::|@rem\b)/i;
  if (lang === 'powershell' || lang === 'pwsh' || lang === 'ps1' || lang === 'ps') return /^\s*<?#/;
  return /^\s*#/;
}

/**
 * Words that start a command line: an untagged (or indented) block whose first line starts with one of them, a
 * `$ ` prompt or a path to a script is a block of commands; any other untagged block is data, output or a diagram.
 */
const COMMAND_WORDS = new Set([
  'sudo', 'su', 'cd', 'ls', 'cp', 'mv', 'rm', 'mkdir', 'rmdir', 'touch', 'chmod', 'chown', 'ln', 'cat', 'echo', 'printf',
  'export', 'source', 'set', 'unset', 'tail', 'head', 'grep', 'find', 'tar', 'zip', 'unzip', 'gzip', 'gunzip', 'df', 'du',
  'free', 'top', 'htop', 'ps', 'kill', 'pkill', 'killall', 'nohup', 'watch', 'curl', 'wget', 'ssh', 'scp', 'rsync', 'sftp',
  'ping', 'dig', 'nslookup', 'host', 'nc', 'netstat', 'ss', 'ip', 'ifconfig', 'traceroute', 'openssl', 'ssh-keygen',
  'systemctl', 'service', 'journalctl', 'crontab', 'apt', 'apt-get', 'yum', 'dnf', 'apk', 'brew', 'snap', 'pacman',
  'git', 'gh', 'glab', 'docker', 'docker-compose', 'podman', 'kubectl', 'k9s', 'helm', 'kustomize', 'minikube', 'kind',
  'oc', 'terraform', 'tofu', 'terragrunt', 'ansible', 'ansible-playbook', 'vagrant', 'packer', 'aws', 'gcloud', 'gsutil',
  'az', 'doctl', 'flyctl', 'fly', 'heroku', 'vercel', 'netlify', 'wrangler', 'railway', 'firebase', 'supabase',
  'npm', 'npx', 'pnpm', 'yarn', 'bun', 'bunx', 'deno', 'node', 'nvm', 'python', 'python3', 'pip', 'pip3', 'pipx', 'poetry',
  'uv', 'uvx', 'pytest', 'ruby', 'gem', 'bundle', 'rails', 'rake', 'go', 'cargo', 'rustup', 'java', 'mvn', 'gradle',
  './gradlew', 'dotnet', 'php', 'composer', 'make', 'cmake', 'just', 'task', 'psql', 'pg_dump', 'pg_restore', 'pg_dumpall',
  'mysql', 'mysqldump', 'mongosh', 'mongo', 'mongodump', 'mongorestore', 'redis-cli', 'sqlite3', 'createdb', 'dropdb',
  'certbot', 'nginx', 'apachectl', 'ufw', 'iptables', 'firewall-cmd', 'wg', 'wg-quick', 'vault', 'consul', 'nomad',
  'jq', 'yq', 'sed', 'awk', 'xargs', 'tee', 'env', 'bash', 'sh', 'zsh', 'pwsh', 'powershell', 'time', 'sleep', 'until',
  'while', 'for', 'if', 'test', 'true', 'false', 'exit', 'alembic', 'flask', 'django-admin', 'prisma', 'drizzle-kit',
  'sequelize', 'knex', 'flyway', 'liquibase', 'argocd', 'flux', 'skaffold', 'tilt', 'eksctl', 'sam', 'cdk', 'sls',
  'serverless', 'pm2', 'supervisorctl', 'gunicorn', 'uvicorn', 'celery', 'mount', 'umount', 'lsblk', 'fdisk', 'mkfs',
  'useradd', 'usermod', 'passwd', 'visudo', 'hostnamectl', 'timedatectl', 'reboot', 'shutdown', 'date', 'which', 'whoami',
  'stat', 'diff', 'wc', 'sort', 'uniq', 'less', 'more', 'nano', 'vim', 'vi', 'code', 'open', 'start', 'iisreset', 'net',
  'sc', 'choco', 'winget', 'scoop', 'robocopy', 'xcopy', 'copy', 'del', 'dir', 'mklink', 'set-location', 'get-service',
  'restart-service', 'start-service', 'stop-service', 'invoke-webrequest', 'invoke-restmethod',
]);

/** The first word of a command line, when `line` (trimmed, not a comment) reads as one. */
export function looksLikeCommandLine(line: string): boolean {
  let s = line.trim();
  if (s === '') return false;
  // A prompt: "$ make", "PS C:\> Get-Service".
  if (/^(?:\$|PS [^>\n]*>)\s+\S/.test(s)) return true;
  // Assignments in front of a command: "FOO=bar make", "export X=1".
  s = s.replace(/^(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)+/, '');
  if (/^(?:\.{1,2}\/|~\/|\/(?:usr|bin|opt|etc|home|srv|var)\/)[\w./-]+/.test(s)) return true;
  const written = /^[A-Za-z][\w.+-]*/.exec(s)?.[0];
  if (!written) return false;
  const word = written.toLowerCase();
  if (!COMMAND_WORDS.has(word)) return false;
  // "Make sure ...", "Set the flag": a capital starts a sentence; cmdlets (Get-Service) keep theirs.
  if (/^[A-Z]/.test(written) && !written.includes('-')) return false;
  // A command word followed by prose ("Make sure the service is up.") is a sentence, not a command.
  const rest = s.slice(word.length);
  return rest === '' || /^\s+[-\w./'"$~@:=<{[(]/.test(rest) || /^[;&|]/.test(rest);
}
