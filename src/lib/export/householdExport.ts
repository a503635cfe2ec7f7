/**
 * One campaign form of every household of a dossier as a table: the head and type first, then
 * the template's columns, computed values included (from the card and the income sheet).
 */
import type { DossierDoc } from '../dossier/dossierDoc';
import { CARD_FORM } from '../dossier/layout';
import type { Campaign } from '../campaign/campaign';
import { campaignFormKey, INCOME_SHEET } from '../campaign/campaign';
import { householdIncome } from '../accounting/incomeForm';
import { householdCount } from '../household/members';
import { columnsOf, formatCell, type CellWords } from '../templates/columns';
import { questionValue } from '../templates/formState';
import type { Template } from '../templates/template';
import { householdTypeLabels } from '../templates/householdCard';

export function householdFormTable(dossier: DossierDoc, template: Template, campaign: Campaign, words: CellWords): string[][] {
	const columns = columnsOf(template);
	const formKey = campaignFormKey(template.id, campaign.id);
	const header = [
		words.locale === 'zh' ? '户主姓名' : 'Head of household',
		words.locale === 'zh' ? '户类型' : 'Household type',
		...columns.map((c) => `${c.section[words.locale]} / ${c.label[words.locale]}`)
	];
	const rows = dossier.listHouseholds().map((household) => {
		const card = dossier.answers(household.id, CARD_FORM);
		const answers = dossier.answers(household.id, formKey);
		const income = householdIncome(card, dossier.answers(household.id, campaignFormKey(INCOME_SHEET, campaign.id)), campaign);
		const ctx = { meta: dossier.meta(), card, income };
		const count = householdCount(card);
		const type = household.type;
		return [
			household.head,
			typeof type === 'string' && type in householdTypeLabels ? householdTypeLabels[type as keyof typeof householdTypeLabels][words.locale] : String(type ?? ''),
			...columns.map((c) => formatCell(c, c.description ? answers[c.key] : questionValue(c.question, answers, ctx), words, count))
		];
	});
	return [header, ...rows];
}
