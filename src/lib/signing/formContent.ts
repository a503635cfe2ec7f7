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
import { canonicalAnswers, signatureStatus, signedContent, carriesHousehold, type FormSignature, type SignatureStatus } from './signature';
import type { Campaign } from '../campaign/campaign';
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

/**
 * The header a form is signed under: the place, the household (null on a village form) and the
 * campaign record as the dossier stores it. Whoever reads a signature's status builds it here, or
 * every signature would read as changed.
 */
export function formHeader(meta: { township: string; village: string } | null, head: FormValue | undefined | null, campaign: Campaign | null): Record<string, string | null> {
	return {
		township: meta?.township ?? null,
		village: meta?.village ?? null,
		household: typeof head === 'string' ? head : null,
		campaign: campaign ? JSON.stringify(campaign) : null
	};
}

/**
 * How a stored signature reads against the form now; `shown` builds the form's content, with or
 * without the household's facts as the signature was made (see carriesHousehold).
 */
export function signatureNow(stored: FormSignature | null, template: Template, answers: Record<string, FormValue>, shown: (withHousehold: boolean) => string): SignatureStatus {
	return signatureStatus(stored, { shown: !stored || stored.digest === null ? '' : shown(carriesHousehold(stored.shown)), answers: canonicalAnswers(template, answers) });
}
