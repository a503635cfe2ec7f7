/**
 * The review of a household's record in a campaign (户档审核): every household is reviewed, not
 * only those with findings. Per household and campaign the record goes
 * 待填 → 已填 → 待审 → 退回 (with a reason per question) → 已更正 → 审定, and an edit after 审定
 * reopens it, visibly.
 *
 * Each step is a record of its own in the village's review document (`recordReviews`), written
 * once by the person it names and never changed: the keeping group submits (提交审核), a township
 * reviewer returns (退回) or approves (审定, with their drawn signature). Every step keeps what the
 * record said when it was taken (`shown`, canonical JSON of the household's answers in the
 * campaign, and its SHA-256), so the reviewer is shown what changed since the last review, and
 * an approval reads against the record as it is now.
 *
 * The state is the fold of the steps in time order, as the problem ledger's is: two devices that
 * act at once (a reviewer approving while another returns) both keep their step, every device
 * reaches the same state, and the step that no longer fits is shown as not applied, with why.
 */
import { z } from 'zod';
import { actorSchema } from '../organisation/organisation';
import { SIGNATURE_IMAGE_PREFIX, sha256Hex } from '../signing/signature';
import { CARD_FORM, type Answer } from '../dossier/layout';
import { CARRIED_SUFFIX } from '../templates/template';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const RECORD_REVIEW_STEPS = ['submit', 'return', 'approve'] as const;
export type RecordReviewStep = (typeof RECORD_REVIEW_STEPS)[number];

/** Where a household's record stands; `reopened` is an approved record edited since. */
export const RECORD_REVIEW_STATES = ['draft', 'filled', 'submitted', 'returned', 'corrected', 'approved', 'reopened'] as const;
export type RecordReviewState = (typeof RECORD_REVIEW_STATES)[number];

/** Who takes each step: the keeping group submits, a township reviewer returns or approves. */
export const STEP_ROLE: Record<RecordReviewStep, 'owner' | 'reviewer'> = { submit: 'owner', return: 'reviewer', approve: 'reviewer' };

export const returnReasonSchema = z.object({
	/** The answer key the reason is about (`<form>:<question>`, as in the dossier). */
	key: z.string().min(1).max(256),
	reason: z.string().trim().min(1).max(500)
});
export type ReturnReason = z.infer<typeof returnReasonSchema>;

export const recordReviewEventSchema = z
	.object({
		id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
		householdId: id,
		campaignId: id,
		/** The household's head as the step saw it, so a list can name it without the dossier. */
		head: z.string().max(40),
		type: z.enum(RECORD_REVIEW_STEPS),
		by: actorSchema,
		at: z.iso.datetime({ offset: true }),
		/** A return's reasons, one per question (at least one). */
		reasons: z.array(returnReasonSchema).max(200).optional(),
		note: z.string().trim().max(500).optional(),
		/** The reviewer's drawn signature: an approval carries it. */
		image: z.string().startsWith(SIGNATURE_IMAGE_PREFIX).max(512 * 1024).optional(),
		/** Canonical JSON of the record when the step was taken (recordContent). */
		shown: z.string().max(256 * 1024),
		digest: z.string().regex(/^[0-9a-f]{64}$/)
	})
	.refine((e) => e.type !== 'return' || (e.reasons?.length ?? 0) > 0, { message: 'a return gives a reason per question', path: ['reasons'] })
	.refine((e) => e.type !== 'approve' || !!e.image, { message: 'an approval carries the reviewer’s signature', path: ['image'] });
export type RecordReviewEvent = z.infer<typeof recordReviewEventSchema>;

/** A household's record in a campaign: its card and the campaign's forms, flat keys as stored. */
export type RecordAnswers = Record<string, Answer>;

/** Whether an answer key belongs to the record of a campaign (the card, or a form `<template>@<campaign>`). */
export function inRecord(key: string, campaignId: string): boolean {
	const form = key.slice(0, key.indexOf(':'));
	if (key.endsWith(CARRIED_SUFFIX)) return false; // a carry-over mark, not an answer
	return form === CARD_FORM || form.endsWith(`@${campaignId}`);
}

/** The record of a campaign out of a household's flat answers. */
export function recordAnswers(entries: Iterable<readonly [string, Answer]>, campaignId: string): RecordAnswers {
	const out: RecordAnswers = {};
	for (const [key, value] of entries) if (value !== null && value !== undefined && inRecord(key, campaignId)) out[key] = value;
	return out;
}

/** Canonical JSON of a record (keys sorted, arrays as given), and its digest. */
export function recordContent(record: RecordAnswers): { shown: string; digest: string } {
	const sorted: RecordAnswers = {};
	for (const key of Object.keys(record).sort()) sorted[key] = record[key]!;
	const shown = JSON.stringify(sorted);
	return { shown, digest: sha256Hex(shown) };
}

/** The record a step kept (an empty one if it does not read). */
export function shownRecord(event: Pick<RecordReviewEvent, 'shown'>): RecordAnswers {
	try {
		const parsed: unknown = JSON.parse(event.shown);
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as RecordAnswers) : {};
	} catch {
		return {};
	}
}

/** Why a step read in its place does not apply; `recordReview.notApplied.<code>` in the UI. */
export type NotAppliedWhy = 'alreadySubmitted' | 'notSubmitted' | 'notChanged' | 'ownSubmission';

export interface RecordReviewStatus {
	state: RecordReviewState;
	/** Every step that applied, oldest first. */
	steps: RecordReviewEvent[];
	/** The submission standing now (state submitted or corrected). */
	submitted: RecordReviewEvent | null;
	/** The last return or approval: what "changes since the last review" is measured from. */
	lastReview: RecordReviewEvent | null;
	/** The return standing (state returned), or the one the standing submission answers (corrected). */
	returned: RecordReviewEvent | null;
	/** The approval (state approved or reopened). */
	approved: RecordReviewEvent | null;
	notApplied: { event: RecordReviewEvent; why: NotAppliedWhy }[];
}

