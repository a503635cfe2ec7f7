/**
 * The typed API over a village's review document (room `<dossierId>/review`): its findings with
 * their ledger history, and the comments on findings and questions.
 *
 * Roots:
 * - `findings` Y.Map<findingId, Y.Map>: `record` (the Finding as raised, plain) and `events`
 *   (Y.Array of ledger events, append-only). Both are made once, by the device that raises the
 *   finding, under a fresh random id, so no two devices ever create the same nested types.
 * - `comments` Y.Map<commentId, Comment>: written once, never edited.
 * - `seen`     Y.Map<`<personId>|<thread>|<commentId>`, true>: one key per comment a person has
 *   seen, so reading on a phone and a laptop at once loses neither.
 * - `passes`   Y.Map<passId, CheckPass>: a checker's signed 互查通过 of a household's form, with
 *   what the form showed (ledger/checkPass.ts).
 * - `decisions` Y.Map<decisionId, Decision>: 数据核查's "这不是问题" and its taking back, written
 *   once each; the latest on an issue holds (quality/decision.ts).
 * - `recordReviews` Y.Map<stepId, RecordReviewEvent>: the review of each household's record in a
 *   campaign (提交审核, 退回, 审定), written once each; the state is their fold (recordReview.ts).
 * - `samples` Y.Map<sampleId, BackCheckSample>: this village's part of a reviewer's back-check draw;
 *   `backVisits` Y.Map<visitId, BackCheckVisit>: the second visits' answers (backCheck.ts).
 *
 * Anything that does not parse, a record whose id is not its key, or a finding that names another
 * village than this document's, is skipped on read rather than allowed to stop the ledger opening
 * or to count against the wrong village.
 */
import * as Y from 'yjs';
import { newId } from '../dossier/ids';
import { findingSchema, type Finding, type FindingInput } from '../ledger/finding';
import { foldLedger, ledgerEventSchema, newStepRefusal, refusalOf, type FindingFacts, type LedgerEvent, type LedgerStatus, type Refusal, type Role } from '../ledger/ledger';
import { commentSchema, type Comment } from './comments';
import { decisionSchema, latestDecisions, type Decision } from '../quality/decision';
import { checkPassSchema, type CheckPass } from '../ledger/checkPass';
import { recordReviewEventSchema, type RecordReviewEvent } from './recordReview';
import { backCheckSampleSchema, backCheckVisitSchema, type BackCheckSample, type BackCheckVisit } from './backCheck';

export const REVIEW_ROOT = {
	findings: 'findings', comments: 'comments', seen: 'seen', decisions: 'decisions', passes: 'passes',
	recordReviews: 'recordReviews',
	samples: 'samples',
	backVisits: 'backVisits'
} as const;

export interface LedgerEntry {
	finding: Finding;
	status: LedgerStatus;
}

/** A transition the ledger's rules do not allow; `code` is the i18n key `ledger.refused.<code>`. */
export class LedgerRefusal extends Error {
	constructor(readonly code: Refusal) {
		super(`ledger transition refused: ${code}`);
	}
}

export type TransitionInput = Omit<LedgerEvent, 'id' | 'at'> & { at?: string };

export type CommentInput = Omit<Comment, 'id' | 'at'> & { at?: string };

export function factsOf(finding: Finding): FindingFacts {
	return { raisedBy: finding.raisedBy, signedBy: finding.signature.by, deadline: finding.deadline, responsible: finding.responsible };
}

export class ReviewDoc {
	constructor(
		/** The village (dossier) this review document belongs to. */
		readonly dossierId: string,
		readonly doc: Y.Doc = new Y.Doc()
	) {}

	private get findingsMap(): Y.Map<unknown> {
		return this.doc.getMap(REVIEW_ROOT.findings);
	}

	private get commentsMap(): Y.Map<unknown> {
		return this.doc.getMap(REVIEW_ROOT.comments);
	}

	private get seenMap(): Y.Map<unknown> {
		return this.doc.getMap(REVIEW_ROOT.seen);
	}

	/** Records a finding, signed; throws (zod) if the record does not hold together. */
	raise(input: FindingInput, origin?: unknown): Finding {
		const finding = findingSchema.parse(input);
		if (finding.dossierId !== this.dossierId) throw new Error(`finding ${finding.id} belongs to another village`);
		if (this.findingsMap.has(finding.id)) throw new Error(`finding ${finding.id} exists`);
		this.doc.transact(() => {
			const map = new Y.Map<unknown>();
			map.set('record', finding);
			map.set('events', new Y.Array<LedgerEvent>());
			this.findingsMap.set(finding.id, map);
		}, origin);
		return finding;
	}

