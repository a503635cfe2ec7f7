/**
 * Signatures on forms (排查人员签字). A signature records who signed (their person id and name),
 * when, the drawn image, and exactly what was signed: everything the form showed — its header,
 * every answer and every computed value (the income figures of section 1 follow the income
 * sheet, the line follows the campaign) — as canonical JSON, bound by its SHA-256 digest.
 * Anything the form shows changing afterwards reads "changed after signing" until signed again.
 *
 * A signature is a record: written once, by the person it names, never changed (the server keeps
 * that, server/sync/dossierRules.ts). Signing again adds a record under the same form's key with
 * its own id (`<form key>#<id>`); the form's signature is the latest. Layout 1 kept one signature
 * per form at the bare key, with the signer's name only and the answers alone; those still read.
 */
import { z } from 'zod';
import { digest } from 'lib0/hash/sha256';
import type { FormValue } from '../dossier/layout';
import type { Template } from '../templates/template';
import { carriedKey, describeKey } from '../templates/template';
import { actorSchema, type Actor } from '../organisation/organisation';
import { signedFormGap, type SignedHousehold } from './signedCompleteness';

/** Drawn signatures are SVG, embedded as a data URL and shown only through <img>. */
export const SIGNATURE_IMAGE_PREFIX = 'data:image/svg+xml;base64,';

/** Layout 1: one per form, replaced on re-signing; `answers` is what canonicalAnswers gave. */
export const legacySignatureSchema = z.object({
	by: z.string().min(1).max(64),
	at: z.iso.datetime({ offset: true }),
	image: z.string().startsWith(SIGNATURE_IMAGE_PREFIX).max(512 * 1024),
	/** Canonical JSON of the answers that were signed. */
	answers: z.string().max(1024 * 1024)
});

const signatureId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

export const signatureRecordSchema = z.object({
	id: signatureId,
	by: actorSchema,
	at: z.iso.datetime({ offset: true }),
	image: z.string().startsWith(SIGNATURE_IMAGE_PREFIX).max(512 * 1024),
	/** Canonical JSON of everything the form showed when signed (see signedContent). */
	shown: z.string().max(256 * 1024),
	/** SHA-256 of `shown`, hex: what the signature binds. */
	digest: z.string().regex(/^[0-9a-f]{64}$/)
});
export type SignatureRecord = z.infer<typeof signatureRecordSchema>;

/** A signature as the app shows it, whichever layout wrote it. */
export interface FormSignature {
	/** The signer: a person of the organisation (layout 1 kept only a name: id null). */
	by: { id: string | null; name: string };
	at: string;
	image: string;
	/** What was signed (canonical JSON): everything shown, or for layout 1 the answers alone. */
	shown: string;
	/** SHA-256 of `shown`; null for layout 1, which bound the answers only. */
	digest: string | null;
}

export function readSignature(value: unknown): FormSignature | null {
	const record = signatureRecordSchema.safeParse(value);
	if (record.success) {
		const r = record.data;
		return { by: r.by, at: r.at, image: r.image, shown: r.shown, digest: r.digest };
	}
	const legacy = legacySignatureSchema.safeParse(value);
	if (legacy.success) {
		const l = legacy.data;
		return { by: { id: null, name: l.by }, at: l.at, image: l.image, shown: l.answers, digest: null };
	}
	return null;
}

export function sha256Hex(text: string): string {
	let hex = '';
	for (const byte of digest(new TextEncoder().encode(text))) hex += byte.toString(16).padStart(2, '0');
	return hex;
}

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
 * questions (with the problem descriptions, carried-over marks and repeat rows), keys sorted. Computed values are
 * left out: they follow other forms and are not what the checker attests here.
 */
export function canonicalAnswers(template: Template, answers: Record<string, FormValue>): string {
	const covered: Record<string, FormValue> = {};
	for (const section of template.sections) {
		for (const question of section.questions) {
			if (question.type === 'computed' || question.type === 'signature') continue;
			for (const key of [question.id, describeKey(question.id), carriedKey(question.id)]) {
				const value = answers[key];
				if (value !== undefined && value !== null) covered[key] = value;
			}
		}
	}
	return JSON.stringify(sortKeys(covered));
}

