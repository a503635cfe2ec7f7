/**
 * What the household list shows beside each head (headcount, 村民组), kept per household until a
 * change touches it. Reading a card's answers walks every key the household holds; a village of
 * 5,000 households re-read on each keystroke, or on each chunk an import writes, is what held
 * the page for hundreds of milliseconds.
 */
import type { DossierDoc, HouseholdSummary } from '../dossier/dossierDoc';
import { CARD_FORM } from '../dossier/layout';
import { householdCount, type HouseholdCount } from './members';

export interface ListFacts {
	count: HouseholdCount;
	/** The card's 村民组, as entered ('' when none). */
	group: string;
}

export type ListRow = HouseholdSummary & ListFacts;

export class HouseholdListFacts {
	private readonly known = new Map<string, ListFacts>();
	private readonly rows = new Map<string, { summary: HouseholdSummary; row: ListRow }>();

	constructor(private readonly dossier: DossierDoc) {}

	of(householdId: string): ListFacts {
		let facts = this.known.get(householdId);
		if (!facts) {
			const group = this.dossier.answer(householdId, CARD_FORM, 'group');
			facts = { count: householdCount(this.dossier.answers(householdId, CARD_FORM)), group: typeof group === 'string' ? group : '' };
			this.known.set(householdId, facts);
		}
		return facts;
	}

	/**
	 * The household's row: the same object until the household changes, so a list redrawn after
	 * a change elsewhere leaves this row's item alone.
	 */
	row(summary: HouseholdSummary): ListRow {
		const kept = this.rows.get(summary.id);
		if (kept && kept.summary === summary) return kept.row;
		const row = { ...summary, ...this.of(summary.id) };
		this.rows.set(summary.id, { summary, row });
		return row;
	}

	/** Forgets the households a transaction touched, so the next read sees their answers as they are. */
	forget(householdIds: Iterable<string>): void {
		for (const id of householdIds) {
			this.known.delete(id);
			this.rows.delete(id);
		}
	}
}
