/**
 * Which findings belong to a campaign, under which category they are counted, and their counts.
 * The counting itself is the ledger's (ledgerReport.totals: 已整改 is what a reviewer accepted,
 * 超期 is ledger.isOverdue against each finding's own deadline); this module only decides which
 * rows go into which total.
 */
import { campaignFormKey, INCOME_SHEET, type Campaign } from '../campaign/campaign';
import type { LedgerRow } from '../ledger/ledgerReport';
import { totals, type Totals } from '../ledger/ledgerReport';
import type { LocalizedText, Template } from '../templates/template';
import { localDay } from '../calendar/calendar';
import { emptyTotals } from './figures';

/** Findings on the village form (附件2) and the village as a whole. */
export const VILLAGE_CATEGORY = 'village';
/** Findings on the household as a whole, its card, or a section no 附件1 has. */
export const OTHER_CATEGORY = 'other';
/** Findings raised by no checking group: a reviewer, the keeping group itself, or a group the organisation no longer has. */
export const OTHER_GROUP = 'other';
/** The keeping group of a village nobody keeps. */
export const NO_GROUP = 'none';
/** The caretaker (帮扶责任人) of a household nobody is named to look after. */
export const NO_PERSON = 'none';

export interface Category {
	id: string;
	label: LocalizedText;
}

/**
 * The categories problems are counted under: the sections of the campaign's household form
 * (附件1's twelve: 1. 收支情况 … 12. 帮扶责任), then the village form, then everything else. The
 * form's header and its sign-off are not subjects a problem can be about.
 */
export function problemCategories(householdForm: Template): Category[] {
	const sections = householdForm.sections.filter((s) => s.id !== 'header' && s.questions.some((q) => q.type !== 'signature'));
	return [
		...sections.map((s) => ({ id: s.id, label: s.title })),
		{ id: VILLAGE_CATEGORY, label: { zh: '乡村排查（附件2）', en: 'Village form (annex 2)' } },
		{ id: OTHER_CATEGORY, label: { zh: '其他', en: 'Other' } }
	];
}

const formKeyOf = (row: LedgerRow): string | null => {
	const target = row.finding.target;
	return target.kind === 'household' ? null : (target.formKey ?? null);
};

/**
 * Whether a finding belongs to a campaign. One on a campaign's form (`<template>@<campaign>`)
 * belongs to that campaign, whenever it was raised: rectification outlasts the campaign's dates.
 * One not on a campaign form (the household or the village as a whole, the household card)
 * belongs to the campaign during whose dates it was raised, by the cadre's calendar day.
 */
export function inCampaign(row: LedgerRow, campaign: Campaign, dayOf: (iso: string) => string = isoDay): boolean {
	const formKey = formKeyOf(row);
	const at = formKey?.indexOf('@') ?? -1;
	if (formKey && at > 0) return formKey.slice(at + 1) === campaign.id;
	const day = dayOf(row.finding.raisedAt);
	return day >= campaign.startsOn && day <= campaign.endsOn;
}

/** The section of the household form whose figures come from the income sheet (附件1's section 1). */
export function incomeCategory(householdForm: Template): string {
	const section = householdForm.sections.find((s) => s.questions.some((q) => q.type === 'computed' && q.compute.startsWith('income.')));
	return section?.id ?? OTHER_CATEGORY;
}

/**
 * The category a finding is counted under. The raiser chose a section when raising it (proposed
 * from the question's section); the income sheet is the source of 附件1's section 1 (its figures
 * fill it), so a problem on the sheet is a section 1 problem whatever the sheet's own section.
 */
export function categoryOf(row: LedgerRow, categories: readonly Category[], campaign: Campaign, incomeSection: string): string {
	const formKey = formKeyOf(row);
	if (formKey === campaignFormKey(INCOME_SHEET, campaign.id)) return incomeSection;
	if (row.finding.target.kind === 'village') return VILLAGE_CATEGORY;
	const id = row.finding.category.id;
	return id !== VILLAGE_CATEGORY && categories.some((c) => c.id === id) ? id : OTHER_CATEGORY;
}

/** The cadre's calendar day of an instant (deadlines and campaign dates are such days). */
export function isoDay(iso: string): string {
	const at = new Date(iso);
	return Number.isNaN(at.getTime()) ? '' : localDay(at);
}

/** Rows counted under each key by the ledger's own totals; every key of `keys` is present. */
export function totalsBy(rows: readonly LedgerRow[], keyOf: (row: LedgerRow) => string, keys: readonly string[], today: string): Record<string, Totals> {
	const groups = new Map<string, LedgerRow[]>(keys.map((k) => [k, []]));
	for (const row of rows) {
		const key = keyOf(row);
		const list = groups.get(key);
		if (list) list.push(row);
		else groups.set(key, [row]);
	}
	const out: Record<string, Totals> = {};
	for (const [key, list] of groups) out[key] = list.length ? totals(list, today) : emptyTotals();
	return out;
}
