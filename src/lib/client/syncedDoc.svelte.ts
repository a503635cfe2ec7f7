/**
 * One Y.Doc kept in this browser's IndexedDB (y-indexeddb) and synced through the server (the
 * stock WebsocketProvider), with what the sync indicator may truthfully say about it as Svelte
 * state. Dossiers, review documents and the organisation are each one of these; sessions wrap
 * them with their domain API.
 */
import * as Y from 'yjs';
import { SvelteSet } from 'svelte/reactivity';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import { DurableStateTracker } from '../sync/durableState';
import { CLOSE, MESSAGE_SYNC, SYNC_PATH, roomName, type RoomRef } from '../sync/protocol';
import { messageYjsSyncStep1 } from 'y-protocols/sync';
import { freshClientId, rekeyUpdate, takenClientId, takenOwnClient } from '../sync/clientIdRekey';
import * as decoding from 'lib0/decoding';
import { syncState, type SyncState } from '../sync/syncStatus';
import { localIndex } from './localIndex';
import { fetchSyncToken, REGISTERED, SIGNED_IN, syncEvents } from './syncTokens';
import { currentUser } from './user.svelte';

/** Local edits come from the app; everything else (IndexedDB load, the server) is not counted. */
const LOCAL = Symbol('local edit');
/** This device's own changes, put back under a new client id (see takeNewClientId). */
const RENAMED = Symbol('renamed');
/** y-indexeddb's object store of a document's updates. */
const UPDATES_STORE = 'updates';

/** The IndexedDB database a room is kept in (dossiers keep the name they always had). */
export function databaseName(ref: RoomRef): string {
	if (ref.kind === 'organisation') return `dangka-organisation-${ref.townshipId}`;
	return ref.kind === 'review' ? `dangka-review-${ref.dossierId}` : `dangka-dossier-${ref.dossierId}`;
}

/** The documents open in this tab, so a sign-out can tell whether any holds unsynced changes. */
const live: SyncedDoc[] = [];

/**
 * Documents opened with SyncedDoc.open, by room, with how many sessions hold each: the village
 * page and 我的工作 read the same village through one Y.Doc, one IndexedDB copy and one socket,
 * instead of each applying every edit again.
 */
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- who holds which document, never rendered
const shared = new Map<string, { doc: SyncedDoc; holders: number }>();

export class SyncedDoc {
	/** The room's document, opened here or shared with the sessions already holding it; give it back with release(). */
	static open(ref: RoomRef): SyncedDoc {
		const room = roomName(ref);
		const held = shared.get(room);
		if (held && !held.doc.destroyed) {
			held.holders++;
			return held.doc;
		}
		const doc = new SyncedDoc(ref);
		shared.set(room, { doc, holders: 1 });
		return doc;
	}

	/** Lets go of a document from open(): it is closed when nobody holds it any more. */
	release(): void {
		const held = shared.get(this.room);
		if (held?.doc === this && --held.holders > 0) return;
		if (held?.doc === this) shared.delete(this.room);
		this.destroy();
	}

	/** Whether an open document holds changes the server does not have yet. */
	static anyPending(): boolean {
		for (const doc of live) if (doc.waiting > 0) return true;
		return false;
	}

	/** Changes made here that the server does not have yet. */
	get waiting(): number {
		return this.#pending.size;
	}

	readonly ref: RoomRef;
	readonly room: string;
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	readonly whenLoaded: Promise<void>;
	private readonly persistence: IndexeddbPersistence;
	private readonly durable: DurableStateTracker;
	private readonly cleanups: (() => void)[] = [];

	loaded = $state(false);
	/** When the server last held every change of this document (ms), or 0. */
	lastSynced = $state(0);

