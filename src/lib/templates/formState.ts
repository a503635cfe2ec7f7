/**
 * What a form shows, derived from its template and answers: which questions are visible, the
 * value of each (computed ones included), and per-section progress and problems. Pure, so the
 * form view, the grid and exports all agree.
 */
import type { FormValue } from '../dossier/layout';
import type { Answer } from '../dossier/layout';
import { checkAnswer, type AnswerProblem } from './answerSchema';
import { evaluate } from './conditions';
import { compute, type ComputeContext } from './computations';
import { describeKey, type Question, type Template } from './template';

export interface QuestionState {
	question: Question;
	value: FormValue | undefined;
	problem: AnswerProblem | null;
	/** The answer is the one the template marks as a problem on the ground. */
	flagged: boolean;
}

export interface SectionState {
	id: string;
	questions: QuestionState[];
	/** Required (or computed) questions that have a value, of all required ones shown. */
	answered: number;
	required: number;
	problems: number;
	flagged: number;
}

export function questionValue(question: Question, answers: Record<string, FormValue>, ctx: Omit<ComputeContext, 'answers'>): FormValue | undefined {
	if (question.type === 'computed') return compute(question.compute, { ...ctx, answers: answers as Record<string, Answer> });
	return answers[question.id];
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
	return template.sections.map((section) => {
		const states: QuestionState[] = [];
		let answered = 0;
		let required = 0;
		let problems = 0;
		let flagged = 0;
		for (const question of section.questions) {
			if (!evaluate(question.showIf, plain)) continue;
			const value = questionValue(question, answers, ctx);
			const problem = question.type === 'signature' && question.required && !signed(question.id) ? { code: 'answer.required' } : checkAnswer(question, value);
			const isFlag = isFlagged(question, value);
			states.push({ question, value, problem, flagged: isFlag });
			if (question.required) {
				required++;
				const has = question.type === 'signature' ? signed(question.id) : value !== undefined && value !== null && value !== '';
				if (has) answered++;
			}
			if (problem && problem.code !== 'answer.required') problems++;
			if (isFlag) flagged++;
		}
		return { id: section.id, questions: states, answered, required, problems, flagged };
	});
}

/** The description a flagged yes/no carries ("如有问题请详细描述"). */
export function descriptionOf(answers: Record<string, FormValue>, questionId: string): string {
	const value = answers[describeKey(questionId)];
	return typeof value === 'string' ? value : '';
}
