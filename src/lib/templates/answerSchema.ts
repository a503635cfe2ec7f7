/**
 * Generates the zod schema of a question's stored answer. Error messages are i18n keys
 * (`answer.*` in the message catalogue) with their parameters in the issue's `params`, so the
 * same check speaks Chinese or English in the UI and stays testable here.
 */
import { z } from 'zod';
import type { LeafQuestion, Question } from './template';
import type { Answer } from '../dossier/layout';
import { parseResidentId } from '../household/residentId';
import { isCalendarDay, localDay } from '../calendar/calendar';

export interface AnswerProblem {
	/** i18n key, e.g. 'answer.required'. */
	code: string;
	params?: Record<string, string | number>;
}

/** Blobs (photos) are named by the SHA-256 of their bytes. */
const blobRef = z.string().regex(/^[0-9a-f]{64}$/, { error: 'answer.notPhoto' });

/**
 * Built once per question: a grid paste checks thousands of cells against a few dozen questions.
 * Templates are immutable after loading, so the question object is a safe key.
 */
const schemas = new WeakMap<LeafQuestion, z.ZodType<Answer>>();

export function answerSchema(question: LeafQuestion): z.ZodType<Answer> {
	let schema = schemas.get(question);
	if (!schema) schemas.set(question, (schema = buildSchema(question)));
	return schema;
}

function buildSchema(question: LeafQuestion): z.ZodType<Answer> {
	switch (question.type) {
		case 'text': {
			let s = z.string({ error: 'answer.notText' });
			if (question.maxLength) s = s.max(question.maxLength, { error: 'answer.tooLong' });
			if (question.format === 'residentId') {
				return s.superRefine((value, ctx) => {
					const result = parseResidentId(value, localDay());
					if (!result.ok) ctx.addIssue({ code: 'custom', message: `answer.id_${result.problem}` });
				});
			}
			if (question.format === 'phone') return s.regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, { error: 'answer.notPhone' });
			return s;
		}
		case 'integer':
		case 'money': {
			const notIt = question.type === 'money' ? (question.unit === 'wan' ? 'answer.notMoneyWan' : 'answer.notMoney') : 'answer.notInteger';
			let s = z.number({ error: notIt }).int({ error: notIt });
			if (question.min !== undefined) s = s.min(question.min, { error: 'answer.tooSmall' });
			if (question.max !== undefined) s = s.max(question.max, { error: 'answer.tooLarge' });
			return s;
		}
		case 'yesno':
			return z.boolean({ error: 'answer.notYesNo' });
		case 'date': {
			const s = z.string({ error: 'answer.notDate' }).refine(isCalendarDay, { error: 'answer.notDate' });
			return question.notInFuture
				? s.refine((v) => v <= localDay(), { error: 'answer.dateInFuture' })
				: s;
		}
		case 'choice': {
			const values = question.options.map((o) => o.value) as [string, ...string[]];
			const one = z.enum(values, { error: 'answer.notAnOption' });
			return question.multiple ? z.array(one, { error: 'answer.notAnOption' }) : one;
		}
		case 'photo': {
			const list = z.array(blobRef, { error: 'answer.notPhoto' });
			return question.maxPhotos ? list.max(question.maxPhotos, { error: 'answer.tooManyPhotos' }) : list;
		}
		case 'signature':
		case 'computed':
			// Never stored as an answer: signatures live in their own root, computed values are derived.
			return z.null({ error: 'answer.notStored' });
	}
}

function paramsFor(question: LeafQuestion): Record<string, string | number> {
	const params: Record<string, string | number> = {};
	if ('min' in question && question.min !== undefined) params.min = question.min;
	if ('max' in question && question.max !== undefined) params.max = question.max;
	if ('maxLength' in question && question.maxLength !== undefined) params.maxLength = question.maxLength;
	return params;
}

/**
 * Checks one stored answer against its question. `undefined` and `null` mean unanswered:
 * a problem only when the question is required.
 */
export function checkAnswer(question: Question, value: unknown): AnswerProblem | null {
	if (question.type === 'signature') return null;
	// A computed value is never typed, so never wrong; a required one can still be missing
	// (附件1 section 1 before the income sheet is filled in).
	if (question.type === 'computed') return question.required && (value === undefined || value === null) ? { code: 'answer.required' } : null;
	if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
		return question.required ? { code: 'answer.required' } : null;
	}
	if (question.type === 'repeat') return checkRows(question, value);
	const result = answerSchema(question).safeParse(value);
	if (result.success) return null;
	return { code: result.error.issues[0]?.message ?? 'answer.invalid', params: paramsFor(question) };
}

/** A repeat group's rows: { rowId: { questionId: answer } }; the first problem found, by row order. */
function checkRows(question: Extract<Question, { type: 'repeat' }>, value: unknown): AnswerProblem | null {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return { code: 'answer.invalid' };
	const rows = Object.values(value as Record<string, unknown>);
	if (question.minRows !== undefined && rows.length < question.minRows) return { code: 'answer.tooFewRows', params: { min: question.minRows } };
	if (question.maxRows !== undefined && rows.length > question.maxRows) return { code: 'answer.tooManyRows', params: { max: question.maxRows } };
	for (const row of rows) {
		if (typeof row !== 'object' || row === null) return { code: 'answer.invalid' };
		for (const inner of question.questions) {
			const problem = checkAnswer(inner, (row as Record<string, unknown>)[inner.id]);
			if (problem) return problem;
		}
	}
	return null;
}
