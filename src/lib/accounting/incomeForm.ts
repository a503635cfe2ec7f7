/**
 * Reads an income sheet out of stored answers (the income sheet form and the household card's
 * members) and works it out by a campaign's rules. A value that does not fit (text in an
 * amount, an unknown category) is never read as zero: the sheet is then incomplete and has no
 * figures until it is corrected. A sheet with no income line is not a household with no
 * income: it is a sheet nobody has filled in yet, and it has no figures either (a household
 * with truly no income records a line of 0 and says why in its note).
 */
import type { Answer, FormValue } from '../dossier/layout';
import { householdCount, isRows } from '../household/members';
import type { Campaign } from '../campaign/campaign';
import { incomeRules } from '../campaign/campaign';
import { computeIncome, INCOME_CATEGORIES, type IncomeCategory, type IncomeFigures, type IncomeSheet } from './incomeSheet';

export type IncomeRead = { ok: true; sheet: IncomeSheet } | { ok: false; invalid: string[] };

const isFen = (v: Answer | undefined): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

export function readIncomeSheet(card: Record<string, FormValue>, income: Record<string, FormValue>): IncomeRead {
	const invalid: string[] = [];
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
	return { ok: true, sheet: { household: householdCount(card), lines, productionCosts, education, medicalOutOfPocket } };
}

/** A household's income accounting for a campaign, or why there is none yet. */
export type HouseholdIncome =
	| { state: 'ok'; figures: IncomeFigures }
	/** No income line entered: the sheet has not been filled in. */
	| { state: 'empty' }
	/** Amounts or categories that do not fit, by answer key. */
	| { state: 'invalid'; invalid: string[] };

/**
 * The one way the app works out a household's income for a campaign: the household card (who
 * counts), the campaign's income sheet, and the campaign's line, band and rigid-spending rule.
 */
export function householdIncome(card: Record<string, FormValue>, income: Record<string, FormValue>, campaign: Campaign): HouseholdIncome {
	const read = readIncomeSheet(card, income);
	if (!read.ok) return { state: 'invalid', invalid: read.invalid };
	if (read.sheet.lines.length === 0) return { state: 'empty' };
	return { state: 'ok', figures: computeIncome(read.sheet, incomeRules(campaign)) };
}

/** The figures, when there are any. */
export function figuresOf(income: HouseholdIncome | null | undefined): IncomeFigures | null {
	return income?.state === 'ok' ? income.figures : null;
}
