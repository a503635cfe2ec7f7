import type { Condition } from './template';
import type { Answer } from '../dossier/layout';

function isAnswered(value: unknown): boolean {
	return !(value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0));
}

/** Evaluates a show-if condition against a form's answers (missing condition: shown). */
export function evaluate(condition: Condition | undefined, answers: Readonly<Record<string, Answer | undefined>>): boolean {
	if (!condition) return true;
	if ('all' in condition) return condition.all.every((c) => evaluate(c, answers));
	if ('any' in condition) return condition.any.some((c) => evaluate(c, answers));
	if ('not' in condition) return !evaluate(condition.not, answers);
	const value = answers[condition.q];
	if ('answered' in condition) return isAnswered(value) === condition.answered;
	if ('in' in condition) return condition.in.some((v) => v === value || (Array.isArray(value) && typeof v === 'string' && value.includes(v)));
	if (condition.eq === null) return !isAnswered(value);
	return value === condition.eq || (Array.isArray(value) && typeof condition.eq === 'string' && value.includes(condition.eq));
}
