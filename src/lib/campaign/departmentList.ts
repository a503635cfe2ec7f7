/**
 * Starting a campaign's forms from a department's list (减负: 一次采集，多次使用): a school's
 * list of pupils with 资助, a clinic's list of signed doctors, matched to the village's
 * households by the ID number of a member on the household card. Each matched household whose
 * form has not answered the chosen question gets the chosen answer, marked as coming from the
 * list (template.carriedKey: `list:<name>`), so the form asks a cadre to confirm it there.
 * Nothing already answered is overwritten, and a household whose form does not ask the question
 * (its show-if says no) is left alone.
 */
import type { AnswerWrite, DossierDoc } from '../dossier/dossierDoc';
import { CARD_FORM, type Answer } from '../dossier/layout';
import { isRows } from '../household/members';
import { evaluate } from '../templates/conditions';
import { factsOf } from '../templates/formState';
import { yesNoLabels } from '../templates/columns';
import { carriedKey, type LeafQuestion, type LocalizedText, type Template } from '../templates/template';
import { campaignFormKey } from './campaign';

/** A question a list can answer: yes/no, or one option of a single choice. */
export type ListQuestion = Extract<LeafQuestion, { type: 'yesno' }> | Extract<LeafQuestion, { type: 'choice' }>;

export interface ListValue {
	value: boolean | string;
	/** The form's own words for it; null for a yes/no the form words as plain 是/否. */
	label: LocalizedText | null;
}

export interface DepartmentListPlan {
	writes: AnswerWrite[];
	/** Households that get the answer. */
	households: number;
	/** Households with a member on the list. */
	matchedHouseholds: number;
	/** Of those, households whose form already has an answer (kept as it is). */
	answered: number;
	/** Of those, households whose form does not ask the question. */
	notAsked: number;
	/** The list's ID numbers (upper case, each once) found on a household card, in the list's order. */
	matched: string[];
	/** Those found on no card. */
	unmatched: string[];
}

const isListQuestion = (q: { type: string; multiple?: boolean }): q is ListQuestion => q.type === 'yesno' || (q.type === 'choice' && !q.multiple);

/** The template's questions a list can prefill, in the form's order (sections' own questions; no repeats). */
export function listQuestions(template: Template): ListQuestion[] {
	return template.sections.flatMap((section) => section.questions.filter(isListQuestion));
}

/** The answers a list can give a question: yes and no (in the form's words), or its options. */
export function listValues(question: ListQuestion): ListValue[] {
	if (question.type === 'choice') return question.options.map((o) => ({ value: o.value, label: o.label }));
	const labels = yesNoLabels(question);
	return [
		{ value: true, label: labels?.yes ?? null },
		{ value: false, label: labels?.no ?? null }
	];
}

/** An ID number as compared: no spaces, upper case (a final x is an X). */
export const normaliseId = (id: string): string => id.replace(/\s+/g, '').toUpperCase();

/** An ID number as shown where it need not be read in full: 4101********1234. */
export function maskId(id: string): string {
	const clean = normaliseId(id);
	return clean.length <= 8 ? clean.replace(/./g, '*') : `${clean.slice(0, 4)}********${clean.slice(-4)}`;
}

/** Each household's members' ID numbers, by ID number. */
function householdsById(dossier: DossierDoc): Map<string, string[]> {
	const byId = new Map<string, string[]>();
	for (const household of dossier.listHouseholds()) {
		const rows = dossier.answers(household.id, CARD_FORM).members;
		if (!isRows(rows)) continue;
		for (const row of Object.values(rows)) {
			if (typeof row.id_number !== 'string' || row.id_number.trim() === '') continue;
			const id = normaliseId(row.id_number);
			const list = byId.get(id) ?? [];
			if (!list.includes(household.id)) list.push(household.id);
			byId.set(id, list);
		}
	}
	return byId;
}

/**
 * What prefilling `questionId` with `value` from the list `listName` (its ID numbers `ids`)
 * would write on the campaign's household forms, and what it would leave and why.
 */
export function departmentListPlan(
	dossier: DossierDoc,
	template: Template,
	campaignId: string,
	ids: readonly string[],
	questionId: string,
	value: Answer,
	listName: string
): DepartmentListPlan {
	const question = listQuestions(template).find((q) => q.id === questionId);
	if (!question) throw new Error(`${questionId} is not a yes/no or single-choice question of ${template.id}`);
	if (!listValues(question).some((v) => v.value === value)) throw new Error(`${String(value)} is not an answer to ${questionId}`);
	const name = listName.trim();
	if (!name) throw new Error('a list needs a name');

	const byId = householdsById(dossier);
	const matched: string[] = [];
	const unmatched: string[] = [];
	const seen = new Set<string>();
	const households = new Set<string>();
	for (const raw of ids) {
		const id = normaliseId(raw);
		if (!id || seen.has(id)) continue;
		seen.add(id);
		const found = byId.get(id);
		if (!found) {
			unmatched.push(id);
			continue;
		}
		matched.push(id);
		for (const h of found) households.add(h);
	}

	const formKey = campaignFormKey(template.id, campaignId);
	const meta = dossier.meta();
	const writes: AnswerWrite[] = [];
	let answered = 0;
	let notAsked = 0;
	// In the dossier's order, so the writes (and the sync keys made of them) come out the same each time.
	for (const household of dossier.listHouseholds()) {
		if (!households.has(household.id)) continue;
		const answers = dossier.answers(household.id, formKey) as Record<string, Answer>;
		const given = answers[questionId];
		if (given !== undefined && given !== null && given !== '') {
			answered++;
			continue;
		}
		const facts = factsOf({ meta, card: dossier.answers(household.id, CARD_FORM), answers });
		if (!evaluate(question.showIf, answers, facts)) {
			notAsked++;
			continue;
		}
		// The answer first: writing an answer clears its mark (DossierDoc.writeAnswer).
		writes.push({ householdId: household.id, formKey, key: questionId, value });
		writes.push({ householdId: household.id, formKey, key: carriedKey(questionId), value: `list:${name}` });
	}
	return { writes, households: writes.length / 2, matchedHouseholds: households.size, answered, notAsked, matched, unmatched };
}
