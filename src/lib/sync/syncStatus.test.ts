import { describe, expect, it } from 'vitest';
import { combineSyncStates, syncState, type SyncFacts } from './syncStatus';

const base: SyncFacts = { unsavedLocally: 0, connected: true, denied: false, serverHasEverything: true, waiting: 0 };

describe('syncState', () => {
	it('says synced only when the server covers every local change', () => {
		expect(syncState(base)).toEqual({ kind: 'synced' });
		expect(syncState({ ...base, serverHasEverything: false, waiting: 2 })).toEqual({ kind: 'syncing' });
	});
	it('never claims more than the local disk has', () => {
		expect(syncState({ ...base, unsavedLocally: 1 })).toEqual({ kind: 'saving' });
		expect(syncState({ ...base, connected: false, unsavedLocally: 1 })).toEqual({ kind: 'saving' });
	});
	it('counts waiting changes while offline', () => {
		expect(syncState({ ...base, connected: false, serverHasEverything: false, waiting: 3 })).toEqual({ kind: 'offline', waiting: 3 });
	});
	it('reports a refused connection', () => {
		expect(syncState({ ...base, connected: false, denied: true })).toEqual({ kind: 'denied' });
	});
});

describe('combineSyncStates', () => {
	it('says synced only when every document is, and adds up what waits offline', () => {
		expect(combineSyncStates([{ kind: 'synced' }, { kind: 'synced' }])).toEqual({ kind: 'synced' });
		expect(combineSyncStates([{ kind: 'synced' }, { kind: 'syncing' }])).toEqual({ kind: 'syncing' });
		expect(combineSyncStates([{ kind: 'offline', waiting: 2 }, { kind: 'offline', waiting: 3 }])).toEqual({ kind: 'offline', waiting: 5 });
		expect(combineSyncStates([{ kind: 'offline', waiting: 2 }, { kind: 'saving' }])).toEqual({ kind: 'saving' });
		expect(combineSyncStates([{ kind: 'synced' }, { kind: 'denied' }])).toEqual({ kind: 'denied' });
		expect(combineSyncStates([])).toEqual({ kind: 'syncing' });
	});
});