	private parts(id: string): { finding: Finding; events: Y.Array<unknown> } | null {
		const map = this.findingsMap.get(id);
		if (!(map instanceof Y.Map)) return null;
		const parsed = findingSchema.safeParse(map.get('record'));
		const events = map.get('events');
		if (!parsed.success || !(events instanceof Y.Array)) return null;
		if (parsed.data.id !== id || parsed.data.dossierId !== this.dossierId) return null;
		return { finding: parsed.data, events };
	}

	entry(id: string): LedgerEntry | null {
		const parts = this.parts(id);
		return parts ? { finding: parts.finding, status: foldLedger(factsOf(parts.finding), parts.events.toArray()) } : null;
	}

	/** Every finding with its current state, newest first. */
	entries(): LedgerEntry[] {
		const out: LedgerEntry[] = [];
		for (const id of this.findingsMap.keys()) {
			const entry = this.entry(id);
			if (entry) out.push(entry);
		}
		return out.sort((a, b) => (a.finding.raisedAt < b.finding.raisedAt ? 1 : a.finding.raisedAt > b.finding.raisedAt ? -1 : 0));
	}

	/**
	 * Appends a transition after checking it against the ledger's rules as the document stands
	 * here; `roles` are the roles the actor holds in this village (from the organisation). Throws a
	 * LedgerRefusal saying why when it may not happen.
	 */
	transition(findingId: string, input: TransitionInput, roles: readonly Role[], origin?: unknown): LedgerEvent {
		const parts = this.parts(findingId);
		if (!parts) throw new Error(`no finding ${findingId}`);
		const event = ledgerEventSchema.parse({ ...input, id: newId(), at: input.at ?? new Date().toISOString() });
		if (!roles.includes(event.role)) throw new LedgerRefusal('role');
		const unsigned = newStepRefusal(event);
		if (unsigned) throw new LedgerRefusal(unsigned);
		const status = foldLedger(factsOf(parts.finding), parts.events.toArray());
		const refused = refusalOf(status, factsOf(parts.finding), event);
		if (refused) throw new LedgerRefusal(refused);
		this.doc.transact(() => parts.events.push([event]), origin);
		return event;
	}

	comments(thread?: string): Comment[] {
		const out: Comment[] = [];
		for (const [key, value] of this.commentsMap) {
			const parsed = commentSchema.safeParse(value);
			if (parsed.success && parsed.data.id === key && (!thread || parsed.data.thread === thread)) out.push(parsed.data);
		}
		return out;
	}

	/** Comments grouped by thread. */
	threads(): Map<string, Comment[]> {
		const out = new Map<string, Comment[]>();
		for (const c of this.comments()) {
			const list = out.get(c.thread) ?? [];
			list.push(c);
			out.set(c.thread, list);
		}
		return out;
	}

	addComment(input: CommentInput, origin?: unknown): Comment {
		const comment = commentSchema.parse({ ...input, id: newId(), at: input.at ?? new Date().toISOString() });
		this.doc.transact(() => this.commentsMap.set(comment.id, comment), origin);
		return comment;
	}

	/** The comments a person has seen, by thread, in one pass over the document. */
	seenBy(personId: string): Map<string, Set<string>> {
		const prefix = personId + '|';
		const out = new Map<string, Set<string>>();
		for (const key of this.seenMap.keys()) {
			if (!key.startsWith(prefix)) continue;
			const cut = key.lastIndexOf('|');
			const thread = key.slice(prefix.length, cut);
			const ids = out.get(thread) ?? new Set<string>();
			ids.add(key.slice(cut + 1));
			out.set(thread, ids);
		}
		return out;
	}

	seen(personId: string, thread: string): Set<string> {
		return this.seenBy(personId).get(thread) ?? new Set();
	}

	/** Marks comments as seen by a person; writes only what is new to them. */
	markSeen(personId: string, thread: string, commentIds: readonly string[], origin?: unknown): void {
		const fresh = commentIds.filter((id) => !this.seenMap.has(`${personId}|${thread}|${id}`));
		if (!fresh.length) return;
		this.doc.transact(() => {
			for (const id of fresh) this.seenMap.set(`${personId}|${thread}|${id}`, true);
		}, origin);
	}

	/** Records a checker's signed pass of a household's form. */
	pass(record: CheckPass, origin?: unknown): void {
		const parsed = checkPassSchema.parse(record);
		if (this.doc.getMap(REVIEW_ROOT.passes).has(parsed.id)) throw new Error(`pass ${parsed.id} exists`);
		this.doc.transact(() => this.doc.getMap(REVIEW_ROOT.passes).set(parsed.id, parsed), origin);
	}

