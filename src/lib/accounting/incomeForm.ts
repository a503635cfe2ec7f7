/**
 * Reads an income sheet out of stored answers (the income sheet form and the household card's
 * members). A value that does not fit (text in an amount, an unknown category) is never read as
 * zero: the sheet is then incomplete and has no figures until it is corrected.
 */
import type { Answer, FormValue, RepeatRows } from '../dossier/layout';
import { INCOME_CATEGORIES, type IncomeCategory, type IncomeSheet } from './incomeSheet';

export type IncomeRead = { ok: true; sheet: IncomeSheet } | { ok: false; invalid: string[] };

const isRows = (v: FormValue | undefined): v is RepeatRows => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFen = (v: Answer | undefined): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

export function readIncomeSheet(card: Record<string, FormValue>, income: Record<string, FormValue>): IncomeRead {
	const invalid: string[] = [];
	const members = Object.values(isRows(card.members) ? card.members : {}).map((row) => ({
		// A member counts as resident and able to work only when the card says so.
		resident: row.resident !== false,
		ableToWork: row.able_to_work === true
	}));
	const lines: IncomeSheet['lines'] = [];
	for (const [rowId, row] of Object.entries(isRows(income.lines) ? income.lines : {})) {
		const category = row.category;
		const amount = row.amount;
		if (amount === undefined && category === undefined) continue; // an empty row being filled in
		if (typeof category !== 'string' || !(INCOME_CATEGORIES as readonly string[]).includes(category)) invalid.push(`lines.${rowId}.category`);
		else if (!isFen(amount)) invalid.push(`lines.${rowId}.amount`);
		else lines.push({ category: category as IncomeCategory, amount });
	}
	const money = (key: string): number => {
		const v = income[key];
		if (v === undefined || v === null) return 0;
		if (isFen(v as Answer)) return v as number;
		invalid.push(key);
		return 0;
	};
	const productionCosts = money('production_costs');
	const education = money('education');
	const medicalOutOfPocket = money('medical');
	if (invalid.length) return { ok: false, invalid };
	return { ok: true, sheet: { members, lines, productionCosts, education, medicalOutOfPocket } };
}
