/**
 * Signatures on forms (排查人员签字). A signature records who signed, when, the drawn image, and
 * exactly what was signed: the form's answers in a canonical form. Editing the form afterwards
 * is then visible as "changed after signing" until it is signed again, and what the checker
 * confirmed stays readable for the audit trail.
 */
import { z } from 'zod';
import type { FormValue } from '../dossier/layout';
import type { Template } from '../templates/template';
import { describeKey } from '../templates/template';

/** Drawn signatures are SVG, embedded as a data URL and shown only through <img>. */
export const SIGNATURE_IMAGE_PREFIX = 'data:image/svg+xml;base64,';

export const formSignatureSchema = z.object({
	by: z.string().min(1).max(64),
	at: z.iso.datetime({ offset: true }),
	image: z.string().startsWith(SIGNATURE_IMAGE_PREFIX).max(512 * 1024),
	/** Canonical JSON of the answers that were signed. */
	answers: z.string().max(1024 * 1024)
});
export type FormSignature = z.infer<typeof formSignatureSchema>;

export type SignatureStatus = 'unsigned' | 'signed' | 'changedAfterSigning';

function sortKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(sortKeys);
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.keys(value as Record<string, unknown>)
				.sort()
				.map((k) => [k, sortKeys((value as Record<string, unknown>)[k])])
		);
	}
	return value;
}

/**
 * The answers a signature covers, as canonical JSON: every stored answer of the template's
 * questions (with the problem descriptions and repeat rows), keys sorted. Computed values are
 * left out: they follow other forms and are not what the checker attests here.
 */
export function canonicalAnswers(template: Template, answers: Record<string, FormValue>): string {
	const covered: Record<string, FormValue> = {};
	for (const section of template.sections) {
		for (const question of section.questions) {
			if (question.type === 'computed' || question.type === 'signature') continue;
			for (const key of [question.id, describeKey(question.id)]) {
				const value = answers[key];
				if (value !== undefined && value !== null) covered[key] = value;
			}
		}
	}
	return JSON.stringify(sortKeys(covered));
}

export function signatureStatus(signature: FormSignature | null, currentCanonical: string): SignatureStatus {
	if (!signature) return 'unsigned';
	return signature.answers === currentCanonical ? 'signed' : 'changedAfterSigning';
}

/** Where a form's signature is kept in the `signatures` root. */
export function signatureKey(scope: { householdId: string } | 'village', formKey: string, questionId: string): string {
	return `${scope === 'village' ? 'village' : scope.householdId}:${formKey}:${questionId}`;
}

/** The signature a person gives a form now: who, when, the drawing and the answers it covers. */
export function signForm(template: Template, answers: Record<string, FormValue>, by: string, image: string, at: Date = new Date()): FormSignature {
	return { by, at: at.toISOString(), image, answers: canonicalAnswers(template, answers) };
}

/** A form's signature state and sign action, as the form view takes them. */
export interface FormSigning {
	state(questionId: string): { status: SignatureStatus; signature: FormSignature | null };
	sign(questionId: string, image: string): void;
}