	/** Every checker's pass, oldest first (records that do not parse, or sit under another key, are skipped). */
	passes(): CheckPass[] {
		const out: CheckPass[] = [];
		for (const [key, value] of this.doc.getMap(REVIEW_ROOT.passes)) {
			const parsed = checkPassSchema.safeParse(value);
			if (parsed.success && parsed.data.id === key) out.push(parsed.data);
		}
		return out.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
	}

	/** Records a decision on a 数据核查 issue, in its author's name. */
	decide(input: Omit<Decision, 'id' | 'at'> & { at?: string }, origin?: unknown): Decision {
		const decision = decisionSchema.parse({ ...input, id: newId(), at: input.at ?? new Date().toISOString() });
		this.doc.transact(() => this.doc.getMap(REVIEW_ROOT.decisions).set(decision.id, decision), origin);
		return decision;
	}

	/** The decision that holds on each issue, by the key. */
	decisions(): Map<string, Decision> {
		const records: unknown[] = [];
		for (const [key, value] of this.doc.getMap(REVIEW_ROOT.decisions)) {
			if ((value as { id?: unknown } | null)?.id === key) records.push(value);
		}
		return latestDecisions(records);
	}

	/** Records a step of a household record's review (提交审核, 退回, 审定). */
	reviewRecord(step: RecordReviewEvent, origin?: unknown): void {
		const parsed = recordReviewEventSchema.parse(step);
		const map = this.doc.getMap(REVIEW_ROOT.recordReviews);
		if (map.has(parsed.id)) throw new Error(`record review step ${parsed.id} exists`);
		this.doc.transact(() => map.set(parsed.id, parsed), origin);
	}

	/** Every record review step that reads, by household (`<householdId>|<campaignId>`), oldest first. */
	recordReviews(): Map<string, RecordReviewEvent[]> {
		const out = new Map<string, RecordReviewEvent[]>();
		for (const [key, value] of this.doc.getMap(REVIEW_ROOT.recordReviews)) {
			const parsed = recordReviewEventSchema.safeParse(value);
			if (!parsed.success || parsed.data.id !== key) continue;
			const at = `${parsed.data.householdId}|${parsed.data.campaignId}`;
			const list = out.get(at) ?? [];
			list.push(parsed.data);
			out.set(at, list);
		}
		for (const list of out.values()) list.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
		return out;
	}

	/** Records this village's part of a back-check draw. */
	drawSample(sample: BackCheckSample, origin?: unknown): void {
		const parsed = backCheckSampleSchema.parse(sample);
		const map = this.doc.getMap(REVIEW_ROOT.samples);
		if (map.has(parsed.id)) throw new Error(`sample ${parsed.id} exists`);
		this.doc.transact(() => map.set(parsed.id, parsed), origin);
	}

	/** This village's parts of back-check draws, oldest first. */
	samples(): BackCheckSample[] {
		return this.records(REVIEW_ROOT.samples, backCheckSampleSchema).sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
	}

	/** Records a second visit's answers. */
	recordVisit(visit: BackCheckVisit, origin?: unknown): void {
		const parsed = backCheckVisitSchema.parse(visit);
		const map = this.doc.getMap(REVIEW_ROOT.backVisits);
		if (map.has(parsed.id)) throw new Error(`visit ${parsed.id} exists`);
		this.doc.transact(() => map.set(parsed.id, parsed), origin);
	}

	/** Every second visit recorded here, oldest first. */
	visits(): BackCheckVisit[] {
		return this.records(REVIEW_ROOT.backVisits, backCheckVisitSchema).sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
	}

	/** The records of a root that parse and sit under their own id. */
	private records<T extends { id: string }>(root: string, schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false } }): T[] {
		const out: T[] = [];
		for (const [key, value] of this.doc.getMap(root)) {
			const parsed = schema.safeParse(value);
			if (parsed.success && parsed.data.id === key) out.push(parsed.data);
		}
		return out;
	}

	observe(callback: () => void): () => void {
		const roots = [
			this.findingsMap,
			this.commentsMap,
			this.seenMap,
			...[REVIEW_ROOT.decisions, REVIEW_ROOT.passes, REVIEW_ROOT.recordReviews, REVIEW_ROOT.samples, REVIEW_ROOT.backVisits].map((r) => this.doc.getMap(r))
		];
		const handler = () => callback();
		for (const root of roots) root.observeDeep(handler);
		return () => {
			for (const root of roots) root.unobserveDeep(handler);
		};
	}
}
