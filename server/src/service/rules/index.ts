/**
 * The rule registry: every rule, listed explicitly. Order is the order diagnostics are reported in
 * for the same position.
 */
import type { Rule } from './types';
import { rule as sectionBlank } from './section-blank';
import { rule as sectionNotApplicable } from './section-not-applicable-reason';
import { rule as sectionMissing } from './section-missing';
import { rule as indexMissing } from './index-missing';
import { rule as indexFieldMissing } from './index-field-missing';
import { rule as indexFieldBlank } from './index-field-blank';
import { rule as indexValueNotAllowed } from './index-value-not-allowed';
import { rule as todoMarker } from './todo-marker';
import { rule as placeholderUnfilled } from './placeholder-unfilled';
import { rule as frontmatterInvalidYaml } from './frontmatter-invalid-yaml';
import { rule as frontmatterUnclosed } from './frontmatter-unclosed';
import { rule as frontmatterExecutable } from './frontmatter-executable';
import { rule as frontmatterSchema } from './frontmatter-schema';
import { rule as stepMissingCommand } from './step-missing-command';
import { rule as stepMissingValidation } from './step-missing-validation';
import { rule as stepMissingRollback } from './step-missing-rollback';
import { rule as stepUnrunnableBlock } from './step-unrunnable-block';
import { rule as stepNumberingGap } from './step-numbering-gap';
import { rule as stepNumberingDuplicate } from './step-numbering-duplicate';
import { rule as headerFieldMissing } from './header-field-missing';
import { rule as headerAuditDate } from './header-audit-date-invalid';
import { rule as headerAuditStale } from './header-audit-stale';
import { rule as skillUnknown } from './skill-unknown';
import { rule as yamlSyntax } from './yaml-syntax';
import { rule as yamlSchema } from './yaml-schema';
import { rule as yamlUnknownTarget } from './yaml-unknown-target';
import { rule as yamlUnreachableStep } from './yaml-unreachable-step';
import { rule as yamlCycle } from './yaml-cycle';
import { rule as yamlRetryRange } from './yaml-retry-range';
import { rule as yamlDuplicateStep } from './yaml-duplicate-step';
import { rule as exportStale } from './export-stale';
import { rule as shellSyntax } from './shell-syntax';
import { rule as shellDestructiveWithoutRollback } from './shell-destructive-without-rollback';
import { rule as shellDestructiveWithoutValidation } from './shell-destructive-without-validation';
import { rule as shellUnknownPlaceholder } from './shell-unknown-placeholder';
import { rule as shellUnquotedPlaceholder } from './shell-unquoted-placeholder';
import { rule as shellShellcheck } from './shell-shellcheck';
import { rule as conventionSectionMissing } from './convention-section-missing';
import { rule as conventionSectionOrder } from './convention-section-order';
import { rule as conventionFieldMissing } from './convention-field-missing';
import { rule as conventionStepShape } from './convention-step-shape';

export const RULES: readonly Rule[] = Object.freeze([
  frontmatterInvalidYaml,
  frontmatterUnclosed,
  frontmatterExecutable,
  frontmatterSchema,
  headerFieldMissing,
  headerAuditDate,
  headerAuditStale,
  indexMissing,
  indexFieldMissing,
  indexFieldBlank,
  indexValueNotAllowed,
  sectionMissing,
  sectionBlank,
  sectionNotApplicable,
  stepMissingCommand,
  stepMissingValidation,
  stepMissingRollback,
  stepUnrunnableBlock,
  stepNumberingGap,
  stepNumberingDuplicate,
  skillUnknown,
  todoMarker,
  placeholderUnfilled,
  yamlSyntax,
  yamlSchema,
  yamlUnknownTarget,
  yamlUnreachableStep,
  yamlCycle,
  yamlRetryRange,
  yamlDuplicateStep,
  exportStale,
  shellSyntax,
  shellDestructiveWithoutRollback,
  shellDestructiveWithoutValidation,
  shellUnknownPlaceholder,
  shellUnquotedPlaceholder,
  shellShellcheck,
  conventionSectionMissing,
  conventionSectionOrder,
  conventionFieldMissing,
  conventionStepShape,
]);

export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