/**
 * Everything a form shows, as canonical JSON: the header it is printed under (village,
 * household, campaign and its line), every answer (as canonicalAnswers), the value of every
 * computed question as shown now and what decided which questions showed (`household`, so the
 * server can tell a complete form from its content alone: signedCompleteness.ts). Signatures
 * made before `household` was part of it are read against content without it.
 */
export function signedContent(
	template: Template,
	answers: Record<string, FormValue>,
	computed: Record<string, FormValue | undefined>,
	header: Record<string, string | number | null>,
	household?: SignedHousehold
): string {
	const values: Record<string, FormValue> = {};
	for (const section of template.sections) {
		for (const question of section.questions) {
			if (question.type !== 'computed') continue;
			const value = computed[question.id];
			if (value !== undefined && value !== null) values[question.id] = value;
		}
	}
	const content = { template: `${template.id}@${template.version}`, header, answers: JSON.parse(canonicalAnswers(template, answers)), computed: values };
	return JSON.stringify(sortKeys(household ? { ...content, household } : content));
}

/** Whether signed content carries the household's facts (made since they were part of it). */
export function carriesHousehold(shown: string): boolean {
	try {
		const parsed: unknown = JSON.parse(shown);
		return typeof parsed === 'object' && parsed !== null && 'household' in parsed;
	} catch {
		return false;
	}
}

/**
 * Whether a form still shows what was signed. `shownNow` is signedContent of the form as it is;
 * `answersNow` is canonicalAnswers, for signatures of layout 1, which bound the answers alone.
 */
export function signatureStatus(signature: FormSignature | null, now: { shown: string; answers: string }): SignatureStatus {
	if (!signature) return 'unsigned';
	if (signature.digest === null) return signature.shown === now.answers ? 'signed' : 'changedAfterSigning';
	return signature.shown === now.shown && sha256Hex(now.shown) === signature.digest ? 'signed' : 'changedAfterSigning';
}

/** Where a form's signatures are kept in the `signatures` root: records at `<key>#<id>`. */
export function signatureKey(scope: { householdId: string } | 'village', formKey: string, questionId: string): string {
	return `${scope === 'village' ? 'village' : scope.householdId}:${formKey}:${questionId}`;
}

/** The form key a stored signature key belongs to (`<form key>#<id>`, or layout 1's bare key). */
export function signatureBase(storedKey: string): string {
	const hash = storedKey.indexOf('#');
	return hash < 0 ? storedKey : storedKey.slice(0, hash);
}

/** The signature a person gives a form now: who, when, the drawing and everything it shows. */
export function signForm(id: string, shown: string, by: Actor, image: string, at: Date = new Date()): SignatureRecord {
	return { id, by, at: at.toISOString(), image, shown, digest: sha256Hex(shown) };
}

/**
 * Why a signature record may not be stored as `userId`'s, or null: a record of this layout, at
 * its own key, naming the sender, whose digest is of what it says was shown, which is a complete
 * form (signedCompleteness.ts). A layout-1 record
 * (an app offline since before this rule) is taken at a bare key when it names the sender's name.
 */
export function signatureRecordRefusal(key: string, value: unknown, sender: { id: string; name: string }): string | null {
	const record = signatureRecordSchema.safeParse(value);
	if (record.success) {
		const r = record.data;
		if (key !== `${signatureBase(key)}#${r.id}` || signatureBase(key).length === 0) return 'A signature sits at <form key>#<its id>';
		if (r.by.id !== sender.id) return 'A signature is made only by the person it names';
		if (sha256Hex(r.shown) !== r.digest) return 'A signature’s digest is of what it says was signed';
		return signedFormGap(signatureBase(key), r.shown);
	}
	const legacy = legacySignatureSchema.safeParse(value);
	if (legacy.success && !key.includes('#')) return legacy.data.by === sender.name ? null : 'A signature is made only by the person it names';
	return 'Malformed signature';
}

/** A form's signature state and sign action, as the form view takes them. */
export interface FormSigning {
	state(questionId: string): { status: SignatureStatus; signature: FormSignature | null };
	sign(questionId: string, image: string): void;
}
