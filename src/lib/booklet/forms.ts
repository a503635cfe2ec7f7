/**
 * A form as the booklet prints it: the template's own print view (FormPrint) needs the form's
 * state, its answers and how its signatures read now. Signatures are read exactly as the form's
 * screen reads them (DossierSession.formSigning), else a booklet could say 已签 of a form its
 * screen says was changed after signing.
 */
import type { DossierDoc } from '../dossier/dossierDoc';
import type { FormValue } from '../dossier/layout';
import type { Campaign } from '../campaign/campaign';
import { compute, type ComputeContext } from '../templates/computations';
import { isRows } from '../household/members';
import { formState, type SectionState } from '../templates/formState';
import type { LocalizedText, Template } from '../templates/template';
import { formContent, formHeader, signatureNow } from '../signing/formContent';
import { signatureKey, type FormSignature, type SignatureStatus } from '../signing/signature';
import { nameOf, type PersonLookup } from '../organisation/personName';

export interface SignatureLine {
	questionId: string;
	status: SignatureStatus;
	/** The latest signature, its signer named by the organisation (personName.ts). */
	signature: FormSignature | null;
}

export interface PrintedForm {
	template: Template;
	formKey: string;
	/** The answers as the form shows them: stored answers, and each repeat row's figures (withRowFigures). */
	answers: Record<string, FormValue>;
	sections: SectionState[];
	signatures: SignatureLine[];
	/** The worst of its signatures (one unsigned leaves the form unsigned); null: it asks for none. */
	status: SignatureStatus | null;
}

const worse = (a: SignatureStatus | null, b: SignatureStatus): SignatureStatus =>
	a === 'unsigned' || b === 'unsigned' ? 'unsigned' : a === 'changedAfterSigning' || b === 'changedAfterSigning' ? 'changedAfterSigning' : 'signed';

/**
 * One form of a household (`scope` its id) or of the village, with its signatures as they read
 * now. `campaign` is the dossier's record of the form's campaign (null for the household card).
 */
export function printedForm(
	dossier: DossierDoc,
	scope: { householdId: string } | 'village',
	template: Template,
	formKey: string,
	answers: Record<string, FormValue>,
	context: Omit<ComputeContext, 'answers'>,
	campaign: Campaign | null,
	people: PersonLookup | null
): PrintedForm {
	const head = scope === 'village' ? null : context.card?.['head'];
	const header = formHeader(context.meta, head, campaign);
	const shownNow = (withHousehold: boolean) => formContent(template, answers, context, header, withHousehold);
	const signatures: SignatureLine[] = [];
	let status: SignatureStatus | null = null;
	for (const section of template.sections) {
		for (const question of section.questions) {
			if (question.type !== 'signature') continue;
			const stored = dossier.signature(signatureKey(scope, formKey, question.id));
			// What the form shows is worked out only for a form that was signed: a village's unsigned forms are most of it.
			const now = signatureNow(stored, template, answers, shownNow);
			status = worse(status, now);
			signatures.push({ questionId: question.id, status: now, signature: stored && { ...stored, by: { ...stored.by, name: nameOf(stored.by, people) } } });
		}
	}
	const signed = (id: string) => signatures.some((s) => s.questionId === id && s.status === 'signed');
	const shown = withRowFigures(template, answers, context);
	return { template, formKey, answers: shown, sections: formState(template, shown, context, signed), signatures, status };
}

/**
 * The rows of repeat groups with their computed questions worked out, as the form shows them on
 * screen (a member's birth date and sex, read from the ID number): the print view reads a row's
 * stored answers only, and would leave those columns blank. For showing only: a signature binds
 * the stored answers.
 */
export function withRowFigures(template: Template, answers: Record<string, FormValue>, context: Omit<ComputeContext, 'answers'>): Record<string, FormValue> {
	let out = answers;
	for (const question of template.sections.flatMap((s) => s.questions)) {
		if (question.type !== 'repeat') continue;
		const rows = answers[question.id];
		const figures = question.questions.filter((q) => q.type === 'computed');
		if (!figures.length || !isRows(rows)) continue;
		const shown = Object.fromEntries(
			Object.entries(rows).map(([rowId, row]) => {
				const worked = { ...row };
				for (const q of figures) {
					const value = q.type === 'computed' ? compute(q.compute, { ...context, answers: row }) : undefined;
					if (value !== undefined) worked[q.id] = value;
				}
				return [rowId, worked];
			})
		);
		out = { ...out, [question.id]: shown };
	}
	return out;
}

/**
 * The household card and the income sheet print under the booklet's own column heads: their rows
 * are items of a record, not questions of a screening (附件1's 事项 / 排查问卷内容).
 */
export function withPrintWords(template: Template, section: LocalizedText, question: LocalizedText): Template {
	return { ...template, print: { section, question } };
}