export interface RecordNow {
	/** The digest of the record as it is now (recordContent); null when the dossier is not read. */
	digest: string | null;
	/** The campaign's form is filled in (signed, and still showing what was signed). */
	filled: boolean;
}

/** The steps that parse, in the order the fold reads them: time, then id. */
export function orderedSteps(raw: Iterable<unknown>): RecordReviewEvent[] {
	const out: RecordReviewEvent[] = [];
	for (const value of raw) {
		const parsed = recordReviewEventSchema.safeParse(value);
		if (parsed.success) out.push(parsed.data);
	}
	return out.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

/** Why this step cannot follow the state the record is in (null: it can). */
export function stepRefusal(status: Pick<RecordReviewStatus, 'state' | 'submitted' | 'approved'>, step: Pick<RecordReviewEvent, 'type' | 'by' | 'digest'>): NotAppliedWhy | null {
	const waiting = status.state === 'submitted' || status.state === 'corrected';
	if (step.type === 'submit') {
		if (waiting) return 'alreadySubmitted';
		// An approved record is submitted again only once it has changed.
		if ((status.state === 'approved' || status.state === 'reopened') && status.approved?.digest === step.digest) return 'notChanged';
		return null;
	}
	if (!waiting) return 'notSubmitted';
	if (step.type === 'approve' && status.submitted?.by.id === step.by.id) return 'ownSubmission';
	return null;
}

/** Where a household's record stands, from its steps (any order, unparsed ones skipped) and the record now. */
export function foldRecordReview(raw: Iterable<unknown>, now: RecordNow): RecordReviewStatus {
	const status: RecordReviewStatus = { state: now.filled ? 'filled' : 'draft', steps: [], submitted: null, lastReview: null, returned: null, approved: null, notApplied: [] };
	for (const step of orderedSteps(raw)) {
		const why = stepRefusal(status, step);
		if (why) {
			status.notApplied.push({ event: step, why });
			continue;
		}
		status.steps.push(step);
		if (step.type === 'submit') {
			status.state = status.state === 'returned' ? 'corrected' : 'submitted';
			status.submitted = step;
			status.approved = null;
		} else if (step.type === 'return') {
			status.state = 'returned';
			status.returned = step;
			status.lastReview = step;
			status.submitted = null;
		} else {
			status.state = 'approved';
			status.approved = step;
			status.lastReview = step;
			status.returned = null;
			status.submitted = null;
		}
	}
	if (status.state === 'approved' && now.digest !== null && now.digest !== status.approved!.digest) status.state = 'reopened';
	return status;
}

/**
 * The households of a campaign whose approval (审定) still holds, with when it was given: the
 * statistics' "reviewed". `steps` by `<householdId>|<campaignId>` (ReviewDoc.recordReviews); only
 * records with an approval step are read and hashed.
 */
export function approvedRecords(steps: ReadonlyMap<string, readonly RecordReviewEvent[]>, campaignId: string, recordNow: (householdId: string) => RecordAnswers): Map<string, string> {
	const out = new Map<string, string>();
	for (const [key, list] of steps) {
		const cut = key.lastIndexOf('|');
		if (key.slice(cut + 1) !== campaignId || !list.some((s) => s.type === 'approve')) continue;
		const householdId = key.slice(0, cut);
		const status = foldRecordReview(list, { digest: recordContent(recordNow(householdId)).digest, filled: true });
		if (status.state === 'approved') out.set(householdId, status.approved!.at);
	}
	return out;
}

/** A new step, with what the record says now; throws (zod) when it does not hold together. */
export function newRecordReviewStep(
	input: Omit<RecordReviewEvent, 'id' | 'at' | 'shown' | 'digest'> & { id: string; record: RecordAnswers },
	at: Date = new Date()
): RecordReviewEvent {
	const { record, ...rest } = input;
	return recordReviewEventSchema.parse({ ...rest, at: at.toISOString(), ...recordContent(record) });
}

/** One answer that differs between two readings of a record. */
export interface RecordChange {
	key: string;
	before: Answer | undefined;
	after: Answer | undefined;
}

function same(a: Answer | undefined, b: Answer | undefined): boolean {
	return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** What changed from `before` to `after`, key by key, in key order. */
export function recordChanges(before: RecordAnswers, after: RecordAnswers): RecordChange[] {
	const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
	const out: RecordChange[] = [];
	for (const key of keys) if (!same(before[key], after[key])) out.push({ key, before: before[key], after: after[key] });
	return out;
}

/**
 * Why a record may not be stored as a review step from this sender (null: it may). The server's
 * rule: in one's own name, in the role the step needs, with a digest of what it says. Whether the
 * step fits the record's state is the fold's to say, not a reason to refuse a device that was
 * offline when someone else acted.
 */
export function recordReviewRefusal(key: string, value: unknown, sender: { id: string; roles: readonly string[] }): string | null {
	const parsed = recordReviewEventSchema.safeParse(value);
	if (!parsed.success || parsed.data.id !== key) return 'Malformed record review step';
	const step = parsed.data;
	if (step.by.id !== sender.id) return 'A record review step is taken in the sender’s own name';
	const role = STEP_ROLE[step.type];
	if (!sender.roles.includes(role)) return `Only ${role === 'owner' ? 'the keeping group' : 'a township reviewer'} may ${step.type} a household’s record`;
	if (sha256Hex(step.shown) !== step.digest) return 'A record review step’s digest is of what it says the record was';
	return null;
}
