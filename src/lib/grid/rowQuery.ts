/**
 * Which households the grid lists, in what order: filters by type, card flag, flagged answers,
 * data problems, below the poverty line and text, then a sort on one column. Pure over the
 * facts HouseholdRows reads, so the rules are tested without a browser.
 */
import type { FormValue } from '../dossier/layout';
import type { RowFacts } from './householdRows';

export interface RowFilter {
	type?: string;
	/** A household-card flag (低保户, 重病户 …). */
	cardFlag?: string;
	/** At least one answer the form marks as a problem on the ground. */
	flagged?: boolean;
	/** At least one cell whose value does not fit, or a required answer missing. */
	problem?: boolean;
	belowLine?: boolean;
	text?: string;
}

export interface RowSort {
	columnId: string;
	descending: boolean;
}

export function isFiltering(filter: RowFilter): boolean {
	return !!(filter.type || filter.cardFlag || filter.flagged || filter.problem || filter.belowLine || filter.text?.trim());
}

export function matches(facts: RowFacts, filter: RowFilter): boolean {
	if (filter.type && facts.type !== filter.type) return false;
	if (filter.cardFlag && !facts.flags.includes(filter.cardFlag)) return false;
	if (filter.flagged && facts.flagged === 0) return false;
	if (filter.problem && facts.problems === 0) return false;
	if (filter.belowLine && facts.belowLine !== true) return false;
	const words = filter.text?.trim().toLowerCase().split(/\s+/).filter(Boolean) ?? [];
	return words.every((word) => facts.text.includes(word));
}

const collator = new Intl.Collator('zh-CN', { numeric: true });

const isEmpty = (v: FormValue | undefined) => v === undefined || v === null || v === '';

/** Two filled-in values in their natural order: numbers by size, yes first, text in pinyin order. */
export function compareValues(a: FormValue, b: FormValue): number {
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	if (typeof a === 'boolean' && typeof b === 'boolean') return Number(b) - Number(a);
	return collator.compare(Array.isArray(a) ? a.join('、') : String(a), Array.isArray(b) ? b.join('、') : String(b));
}

/**
 * The listed ids: filtered, then sorted stably (ties keep the dossier's order). `value` reads
 * the sort column's value of a household; `facts` its row facts (read only when filtering).
 */
export function queryRows(
	ids: readonly string[],
	filter: RowFilter,
	sort: RowSort | null,
	facts: (id: string) => RowFacts,
	value: (id: string) => FormValue | undefined
): string[] {
	const listed = isFiltering(filter) ? ids.filter((id) => matches(facts(id), filter)) : [...ids];
	if (!sort) return listed;
	const keyed = listed.map((id, index) => ({ id, index, value: value(id) }));
	keyed.sort((x, y) => {
		// Empty values stay last in both directions, so a sort never hides what is filled in.
		const emptyX = isEmpty(x.value);
		if (emptyX !== isEmpty(y.value)) return emptyX ? 1 : -1;
		const order = emptyX ? 0 : compareValues(x.value!, y.value!);
		return (sort.descending ? -order : order) || x.index - y.index;
	});
	return keyed.map((k) => k.id);
}
