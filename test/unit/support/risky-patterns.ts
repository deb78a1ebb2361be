/**
 * The risky patterns the matcher's tests use: the setting's default before the destructive-command table took
 * over (the default is empty now), kept as a realistic configured list.
 */
export const SAMPLE_RISKY_PATTERNS: readonly string[] = ['rm -rf', 'rm -fr', 'DROP TABLE', 'kubectl delete', 'terraform apply'];
