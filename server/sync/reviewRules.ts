/**
 * What a person may write into a village's review document (room `<dossierId>/review`), judged
 * from an inspected update before it is applied. Everything in that document is written once and
 * never changed or deleted, and everything says who wrote it; so a write is allowed only if it
 * adds something new in its place, in the sender's own name, in a role the sender holds there:
 * - a new finding (`findings/<id>` map with `record` and an empty `events` array), raised and
 *   signed by the sender, for this village, in one of the sender's roles;
 * - ledger events appended to a finding's `events`, by the sender, in a role the sender holds and
 *   that may take that step (the state machine itself is the document's: steps that arrive out
 *   of turn from offline devices are kept and shown as not applied, never refused here);
 * - a new comment by the sender; a `seen` mark under the sender's own id;
 * - a 数据核查 decision by the sender, who holds a role in the village;
 * - a checker's signed pass of a household (互查通过), by a checker of the village, for their group;
 * - a step of a household record's review: submitted by the keeping group, returned or approved
 *   (审定, signed) by a township reviewer, in the sender's own name;
 * - a back-check sample (this village's part of a draw) and a second visit's answers, by a
 *   township reviewer in their own name.
 */
import { findingSchema, sourcesFor } from '../../src/lib/ledger/finding';
import { ledgerEventSchema, newStepRefusal, RULES, type Role } from '../../src/lib/ledger/ledger';
import { commentSchema } from '../../src/lib/review/comments';
import { REVIEW_ROOT } from '../../src/lib/review/reviewDoc';
import { decisionSchema } from '../../src/lib/quality/decision';
import { checkPassRefusal } from '../../src/lib/ledger/checkPass';
import { recordReviewRefusal } from '../../src/lib/review/recordReview';
import { sampleRefusal, visitRefusal } from '../../src/lib/review/backCheck';
import type { Write } from './updateInspection';
import { RECORD_LIMITS, plainValueSize } from '../../src/lib/sync/recordLimits';

export interface ReviewWriter {
	userId: string;
	dossierId: string;
	/** The sender's roles in this village now. */
	roles: readonly Role[];
	/** The sender's group, which a cross-check finding must name as the checking group. */
	groupId: string | null;
	/** The round in which the sender's group checks this village now: a checker's finding or pass names it. */
	roundId: string | null;
	/** The finding a new event is for, as the document has it (to refuse closing one's own). */
	finding: (findingId: string) => { raisedBy: string; signedBy: string } | null;
}

/** Null when every write is allowed; otherwise why not, in words for the log and the close frame. */
export function reviewWriteRefusal(writes: readonly Write[], deletes: boolean, who: ReviewWriter): string | null {
	if (deletes) return 'Nothing in a review document is ever deleted';
	if (writes.length > RECORD_LIMITS.reviewRecordsPerUpdate * 3) return 'Too many records in one update';
	const created = new Set<string>();
	for (const w of writes) if (w.root === REVIEW_ROOT.findings && w.path.length === 0 && w.content.kind === 'map' && w.key) created.add(w.key);
	for (const w of writes) {
		const refusal = judge(w, who, created);
		if (refusal) return refusal;
	}
	return null;
}

function one(w: Write): unknown {
	return w.content.kind === 'values' && w.content.values.length === 1 ? w.content.values[0] : undefined;
}

/** The one plain value a write carries, if it is within `limit` characters; else why not. */
function sized(w: Write, limit: number): string | null {
	if (w.content.kind !== 'values') return null;
	for (const value of w.content.values) {
		const size = plainValueSize(value);
		if (size === null) return 'Record nested too deep or not plain data';
		if (size > limit) return `Record too large (${size} > ${limit} characters)`;
	}
	return null;
}

