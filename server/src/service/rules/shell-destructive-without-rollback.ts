import { destructiveReport, destructiveSteps, hasContent } from './shell-destructive';
import type { Rule } from './types';

export const rule: Rule = {
  id: 'shell.destructive-without-rollback',
  description: 'A step runs a command that changes state and has no Rollback.',
  defaultSeverity: 'warning',
  docs: `Reports a step whose commands change state, by the destructive-command table, and that has no **Rollback**
(also written Undo, Revert). The commands are read with the bash grammar: \`echo "rm -rf x"\` only prints, while
\`kubectl -n prod delete ns prod\`, \`sudo rm -rf /srv/old\` or \`psql -c "DROP TABLE t"\` delete. The table holds
rm, mv, dd, mkfs, kubectl delete/apply/rollout/scale, helm upgrade/uninstall, terraform apply/destroy, DROP/TRUNCATE/DELETE
given to psql or mysql (\`-c\`, \`-e\` or a here-document), git push --force, docker rm and system prune, systemctl
stop/restart, \`aws … delete-*\` and \`gcloud … delete\`; add your own in \`.wfs.json\` (\`destructiveCommands\`).
The quick fix adds a \`**Rollback**: TODO\` line to the step.

### Fails

\`\`\`\`markdown
### 3. Delete the old namespace

\`\`\`bash
kubectl delete ns legacy
\`\`\`
\`\`\`\`

### Passes

\`\`\`\`markdown
### 3. Delete the old namespace

\`\`\`bash
kubectl delete ns legacy
\`\`\`

**Rollback**: \`kubectl apply -f backups/legacy-ns.yaml\`
\`\`\`\`
`,
  check({ model, options }, report) {
    for (const d of destructiveSteps(model, options)) if (!hasContent(d.step.rollback)) report(destructiveReport(d, 'Rollback', model));
  },
};
