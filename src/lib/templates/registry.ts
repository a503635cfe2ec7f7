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

const ALL: Template[] = [householdCard, incomeSheetTemplate, householdScreening2022, villageScreening2022];

const byKey = new Map(ALL.map((t) => [`${t.id}@${t.version}`, t]));

export function getTemplate(id: string, version: number): Template | undefined {
	return byKey.get(`${id}@${version}`);
}

export function latestTemplate(id: string): Template | undefined {
	return ALL.filter((t) => t.id === id).sort((a, b) => b.version - a.version)[0];
}

/**
 * The label of a question in a stored form (`card`, `<templateId>@<campaignId>`), looked up in
 * the newest version of the form's template that has it; null when no version does.
 */
export function questionLabel(formKey: string, questionId: string): LocalizedText | null {
	const templateId = formKey === CARD_FORM ? householdCard.id : formKey.split('@')[0];
	const versions = ALL.filter((t) => t.id === templateId).sort((a, b) => b.version - a.version);
	for (const template of versions) {
		const question = findQuestion(template, questionId);
		if (question) return question.label;
	}
	return null;
}
