/**
 * What a form shows, derived from its template and answers: which questions are visible, the
 * value of each (computed ones included), and per-section progress and problems. Pure, so the
 * form view, the grid and exports all agree.
 */
import type { FormValue } from '../dossier/layout';
import type { Answer } from '../dossier/layout';
import { checkAnswer, type AnswerProblem } from './answerSchema';
import { evaluate, type Facts } from './conditions';
import { COMPUTATIONS, compute, computedProblem, headcountOf, type ComputeContext } from './computations';
import { carriedKey, describeKey, type Question, type Template } from './template';
import type { HouseholdCount } from '../household/members';

export interface QuestionState {
	question: Question;
	value: FormValue | undefined;
	/**
	 * What is wrong with the value: it does not fit, a required one is missing, or (computed
	 * questions) why the figure is not there or not yet sound.
	 */
	problem: AnswerProblem | null;
	/** The answer is the one the template marks as a problem on the ground. */
	flagged: boolean;
	/** For a headcount: the household's whole count, to show beside the value. */
	headcount: HouseholdCount | null;
	/** Where an answer carried over from (`campaign:<id>`, `list:<name>`) until a cadre confirms it. */
	carried: string | null;
}

export interface SectionState {
	id: string;
	questions: QuestionState[];
	/** Required (or computed) questions that have a value, of all required ones shown. */
	answered: number;
	required: number;
	problems: number;
	flagged: number;
	/** Answers carried over and not yet confirmed. */
	carried: number;
}

export function questionValue(question: Question, answers: Record<string, FormValue>, ctx: Omit<ComputeContext, 'answers'>): FormValue | undefined {
	if (question.type === 'computed') return compute(question.compute, { ...ctx, answers: answers as Record<string, Answer> });
	return answers[question.id];
}

/** The household's facts show-if conditions read, computed once per name. */
export function factsOf(ctx: ComputeContext): Facts {
	const known = new Map<string, Answer | undefined>();
	return (name) => {
		if (!known.has(name)) known.set(name, COMPUTATIONS[name] ? compute(name, ctx) : undefined);
		return known.get(name);
	};
}

export function isFlagged(question: Question, value: FormValue | undefined): boolean {
	if ((question.type !== 'yesno' && question.type !== 'computed') || !question.problemWhen || typeof value !== 'boolean') return false;
	return value === (question.problemWhen === 'yes');
}

export function formState(
	template: Template,
	answers: Record<string, FormValue>,
	ctx: Omit<ComputeContext, 'answers'>,
	signed: (questionId: string) => boolean = () => false
): SectionState[] {
	const plain = answers as Record<string, Answer>;
	const facts = factsOf({ ...ctx, answers: plain });
	return template.sections.map((section) => {
		const states: QuestionState[] = [];
		let answered = 0;
		let required = 0;
		let problems = 0;
		let flagged = 0;
		let carried = 0;
		for (const question of section.questions) {
			if (!evaluate(question.showIf, plain, facts)) continue;
			const value = questionValue(question, answers, ctx);
			const problem =
				question.type === 'signature'
					? question.required && !signed(question.id)
						? { code: 'answer.required' }
						: null
					: question.type === 'computed'
						? computedProblem(question, value as Answer | undefined, ctx)
						: checkAnswer(question, value);
			const isFlag = isFlagged(question, value);
			const headcount = question.type === 'computed' && question.kind === 'headcount' ? headcountOf(ctx) : null;
			const from = value !== undefined && value !== null ? answers[carriedKey(question.id)] : undefined;
			states.push({ question, value, problem, flagged: isFlag, headcount, carried: typeof from === 'string' ? from : null });
			if (typeof from === 'string') carried++;
			if (question.required) {
				required++;
				// A computed value with a problem is not there yet (the count is a guess, the sheet is empty).
				const has = question.type === 'signature' ? signed(question.id) : value !== undefined && value !== null && value !== '' && !(question.type === 'computed' && problem);
				if (has) answered++;
			}
			// A computed value cannot be typed wrong: its problems are missing parts, not bad answers.
			if (problem && problem.code !== 'answer.required' && question.type !== 'computed') problems++;
			if (isFlag) flagged++;
		}
		return { id: section.id, questions: states, answered, required, problems, flagged, carried };
	});
}

/** The description a flagged yes/no carries ("如有问题请详细描述"). */
export function descriptionOf(answers: Record<string, FormValue>, questionId: string): string {
	const value = answers[describeKey(questionId)];
	return typeof value === 'string' ? value : '';
}

const reasonKey = (problem: AnswerProblem) => `${problem.code}|${JSON.stringify(problem.params ?? {})}`;

/**
 * The computed questions under which the form says why a figure is missing: a reason a
 * section's figures share (nine of them, for want of an income sheet) is said once, under the
 * first of them; the others are only marked.
 */
export function reasonsToSay(sections: readonly SectionState[]): Set<QuestionState> {
	const first = new Set<QuestionState>();
	for (const section of sections) {
		const said = new Set<string>();
		for (const state of section.questions) {
			if (state.question.type !== 'computed' || !state.problem) continue;
			if (!said.has(reasonKey(state.problem))) first.add(state);
			said.add(reasonKey(state.problem));
		}
	}
	return first;
}

/** Why a form cannot be signed yet, one line per section and reason. */
export interface SigningBlocker {
	sectionId: string;
	/** An i18n key: `form.blocked.unanswered` (with `count`), `form.blocked.invalid`, or a computed question's reason. */
	code: string;
	params?: Record<string, string | number>;
}

/**
 * What stands between a form and its signature. A signature says the checker went through the
 * whole form (排查人员签字 closes it), so a form is signed only when complete: every question it
 * asks answered, every answer fitting its question, and every figure it takes from elsewhere there
 * and sound (附件1 section 1 needs the income sheet and every member's resident box). Reasons a
 * section shares (nine figures missing for want of an income sheet) are said once.
 */
export function signingBlockers(sections: readonly SectionState[]): SigningBlocker[] {
	const blockers: SigningBlocker[] = [];
	for (const section of sections) {
		let unanswered = 0;
		let invalid = 0;
		const reasons = new Map<string, SigningBlocker>();
		for (const { question, problem } of section.questions) {
			if (!problem || question.type === 'signature') continue;
			if (question.type === 'computed') {
				const key = reasonKey(problem);
				if (!reasons.has(key)) reasons.set(key, { sectionId: section.id, code: problem.code === 'answer.required' ? 'form.blocked.computed' : problem.code, params: problem.params });
			} else if (problem.code === 'answer.required') unanswered++;
			else invalid++;
		}
		blockers.push(...reasons.values());
		if (section.carried) blockers.push({ sectionId: section.id, code: 'form.blocked.carried', params: { count: section.carried } });
		if (unanswered) blockers.push({ sectionId: section.id, code: 'form.blocked.unanswered', params: { count: unanswered } });
		if (invalid) blockers.push({ sectionId: section.id, code: 'form.blocked.invalid', params: { count: invalid } });
	}
	return blockers;
}
