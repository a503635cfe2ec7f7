/**
 * Every template version the app knows. Old versions stay here for good: a dossier filled with
 * an older version (perhaps on a device that was offline for weeks) must still render and merge.
 */
import { findQuestion, type LocalizedText, type Template } from './template';
import { CARD_FORM } from '../dossier/layout';
import { householdCard } from './householdCard';
import { householdScreening2022 } from './official/householdScreening2022';
import { villageScreening2022 } from './official/villageScreening2022';
import { incomeSheetTemplate } from './incomeSheetTemplate';
import type { Campaign } from '../campaign/campaign';
import { campaignTerms, GENERIC_TERMS, withTerms } from './campaignTerms';

const ALL: Template[] = [householdCard, incomeSheetTemplate, householdScreening2022, villageScreening2022];

const byKey = new Map(ALL.map((t) => [`${t.id}@${t.version}`, t]));

export function getTemplate(id: string, version: number): Template | undefined {
	return byKey.get(`${id}@${version}`);
}

export function latestTemplate(id: string): Template | undefined {
	return ALL.filter((t) => t.id === id).sort((a, b) => b.version - a.version)[0];
}

/**
 * A campaign's form as it is shown: the template version the campaign names, with the
 * campaign's terms (its line, its bar for large rigid spending) in the labels. Undefined when
 * this app does not know that version.
 */
export function campaignTemplate(campaign: Campaign, form: 'household' | 'village'): Template | undefined {
	const ref = campaign.templates[form];
	const template = getTemplate(ref.id, ref.version);
	return template && withTerms(template, campaignTerms(campaign));
}

/** The campaign's income accounting sheet, in the campaign's terms. */
export function campaignIncomeTemplate(campaign: Campaign): Template {
	return withTerms(incomeSheetTemplate, campaignTerms(campaign));
}

/**
 * The label of a question in a stored form (`card`, `<templateId>@<campaignId>`), looked up in
 * the newest version of the form's template that has it, in the terms of the form's campaign
 * when it is given; null when no version has the question.
 */
export function questionLabel(formKey: string, questionId: string, campaign: Campaign | null = null): LocalizedText | null {
	const templateId = formKey === CARD_FORM ? householdCard.id : formKey.split('@')[0];
	const versions = ALL.filter((t) => t.id === templateId).sort((a, b) => b.version - a.version);
	for (const template of versions) {
		const question = findQuestion(withTerms(template, campaign ? campaignTerms(campaign) : GENERIC_TERMS), questionId);
		if (question) return question.label;
	}
	return null;
}