	#unsaved = $state(0);
	#connected = $state(false);
	#denied = $state(false);
	#serverHasEverything = $state(false);
	/**
	 * What changed locally since the server last had everything: one key per field or record
	 * touched, so typing a phone number counts as one change, not eleven. Kept on the device, so
	 * the count survives a reload while offline.
	 */
	readonly #pending = new SvelteSet<string>();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
	readonly #localOrigins = new Set<unknown>([LOCAL]);
	/** The client ids this device has written this document under (each page load makes one). */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
	readonly #ownClients = new Set<number>();
	#renaming = false;

	readonly sync: SyncState = $derived(
		syncState({
			unsavedLocally: this.#unsaved,
			connected: this.#connected,
			denied: this.#denied,
			serverHasEverything: this.#serverHasEverything,
			waiting: this.#pending.size
		})
	);

	constructor(ref: RoomRef) {
		this.ref = ref;
		this.room = roomName(ref);
		this.persistence = new IndexeddbPersistence(databaseName(ref), this.doc);
		const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
		this.provider = new WebsocketProvider(`${proto}//${location.host}${SYNC_PATH}`, this.room, this.doc, {
			params: {},
			maxBackoffTime: 5000,
			// It connects once it has a sync token (see connectSigned).
			connect: false,
			// Tabs sync through the server, so "synced" in a tab means the server has it.
			disableBc: true
		});
		this.durable = new DurableStateTracker(this.provider, this.doc);
		// Structs under one of this device's ids that it did not write mean the id was taken: the
		// message is not applied (it would erase the unsent changes there) and they are renamed.
		const applySync = this.provider.messageHandlers[MESSAGE_SYNC]!;
		this.provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, provider, emitSynced, type) => {
			if (this.#ownClients.size > 0) {
				const peek = decoding.clone(decoder);
				if (decoding.readVarUint(peek) !== messageYjsSyncStep1) {
					// Per client, not the whole state vector: this runs on every message while edits wait.
					const taken = takenOwnClient(decoding.readVarUint8Array(peek), this.#ownClients, (client) => Y.getState(this.doc.store, client));
					if (taken !== null) return void this.takeNewClientId(taken);
				}
			}
			if (!this.#renaming) applySync(encoder, decoder, provider, emitSynced, type);
		};

		const onUpdate = (_update: Uint8Array, origin: unknown) => {
			if (this.#localOrigins.has(origin)) {
				this.#ownClients.add(this.doc.clientID);
				void this.trackLocalSave();
			}
			// Any change, ours or a peer's, moves our state vector: re-check what the server has.
			this.refreshDurable();
		};
		this.doc.on('update', onUpdate);
		this.cleanups.push(() => this.doc.off('update', onUpdate));
		this.cleanups.push(this.durable.onChange(() => this.refreshDurable()));

		const onStatus = ({ status }: { status: string }) => {
			this.#connected = status === 'connected';
		};
		this.provider.on('status', onStatus);
		const onClosed = (event: { code: number; reason: string }) => {
			// 4401: the session ended (signed out elsewhere, password changed, account disabled):
			// ask to sign in again, keep every edit. Other 44xx: this person may not have it.
			if (event.code === CLOSE.clientIdTaken) void this.takeNewClientId(takenClientId(event.reason));
			else if (event.code === 4401) currentUser.expired();
			else if (event.code >= 4400 && event.code < 4500) this.#denied = true;
		};
		this.provider.on('closed', onClosed);
		this.cleanups.push(() => {
			this.provider.off('status', onStatus);
			this.provider.off('closed', onClosed);
		});

		// Follow the device's network state instead of waiting for a socket timeout: in a village
		// with no signal the indicator says "offline" at once, and the socket returns with the signal.
		const offline = () => this.provider.disconnect();
		const retry = () => void this.connectSigned();
		const registered = (event: Event) => {
			if (this.ref.kind !== 'organisation' && (event as CustomEvent<string>).detail === this.ref.dossierId) retry();
		};
		window.addEventListener('offline', offline);
		window.addEventListener('online', retry);
		syncEvents.addEventListener(SIGNED_IN, retry);
		syncEvents.addEventListener(REGISTERED, registered);
		this.cleanups.push(() => {
			window.removeEventListener('offline', offline);
			window.removeEventListener('online', retry);
			syncEvents.removeEventListener(SIGNED_IN, retry);
			syncEvents.removeEventListener(REGISTERED, registered);
			if (this.refreshTimer) clearTimeout(this.refreshTimer);
		});
		// A token that ran out while the socket was down is replaced before the next try.
		const onStatusForToken = ({ status }: { status: string }) => {
			if (status === 'disconnected' && navigator.onLine && this.tokenExpiresAt - Date.now() < 60_000) retry();
		};
		this.provider.on('status', onStatusForToken);
		this.cleanups.push(() => this.provider.off('status', onStatusForToken));

		this.whenLoaded = this.persistence.whenSynced.then(async () => {
			const record = await localIndex.rooms.get(this.room);
			if (record?.renamed) {
				// Left by the app before it rewrote the database in place (takeNewClientId): the
				// renamed changes go into the database.
				Y.applyUpdate(this.doc, record.renamed, RENAMED);
				await this.whenSavedLocally();
				await localIndex.rooms.update(this.room, { renamed: undefined });
			}
			for (const key of record?.pendingChanges ?? []) this.#pending.add(key);
			for (const client of record?.ownClients ?? []) this.#ownClients.add(client);
			this.lastSynced = record?.lastSynced ?? 0;
			this.loaded = true;
			// Connected only now: the first sync says what this device holds, and the ids it must
			// guard (#ownClients) are known before the server's reply arrives.
			void this.connectSigned();
		});
		live.push(this);
	}

	private tokenExpiresAt = 0;
	private refreshTimer: ReturnType<typeof setTimeout> | null = null;
	private connecting = false;
	private destroyed = false;

	/**
	 * Gets a sync token and connects with it, then keeps it fresh while connected. Offline, or
	 * with the session over, it waits (edits stay in IndexedDB) for the network or a sign-in.
	 */
	private async connectSigned(): Promise<void> {
		if (this.connecting || this.destroyed || !this.loaded || !navigator.onLine) return;
		this.connecting = true;
		try {
			const result = await fetchSyncToken(this.ref);
			if (this.destroyed) return;
			if (!result.ok) {
				if (result.reason === 'unauthenticated') currentUser.expired();
				if (result.reason === 'forbidden') this.#denied = true;
				return;
			}
			this.#denied = false;
			this.tokenExpiresAt = result.expiresAt;
			this.provider.params.token = result.token;
			if (!this.provider.shouldConnect || !this.provider.wsconnected) this.provider.connect();
			if (this.refreshTimer) clearTimeout(this.refreshTimer);
			this.refreshTimer = setTimeout(() => void this.connectSigned(), Math.max(10_000, result.expiresAt - Date.now() - 60_000));
		} finally {
			this.connecting = false;
		}
	}

	/**
	 * Runs a local edit in one transaction and counts `keys` as changed until the server has them.
	 * Everything the app writes goes through here, so the indicator and the pending count see it.
	 * An edit that throws (a refused ledger transition, say) counts as nothing.
	 */
	change(keys: string | string[], edit: () => void, origin: unknown = LOCAL): void {
		if (!this.#localOrigins.has(origin)) throw new Error('an edit origin must be tracked first (trackOrigin)');
		this.doc.transact((transaction) => {
			edit();
			// An edit that changed nothing (a cleared cell already empty, a value typed again) sends
			// nothing, so nothing may wait for the server either.
			if (transaction.changed.size > 0 || transaction.deleteSet.clients.size > 0) this.markPending(keys);
		}, origin);
	}

	/** Counts keys as changed until the server has them (for edits not made through change). */
	markPending(keys: string | readonly string[]): void {
		for (const key of typeof keys === 'string' ? [keys] : keys) this.#pending.add(key);
	}

	/**
	 * Treats transactions with this origin as local edits (saved, counted, shown as saving): an
	 * undo history writes with an origin of its own, which its undo manager must tell apart.
	 */
	trackOrigin(origin: unknown): () => void {
		this.#localOrigins.add(origin);
		return () => this.#localOrigins.delete(origin);
	}

	/**
	 * Resolves when every edit made so far is committed to IndexedDB. A read-only transaction on
	 * y-indexeddb's store is ordered after the read-write transactions created before it, so its
	 * completion means theirs are done.
	 */
	async whenSavedLocally(): Promise<void> {
		await this.persistence.whenSynced;
		const db = this.persistence.db;
		if (!db) return;
		await new Promise<void>((resolve, reject) => {
			const tx = db.transaction(['updates'], 'readonly');
			tx.oncomplete = () => resolve();
			tx.onerror = () => reject(tx.error);
			tx.onabort = () => reject(tx.error);
		});
	}

	/** Resolves once the server holds, on disk, every change this device has made so far. */
	whenDurable(): Promise<void> {
		return this.durable.whenDurable();
	}

	/**
	 * The server says a client id this document uses belongs to another person (a collision of
	 * random ids): nothing under it was taken. The changes under it are renamed to a fresh id and
	 * the document's database is rewritten to hold just that, in one transaction (a tab closed
	 * half-way leaves either the old or the new), then the page starts again and syncs them under
	 * their new id. The database is rewritten, not deleted: another tab or connection holding it
	 * open would block a deletion for as long as it stays open.
	 */
	private async takeNewClientId(taken: number | null): Promise<void> {
		if (this.#renaming) return;
		const state = Y.decodeStateVector(Y.encodeStateVector(this.doc));
		const db = this.persistence.db;
		if (taken === null || (taken !== this.doc.clientID && !state.has(taken)) || !db) {
			this.#denied = true;
			return;
		}
		this.#renaming = true;
		// Not provider.disconnect(): when the server's reply carried structs under this document's
		// own id, Yjs has already switched doc.clientID, and disconnect() would fail removing an
		// awareness state under the new id that was never set.
		this.provider.shouldConnect = false;
		this.provider.ws?.close();
		await this.whenSavedLocally();
		const update = Y.encodeStateAsUpdate(this.doc);
		const fresh = freshClientId(state);
		const renamed = state.has(taken) ? rekeyUpdate(update, taken, fresh) : update;
		this.#ownClients.delete(taken);
		if (state.has(taken)) this.#ownClients.add(fresh);
		await this.saveIndex();
		await new Promise<void>((resolve, reject) => {
			const tx = db.transaction(UPDATES_STORE, 'readwrite');
			const store = tx.objectStore(UPDATES_STORE);
			store.clear();
			store.add(renamed);
			tx.oncomplete = () => resolve();
			tx.onerror = tx.onabort = () => reject(tx.error);
		});
		// A new page makes a new Y.Doc, with a new client id of its own for what comes next.
		location.reload();
	}

	private async trackLocalSave(): Promise<void> {
		this.#unsaved++;
		try {
			await this.whenSavedLocally();
		} finally {
			this.#unsaved--;
		}
		await this.saveIndex();
	}

	private saveIndex(): Promise<unknown> {
		return localIndex.rooms.put({ name: this.room, pendingChanges: [...this.#pending], lastSynced: this.lastSynced, ownClients: [...this.#ownClients] });
	}

	private refreshDurable(): void {
		const everything = this.durable.serverHasEverything;
		const was = this.#serverHasEverything;
		this.#serverHasEverything = everything;
		if (everything && (!was || this.#pending.size > 0 || this.#ownClients.size > 0)) {
			this.#pending.clear();
			// The server holds all of it, bound to this person: nobody can take those ids now.
			this.#ownClients.clear();
			this.lastSynced = Date.now();
			void this.saveIndex();
		}
	}

	destroy(): void {
		this.destroyed = true;
		const at = live.indexOf(this);
		if (at >= 0) live.splice(at, 1);
		for (const cleanup of this.cleanups) cleanup();
		this.durable.destroy();
		this.provider.destroy();
		void this.persistence.destroy();
		this.doc.destroy();
	}
}
