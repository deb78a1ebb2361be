/** Workflow Studio: Group Catalog By… — category, status, risk, or a flat list. Takes the grouping as an argument too. */
import * as vscode from 'vscode';
import { CATALOG_GROUPINGS, isCatalogGrouping } from '../views/catalogTree';
import type { WorkflowCommand } from './types';

export const groupCatalogBy: WorkflowCommand = {
  id: 'wfs.catalog.groupBy',
  async run(ctx, grouping?: unknown) {
    if (!isCatalogGrouping(grouping)) {
      const picked = await vscode.window.showQuickPick(
        CATALOG_GROUPINGS.map((g) => ({ label: g.label, id: g.id, description: g.id === ctx.catalog.groupBy ? 'current' : undefined })),
        { title: 'Group the Workflow Catalog by', placeHolder: 'Category, status, risk, or none' },
      );
      if (!picked) return;
      grouping = picked.id;
    }
    if (isCatalogGrouping(grouping)) await ctx.catalog.setGrouping(grouping);
  },
};
