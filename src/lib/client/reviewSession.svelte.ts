/**
 * A village's review document in the browser: its findings with their ledger state, and the
 * comment threads, as Svelte state. Every write goes through the document model, which refuses
 * what the ledger's rules do not allow before anything is written.
 */
import { ReviewDoc, type CommentInput, type LedgerEntry, type TransitionInput } from '../review/reviewDoc';
import type { Comment } from '../review/comments';
import type { CheckPass } from '../ledger/checkPass';
import type { FindingInput } from '../ledger/finding';
import type { Role } from '../ledger/ledger';
import { SyncedDoc } from './syncedDoc.svelte';
import type { RecordReviewEvent } from '../review/recordReview';
import type { BackCheckSample, BackCheckVisit } from '../review/backCheck';

const NO_THREADS: ReadonlyMap<string, Comment[]> = new ReviewDoc('none').threads();

const NO_RECORD_REVIEWS: ReadonlyMap<string, RecordReviewEvent[]> = new ReviewDoc('none').recordReviews();

const NOTHING_SEEN: ReadonlySet<string> = new ReviewDoc('none').seen('nobody', 'none');

export class ReviewSession {
	readonly dossierId: string;
	readonly review: ReviewDoc;
	private readonly synced: SyncedDoc;
	private readonly stop: () => void;

	entries = $state<LedgerEntry[]>([]);
	/** The checkers' signed passes of households (互查通过). */
	passes = $state.raw<CheckPass[]>([]);
	/** Each household record's review steps, by `<householdId>|<campaignId>`, oldest first. */
	recordReviews = $state.raw<ReadonlyMap<string, RecordReviewEvent[]>>(NO_RECORD_REVIEWS);
	/** This village's parts of back-check draws, and the second visits recorded (抽样回访). */
	samples = $state.raw<BackCheckSample[]>([]);
	visits = $state.raw<BackCheckVisit[]>([]);
	/** Comments by thread key; replaced whole on every change, never mutated. */
	threads = $state.raw<ReadonlyMap<string, Comment[]>>(NO_THREADS);
	revision = $state(0);

	get loaded(): boolean {
		return this.synced.loaded;
	}

	get sync() {
		return this.synced.sync;
	}

	get lastSynced(): number {
		return this.synced.lastSynced;
	}

	constructor(dossierId: string) {
		this.dossierId = dossierId;
		this.synced = SyncedDoc.open({ kind: 'review', dossierId });
		this.review = new ReviewDoc(dossierId, this.synced.doc);
		const refresh = () => {
			this.entries = this.review.entries();
			this.passes = this.review.passes();
			this.recordReviews = this.review.recordReviews();
			this.samples = this.review.samples();
			this.visits = this.review.visits();
			this.threads = this.review.threads();
			this.revision++;
		};
		this.stop = this.review.observe(refresh);
		void this.synced.whenLoaded.then(refresh);
	}

	raise(input: FindingInput): void {
		this.synced.change(`finding/${input.id}`, () => this.review.raise(input));
	}

	/** Throws LedgerRefusal (nothing written) when the rules do not allow it. */
	transition(findingId: string, input: TransitionInput, roles: readonly Role[]): void {
		this.synced.change(`finding/${findingId}`, () => this.review.transition(findingId, input, roles));
	}

	comment(input: CommentInput): void {
		this.synced.change(`thread/${input.thread}`, () => this.review.addComment(input));
	}

	/** Records a checker's signed pass of a household's form. */
	pass(record: CheckPass): void {
		this.synced.change(`pass/${record.householdId}`, () => this.review.pass(record));
	}

	/** Records a step of a household record's review (提交审核, 退回, 审定). */
	reviewRecord(step: RecordReviewEvent): void {
		this.synced.change(`record/${step.householdId}`, () => this.review.reviewRecord(step));
	}

	/** A household record's review steps in a campaign, oldest first. */
	recordSteps(householdId: string, campaignId: string): RecordReviewEvent[] {
		return this.recordReviews.get(`${householdId}|${campaignId}`) ?? [];
	}

	/** Records this village's part of a back-check draw. */
	drawSample(sample: BackCheckSample): void {
		this.synced.change(`sample/${sample.id}`, () => this.review.drawSample(sample));
	}

	/** Records a second visit's answers. */
	recordVisit(visit: BackCheckVisit): void {
		this.synced.change(`visit/${visit.householdId}`, () => this.review.recordVisit(visit));
	}

	/** Records a 数据核查 decision in its author's name. */
	decide(input: Parameters<ReviewDoc['decide']>[0]): void {
		this.synced.change(`decision/${input.check}`, () => this.review.decide(input));
	}

	markSeen(personId: string, thread: string): void {
		const ids = (this.threads.get(thread) ?? []).map((c) => c.id);
		const seen = this.seenBy(personId).get(thread);
		if (ids.some((id) => !seen?.has(id))) {
			this.synced.change(`seen/${thread}`, () => this.review.markSeen(personId, thread, ids));
		}
	}

	#seenCache: { revision: number; personId: string; index: Map<string, Set<string>> } | null = null;

	/** What a person has seen, by thread: one pass over the document per change, however many threads ask. */
	seenBy(personId: string): ReadonlyMap<string, ReadonlySet<string>> {
		const revision = this.revision;
		if (this.#seenCache?.revision !== revision || this.#seenCache.personId !== personId) {
			this.#seenCache = { revision, personId, index: this.review.seenBy(personId) };
		}
		return this.#seenCache.index;
	}

	seen(personId: string, thread: string): ReadonlySet<string> {
		return this.seenBy(personId).get(thread) ?? NOTHING_SEEN;
	}

	whenSavedLocally(): Promise<void> {
		return this.synced.whenSavedLocally();
	}

	destroy(): void {
		this.stop();
		this.synced.release();
	}
}
