/**
 * The village's households in entry order, kept up to date from the ids each transaction
 * touched: a keystroke in one household, or one chunk of an import, re-reads those households
 * only, not all 5,000 (listHouseholds walks every one).
 */
import type { DossierDoc, HouseholdSummary } from './dossierDoc';

const byEntry = (a: HouseholdSummary, b: HouseholdSummary) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1);

export class HouseholdIndex {
	private readonly summaries = new Map<string, HouseholdSummary>();
	private list: HouseholdSummary[] = [];

	constructor(private readonly dossier: DossierDoc) {}

	/** Reads every household afresh (when the document is loaded). */
	rebuild(): HouseholdSummary[] {
		this.summaries.clear();
		for (const household of this.dossier.listHouseholds()) this.summaries.set(household.id, household);
		return (this.list = [...this.summaries.values()]);
	}

	/** Re-reads the households named; returns the list, a new array only when something changed. */
	refresh(changed: Iterable<string>): HouseholdSummary[] {
		let moved = false;
		for (const id of changed) {
			const now = this.dossier.household(id);
			const before = this.summaries.get(id);
			if (now) {
				if (before && before.head === now.head && before.type === now.type && before.createdAt === now.createdAt) continue;
				this.summaries.set(id, now);
			} else if (before) this.summaries.delete(id);
			else continue;
			moved = true;
		}
		if (moved) this.list = [...this.summaries.values()].sort(byEntry);
		return this.list;
	}
}
