/**
 * What a form shows right now, as the content a signature binds (signature.ts signedContent):
 * its header, answers, every computed figure, and the household facts that decided which
 * questions showed. One function for the signer's screen, the status check and the tests, so
 * what is signed and what is later compared are built the same way.
 */
import type { Answer, FormValue } from '../dossier/layout';
import { factsOf, questionValue } from '../templates/formState';
import { headcountOf, type ComputeContext } from '../templates/computations';
import { factNames, type Template } from '../templates/template';
import { signedContent } from './signature';
import type { SignedHousehold } from './signedCompleteness';

export function formContent(
	template: Template,
	answers: Record<string, FormValue>,
	context: Omit<ComputeContext, 'answers'>,
	header: Record<string, string | number | null>,
	/** False to rebuild content as signatures made before `household` was part of it bound it. */
	withHousehold = true
): string {
	const computed: Record<string, FormValue | undefined> = {};
	for (const section of template.sections) for (const question of section.questions) if (question.type === 'computed') computed[question.id] = questionValue(question, answers, context);
	if (!withHousehold) return signedContent(template, answers, computed, header);
	const known = factsOf({ ...context, answers: answers as Record<string, Answer> });
	const count = headcountOf(context);
	const household: SignedHousehold = {
		facts: Object.fromEntries(factNames(template).map((name) => [name, known(name) ?? null])),
		headcount: count && { total: count.total, unanswered: count.unanswered }
	};
	return signedContent(template, answers, computed, header, household);
}
