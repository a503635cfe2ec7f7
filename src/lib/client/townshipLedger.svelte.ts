/**
 * The township's ledger in the browser: every village's review document opened side by side
 * (each small: findings and comments, never the households), read as one list of rows.
 */
import { untrack } from 'svelte';
import type { LedgerRow } from '../ledger/ledgerReport';
import { ReviewSession } from './reviewSession.svelte';
import { combineSyncStates, type SyncState } from '../sync/syncStatus';

export class TownshipLedger {
	#sessions = $state<ReviewSession[]>([]);


	/** Opens the review documents of these villages and closes those no longer listed. */
	follow(dossierIds: readonly string[]): void {
		// Called from an effect: what is open now must not become a dependency of that effect.
		untrack(() => this.reconcile(dossierIds));
	}

	private reconcile(dossierIds: readonly string[]): void {
		const kept = this.#sessions.filter((s) => dossierIds.includes(s.dossierId));
		for (const s of this.#sessions) if (!dossierIds.includes(s.dossierId)) s.destroy();
		for (const id of dossierIds) if (!kept.some((s) => s.dossierId === id)) kept.push(new ReviewSession(id));
		this.#sessions = kept;
	}

	get sessions(): readonly ReviewSession[] {
		return this.#sessions;
	}

	/** When the server last had every village's review (the oldest of them), or 0. */
	get lastSynced(): number {
		return this.#sessions.length ? Math.min(...this.#sessions.map((s) => s.lastSynced)) : 0;
	}

	get rows(): LedgerRow[] {
		return this.#sessions.flatMap((s) => s.entries);
	}

	get loaded(): boolean {
		return this.#sessions.every((s) => s.loaded);
	}

	get sync(): SyncState {
		return combineSyncStates(this.#sessions.map((s) => s.sync));
	}

	session(dossierId: string): ReviewSession | undefined {
		return this.#sessions.find((s) => s.dossierId === dossierId);
	}

	destroy(): void {
		for (const s of this.#sessions) s.destroy();
		this.#sessions = [];
	}
}
