/**
 * A place in a village as a link (worklist.ts targetHref writes it): the village page opens the
 * finding, the household's form at the question, or the village form, and its comments when
 * asked. What does not read as such a place (a hand-typed or stale link) opens the village as it
 * would open anyway.
 */
import { FORM_KEY_PATTERN } from '../dossier/layout';

export type VillageLink =
	| { view: 'ledger'; findingId: string }
	| { view: 'households'; householdId: string; formKey: string | null; questionId: string | null; comments: boolean }
	| { view: 'village'; formKey: string | null; questionId: string | null; comments: boolean };

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function readVillageLink(query: URLSearchParams): VillageLink | null {
	const pick = (name: string, pattern: RegExp) => {
		const value = query.get(name);
		return value && pattern.test(value) ? value : null;
	};
	const findingId = pick('finding', ID);
	if (findingId) return { view: 'ledger', findingId };
	const formKey = pick('form', FORM_KEY_PATTERN);
	const questionId = formKey ? pick('question', ID) : null;
	const comments = query.get('comments') === '1';
	const householdId = pick('household', ID);
	if (householdId) return { view: 'households', householdId, formKey, questionId, comments };
	if (query.get('view') === 'village') return { view: 'village', formKey, questionId, comments };
	return null;
}
