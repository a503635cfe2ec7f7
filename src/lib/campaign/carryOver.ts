/**
 * Starting a campaign's forms from what is already known (减负: 一次采集，多次使用): each
 * household's answers of an earlier campaign, or a department's list matched by ID number,
 * prefilled and marked (template.carriedKey) so the form asks a cadre to confirm them question
 * by question. Nothing already answered this round is overwritten.
 */
import type { AnswerWrite, DossierDoc } from '../dossier/dossierDoc';
import type { Answer, FormValue } from '../dossier/layout';
import type { Template } from '../templates/template';
import { carriedKey, describeKey, isCarryable } from '../templates/template';
import { campaignFormKey, type Campaign } from './campaign';

export interface CarryOverPlan {
	writes: AnswerWrite[];
	/** Households that get at least one answer. */
	households: number;
	/** Answers carried (descriptions not counted). */
	answers: number;
}

const leaf = (value: FormValue | undefined): Answer | undefined =>
	value !== null && value !== undefined && (typeof value !== 'object' || Array.isArray(value)) ? (value as Answer) : undefined;

/**
 * The answers of `from`'s form that `to`'s form of the same template asks and has not answered,
 * for every household still in the dossier; `source` is what the marks say (`campaign:<id>`).
 */
export function carryOverPlan(dossier: DossierDoc, template: Template, fromCampaignId: string, toCampaignId: string): CarryOverPlan {
	const fromKey = campaignFormKey(template.id, fromCampaignId);
	const toKey = campaignFormKey(template.id, toCampaignId);
	const source = `campaign:${fromCampaignId}`;
	const writes: AnswerWrite[] = [];
	let households = 0;
	let answers = 0;
	for (const household of dossier.listHouseholds()) {
		const before = dossier.answers(household.id, fromKey);
		const now = dossier.answers(household.id, toKey);
		let carried = 0;
		for (const section of template.sections) {
			for (const question of section.questions) {
				if (!isCarryable(question)) continue;
				const value = leaf(before[question.id]);
				if (value === undefined || now[question.id] !== undefined) continue;
				writes.push({ householdId: household.id, formKey: toKey, key: question.id, value });
				const description = leaf(before[describeKey(question.id)]);
				if (description !== undefined && now[describeKey(question.id)] === undefined) writes.push({ householdId: household.id, formKey: toKey, key: describeKey(question.id), value: description });
				writes.push({ householdId: household.id, formKey: toKey, key: carriedKey(question.id), value: source });
				carried++;
			}
		}
		if (carried) households++;
		answers += carried;
	}
	return { writes, households, answers };
}

/** The campaign a new one starts from: the latest earlier one whose household form is the same template. */
export function previousCampaign(campaigns: readonly Campaign[], current: Campaign): Campaign | null {
	const earlier = campaigns.filter((c) => c.id !== current.id && c.startsOn <= current.startsOn && c.templates.household.id === current.templates.household.id);
	return earlier.sort((a, b) => (a.startsOn < b.startsOn ? 1 : a.startsOn > b.startsOn ? -1 : 0))[0] ?? null;
}
