import type { Condition } from './template';
import type { Answer } from '../dossier/layout';

function isAnswered(value: unknown): boolean {
	return !(value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0));
}

/** Facts about the household by computation name (see Condition); undefined: not known. */
export type Facts = (name: string) => Answer | undefined;

/**
 * Evaluates a show-if condition against a form's answers and the household's facts (missing
 * condition: shown; a fact not known, or no facts at hand: shown).
 */
export function evaluate(condition: Condition | undefined, answers: Readonly<Record<string, Answer | undefined>>, facts?: Facts): boolean {
	if (!condition) return true;
	if ('all' in condition) return condition.all.every((c) => evaluate(c, answers, facts));
	if ('any' in condition) return condition.any.some((c) => evaluate(c, answers, facts));
	if ('not' in condition) return !evaluate(condition.not, answers, facts);
	if ('fact' in condition) {
		const fact = facts?.(condition.fact);
		if (fact === undefined || fact === null) return true;
		// A fact that is a list (the card's flags) holds when any of its items does.
		const items = Array.isArray(fact) ? fact : [fact];
		return items.some((item) => ('in' in condition ? condition.in.includes(item as string | number | boolean) : item === condition.eq));
	}
	const value = answers[condition.q];
	if ('answered' in condition) return isAnswered(value) === condition.answered;
	if ('in' in condition) return condition.in.some((v) => v === value || (Array.isArray(value) && typeof v === 'string' && value.includes(v)));
	if (condition.eq === null) return !isAnswered(value);
	return value === condition.eq || (Array.isArray(value) && typeof condition.eq === 'string' && value.includes(condition.eq));
}
