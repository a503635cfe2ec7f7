/**
 * What the sync indicator says, decided from facts only: is every local edit on disk in this
 * browser, is the socket up, and does the server's durable state vector cover ours.
 */
export type SyncState =
	| { kind: 'saving' }
	| { kind: 'synced' }
	| { kind: 'syncing' }
	| { kind: 'offline'; waiting: number }
	| { kind: 'denied' };

export interface SyncFacts {
	/** Local edits not yet committed to IndexedDB. */
	unsavedLocally: number;
	connected: boolean;
	/** Server refused the connection for good (4400–4499). */
	denied: boolean;
	/** The server's last durable state vector covers the local one. */
	serverHasEverything: boolean;
	/** Local edits made since the server last had everything. */
	waiting: number;
}

export function syncState(facts: SyncFacts): SyncState {
	if (facts.unsavedLocally > 0) return { kind: 'saving' };
	if (facts.denied) return { kind: 'denied' };
	if (!facts.connected) return { kind: 'offline', waiting: facts.waiting };
	if (facts.serverHasEverything) return { kind: 'synced' };
	return { kind: 'syncing' };
}

/**
 * One indicator for several documents shown as one (a village's dossier and its review): the
 * least finished state wins, and waiting changes add up. Never says "synced" unless all are.
 */
export function combineSyncStates(states: readonly SyncState[]): SyncState {
	const find = (kind: SyncState['kind']) => states.some((s) => s.kind === kind);
	if (find('saving')) return { kind: 'saving' };
	if (find('denied')) return { kind: 'denied' };
	if (find('offline')) return { kind: 'offline', waiting: states.reduce((n, s) => n + (s.kind === 'offline' ? s.waiting : 0), 0) };
	if (find('syncing') || states.length === 0) return { kind: 'syncing' };
	return { kind: 'synced' };
}
