/**
 * What a grid lists: its columns, how its cells read, and when they change. Households (and their
 * members or income lines) come from the dossier; findings from the village's review document.
 * The grid controller works the same over either.
 */
import type { FormValue } from '../dossier/layout';
import type { DossierDoc } from '../dossier/dossierDoc';
import type { Campaign } from '../campaign/campaign';
import { campaignFormKey } from '../campaign/campaign';
import type { CellWords } from '../templates/columns';
import type { Template } from '../templates/template';
import { householdGridColumns, repeatGridColumns, type GridColumn } from './gridColumns';
import { HouseholdRows, type CellView, type RowFacts, type RowView } from './householdRows';

export interface GridRows {
	/** Every row key, in the source's own order. */
	rowKeys(): string[];
	/** The rows of one changed group (a household's, or a finding's own), after a change. */
	rowKeysOf(groupId: string): string[];
	/** Which group a row belongs to (see observe). */
	groupOf(rowKey: string): string;
	/** The household a row is about, if any (a village-level finding has none). */
	householdOf(rowKey: string): string | null;
	invalidate(groupIds: Iterable<string>): void;
	cell(rowKey: string, column: GridColumn): CellView;
	value(rowKey: string, column: GridColumn): FormValue | undefined;
	rowFacts(rowKey: string): RowFacts;
}

export interface GridSource {
	readonly columns: GridColumn[];
	readonly rows: GridRows;
	/** Calls back with the groups whose rows changed (households, or findings). */
	observe(changed: (groupIds: Set<string>) => void): () => void;
	/** Names the grid where a person's hidden columns are remembered. */
	readonly name: string;
	/** Why nothing in this grid can be typed in, when that is so (an i18n key). */
	readonly readOnlyReason?: string;
}

/** Households of a dossier as rows of a campaign form, or every household's rows of a repeat group. */
export function householdSource(dossier: DossierDoc, template: Template, campaign: Campaign, words: CellWords, view: RowView = { kind: 'households' }): GridSource {
	const columns =
		view.kind === 'rows' ? repeatGridColumns(template, view.formKey, view.groupId) : householdGridColumns(template, campaignFormKey(template.id, campaign.id));
	return {
		columns,
		rows: new HouseholdRows(dossier, campaign, columns, words, view),
		observe: (changed) => dossier.observeHouseholds((ids) => changed(ids)),
		name: view.kind === 'rows' ? `${template.id}.${view.groupId}` : template.id
	};
}
