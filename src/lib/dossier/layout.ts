/**
 * The layout of a dossier's Y.Doc: the contract every client, the server and integrators share.
 * Documented for integrators in README.md ("Dossier document layout"); change it only with a
 * new LAYOUT_VERSION and a reader that still understands the old one (offline devices may
 * hold documents written weeks earlier by an older app).
 *
 * Answers written by the keeping group live under `households` and `village`, form signatures
 * in their own root. Findings and comments live in the village's review document
 * (src/lib/review/reviewDoc.ts), a separate room and so a permission boundary of its own (#5);
 * layout 1 reserved `findings` and `comments` roots here, which no app version ever wrote.
 */
export const LAYOUT_VERSION = 1;

export const ROOT = {
	/** Y.Map: dossier metadata, keys of DossierMeta. */
	meta: 'meta',
	/** Y.Map<HouseholdId, Y.Map>: one household each, see HOUSEHOLD. */
	households: 'households',
	/** Y.Map<AnswerKey, Answer>: village-level forms (附件2), keys as in a household's answers. */
	village: 'village',
	/** Y.Map<SignatureKey, FormSignature>: form signatures (排查人员签字). */
	signatures: 'signatures',
	/** Y.Map<CampaignId, Campaign (plain object)>: the campaigns this dossier's forms belong to. */
	campaigns: 'campaigns',
	/** Y.Map<`<householdId>#<stepId>`, MonitoringStep>: households' monitoring lifecycle, written once each (household/monitoring.ts). */
	monitoring: 'monitoring'
} as const;

export type RootName = (typeof ROOT)[keyof typeof ROOT];

/** Keys of a household's Y.Map. */
export const HOUSEHOLD = {
	id: 'id',
	createdAt: 'createdAt',
	createdBy: 'createdBy',
	/** ISO time when the household was withdrawn; households are never hard-deleted. */
	removedAt: 'removedAt',
	/** Who withdrew it: their name (as layout 1 kept it), their person id, and why. */
	removedBy: 'removedBy',
	removedById: 'removedById',
	removedReason: 'removedReason',
	/** Y.Map<AnswerKey, Answer>: every answer of every form of the household, flat (see answerKey). */
	answers: 'answers'
} as const;

/**
 * Answers live in one flat Y.Map per household (created with the household), keyed
 * `form:question`, repeat rows as `form:group:row` (value: the row's sort order) and their
 * answers as `form:group:row:question`. Flat keys matter: two devices that start the same form
 * offline would each create a nested Y.Map for it, and Yjs keeps only one of two maps set
 * under the same key, silently dropping the other's answers. With flat keys, concurrent edits
 * meet only on the same field, where the last writer wins as a person would expect.
 */
export function answerKey(formKey: string, questionId: string): string {
	return `${formKey}:${questionId}`;
}

export function rowKey(formKey: string, groupId: string, rowId: string): string {
	return `${formKey}:${groupId}:${rowId}`;
}

export function rowAnswerKey(formKey: string, groupId: string, rowId: string, questionId: string): string {
	return `${formKey}:${groupId}:${rowId}:${questionId}`;
}

/** Form keys name a template and, for campaign forms, the campaign: `household-screening-2022@c1`. */
export const FORM_KEY_PATTERN = /^[a-z][a-z0-9_-]*(@[A-Za-z0-9_-]+)?$/;

/** The household card form: head, type and the household's standing facts. */
export const CARD_FORM = 'card';

/**
 * An answer as stored. Values are plain JSON: yes/no as boolean, integers and money as integer
 * numbers (money in fen, 1 yuan = 100 fen), text as string, dates as 'YYYY-MM-DD', single choice
 * as the option's value, multiple choice as an array of option values. A value that arrives
 * from another device and does not fit its question is kept as it is and shown as an error:
 * never coerced, never dropped.
 */
export type Answer = string | number | boolean | string[] | null;

/** A repeat group's rows as read back: rowId → that row's answers (in sort order). */
export type RepeatRows = Record<string, Record<string, Answer>>;

/** What a form's answers hold: plain answers, and rows for repeat groups. */
export type FormValue = Answer | RepeatRows;

export type HouseholdType = 'ordinary' | 'lifted' | 'monitored';
export const HOUSEHOLD_TYPES: readonly HouseholdType[] = ['ordinary', 'lifted', 'monitored'];