function judge(w: Write, who: ReviewWriter, created: Set<string>): string | null {
	if (w.replaces) return 'Review records are never overwritten';
	if (w.key !== null && w.key.length > RECORD_LIMITS.keyChars) return 'Key too long';
	switch (w.root) {
		case REVIEW_ROOT.findings: {
			if (w.path.length === 0) {
				if (w.content.kind !== 'map' || !w.key) return 'A finding is a map under its id';
				if (who.finding(w.key)) return 'That finding exists';
				return null;
			}
			const findingId = w.path[0]!;
			if (w.path.length === 1) {
				if (!created.has(findingId)) return 'A finding’s record is written once, when it is raised';
				if (w.key === 'events') return w.content.kind === 'array' ? null : 'A finding’s events are an array';
				if (w.key !== 'record') return 'Unknown part of a finding';
				const tooBig = sized(w, RECORD_LIMITS.findingChars);
				if (tooBig) return tooBig;
				const parsed = findingSchema.safeParse(one(w));
				if (!parsed.success) return 'Malformed finding';
				const f = parsed.data;
				if (f.id !== findingId || f.dossierId !== who.dossierId) return 'Finding belongs elsewhere';
				if (f.raisedBy.id !== who.userId || f.signature.by.id !== who.userId) return 'A finding is raised and signed by its sender';
				if (!who.roles.includes(f.role)) return `Sender is not a ${f.role} in this village`;
				if (f.role === 'checker' && f.checkerGroupId !== who.groupId) return 'A cross-check finding names the sender’s group';
				if (f.role === 'checker' && f.roundId !== who.roundId) return 'A cross-check finding names the round the sender checks in';
				if (f.source && !sourcesFor(f.role).includes(f.source)) return `A ${f.role} does not enter findings from ${f.source}`;
				return null;
			}
			if (w.path.length === 2 && w.path[1] === 'events' && w.key === null) {
				if (w.insertedBefore) return 'Ledger events are only appended';
				if (w.content.kind !== 'values') return 'Malformed ledger event';
				const signed = w.content.values.some((v) => v !== null && typeof v === 'object' && 'image' in v);
				const tooBig = sized(w, signed ? RECORD_LIMITS.signedLedgerEventChars : RECORD_LIMITS.ledgerEventChars);
				if (tooBig) return tooBig;
				const finding = created.has(findingId) ? { raisedBy: who.userId, signedBy: who.userId } : who.finding(findingId);
				if (!finding) return 'No such finding';
				for (const raw of w.content.values) {
					const parsed = ledgerEventSchema.safeParse(raw);
					if (!parsed.success) return 'Malformed ledger event';
					const e = parsed.data;
					if (e.by.id !== who.userId) return 'A ledger step is taken in the sender’s own name';
					if (!who.roles.includes(e.role)) return `Sender is not a ${e.role} in this village`;
					if (!RULES[e.type].roles.includes(e.role)) return `A ${e.role} cannot ${e.type}`;
					if (newStepRefusal(e)) return `A ${e.type} carries the reviewer’s drawn signature`;
					if (e.type === 'close' && (finding.raisedBy === who.userId || finding.signedBy === who.userId)) return 'Nobody closes a finding they raised';
				}
				return null;
			}
			return 'Unknown place in the findings';
		}
		case REVIEW_ROOT.comments: {
			if (w.path.length !== 0 || !w.key) return 'A comment sits under its id';
			const tooBig = sized(w, RECORD_LIMITS.commentChars);
			if (tooBig) return tooBig;
			const parsed = commentSchema.safeParse(one(w));
			if (!parsed.success || parsed.data.id !== w.key) return 'Malformed comment';
			if (parsed.data.by.id !== who.userId) return 'A comment is written in the sender’s own name';
			return null;
		}
		case REVIEW_ROOT.passes: {
			if (w.path.length !== 0 || !w.key) return 'A check pass sits under its id';
			const tooBig = sized(w, RECORD_LIMITS.signatureChars);
			if (tooBig) return tooBig;
			return checkPassRefusal(w.key, one(w), { id: who.userId, groupId: who.groupId, roundId: who.roundId, checker: who.roles.includes('checker') });
		}
		case REVIEW_ROOT.recordReviews: {
			if (w.path.length !== 0 || !w.key) return 'A record review step sits under its id';
			const tooBig = sized(w, RECORD_LIMITS.signatureChars);
			if (tooBig) return tooBig;
			return recordReviewRefusal(w.key, one(w), { id: who.userId, roles: who.roles });
		}
		case REVIEW_ROOT.samples:
		case REVIEW_ROOT.backVisits: {
			if (w.path.length !== 0 || !w.key) return 'A back-check record sits under its id';
			const tooBig = sized(w, RECORD_LIMITS.signatureChars);
			if (tooBig) return tooBig;
			const sender = { id: who.userId, reviewer: who.roles.includes('reviewer') };
			return w.root === REVIEW_ROOT.samples ? sampleRefusal(w.key, one(w), sender) : visitRefusal(w.key, one(w), sender);
		}
		case REVIEW_ROOT.decisions: {
			if (w.path.length !== 0 || !w.key) return 'A decision sits under its id';
			const tooBig = sized(w, RECORD_LIMITS.commentChars);
			if (tooBig) return tooBig;
			const parsed = decisionSchema.safeParse(one(w));
			if (!parsed.success || parsed.data.id !== w.key) return 'Malformed decision';
			if (parsed.data.by.id !== who.userId) return 'A decision is made in the sender’s own name';
			if (!who.roles.length) return 'Sender has no part in this village';
			return null;
		}
		case REVIEW_ROOT.seen: {
			if (w.path.length !== 0 || !w.key?.startsWith(`${who.userId}|`)) return 'Only one’s own comments can be marked seen';
			return one(w) === true ? null : 'Malformed seen mark';
		}
		default:
			return `Nothing may be written under ${w.root}`;
	}
}
