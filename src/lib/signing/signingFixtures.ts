/** Test fixtures for signatures: a 附件1 the checker may sign, as its signer's screen shows it. Tests only. */
import type { FormValue } from '../dossier/layout';
import { householdIncome } from '../accounting/incomeForm';
import { AUGUST_2022 } from '../campaign/campaign';
import { campaignTemplate } from '../templates/registry';
import { formContent } from './formContent';

export const screeningForm = campaignTemplate(AUGUST_2022, 'household')!;
export const residentCard: Record<string, FormValue> = { head: '刘大', type: 'lifted', members: { a: { name: '刘大', resident: true, able_to_work: true } } };
export const screeningHeader = { township: '洺州镇', village: '东街村', household: '刘大', campaign: 'aug2022' };
const meta = { township: '洺州镇', village: '东街村' };

/** Every yes/no of 附件1 answered 否, and the day it was screened. */
export function allAnswered(): Record<string, FormValue> {
	const answers: Record<string, FormValue> = { surveyed_on: '2022-08-01' };
	for (const section of screeningForm.sections) for (const q of section.questions) if (q.type === 'yesno') answers[q.id] = false;
	return answers;
}

/** The context of a household with one resident and a 3,000 元 income line. */
export function screeningContext(card: Record<string, FormValue> = residentCard) {
	return { meta, card, income: householdIncome(card, { lines: { l1: { category: 'transfer', amount: 3000_00 } } }, AUGUST_2022) };
}

/** What a complete 附件1 shows, as a signature binds it. */
export function completeScreening(answers: Record<string, FormValue> = allAnswered()): string {
	return formContent(screeningForm, answers, screeningContext(), screeningHeader);
}
