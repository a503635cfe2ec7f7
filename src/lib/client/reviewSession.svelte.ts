/**
 * A village's review document in the browser: its findings with their ledger state, and the
 * comment threads, as Svelte state. Every write goes through the document model, which refuses
 * what the ledger's rules do not allow before anything is written.
 */
import { ReviewDoc, type CommentInput, type LedgerEntry, type TransitionInput } from '../review/reviewDoc';
import type { Comment } from '../review/comments';
import type { FindingInput } from '../ledger/finding';
import type { Role } from '../ledger/ledger';
import { SyncedDoc } from './syncedDoc.svelte';

const NO_THREADS: ReadonlyMap<string, Comment[]> = new ReviewDoc().threads();

export class ReviewSession {
	readonly dossierId: string;
	readonly review: ReviewDoc;
	private readonly synced: SyncedDoc;
	private readonly stop: () => void;

	entries = $state<LedgerEntry[]>([]);
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

	constructor(dossierId: string, user: { name: string }) {
		this.dossierId = dossierId;
		this.synced = new SyncedDoc({ kind: 'review', dossierId }, user);
		this.review = new ReviewDoc(this.synced.doc);
		const refresh = () => {
			this.entries = this.review.entries();
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

	markSeen(personId: string, thread: string): void {
		const ids = (this.threads.get(thread) ?? []).map((c) => c.id);
		if (ids.some((id) => !this.review.seen(personId, thread).has(id))) {
			this.synced.change(`seen/${thread}`, () => this.review.markSeen(personId, thread, ids));
		}
	}

	seen(personId: string, thread: string): Set<string> {
		void this.revision;
		return this.review.seen(personId, thread);
	}

	whenSavedLocally(): Promise<void> {
		return this.synced.whenSavedLocally();
	}

	destroy(): void {
		this.stop();
		this.synced.destroy();
	}
}
