import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import { MESSAGE_AWARENESS, MESSAGE_SYNC, encodeDurableDelta, encodeDurableState } from '../../src/lib/sync/protocol';
import type { Connection } from './connection';
import type { RoomRef } from '../../src/lib/sync/protocol';
import type { Change } from '../storage/store';
import { watchChanges } from './changeLog';
import { ClientOwnership } from './clientIds';

/**
 * One dossier held in memory while anyone is connected. Updates are applied to its Y.Doc as they
 * arrive (applying is how an update proves it integrates), but nothing that follows from them
 * leaves the server until they are committed: broadcasts are held, sync replies to newcomers
 * wait, and the durable state is announced only when the doc holds nothing uncommitted.
 */
export class Room {
	readonly doc: Y.Doc;
	readonly awareness: awarenessProtocol.Awareness;
	readonly conns = new Set<Connection>();
	/** Highest stored seq whose update is applied to `doc`. */
	lastSeq: number;
	/** Updates stored since the last snapshot. */
	sinceSnapshot: number;
	/** Applied to `doc` but not yet committed. */
	uncommitted = 0;
	/** Count of applies; tags held broadcasts with the apply that produced them. */
	applied = 0;
	/** The doc can no longer be trusted (an update failed half-way, or a commit failed). */
	broken = false;
	idleTimer: NodeJS.Timeout | null = null;
	/** Set while a compaction or unload is running, so they never overlap. */
	busy: Promise<void> | null = null;
	private held: { tag: number; message: Uint8Array; origin: unknown }[] = [];
	/** While an update is applied: what it changes, for the audit trail. */
	private collected: Change[] | null = null;
	private readonly stopWatching: () => void;
	private afterCommit: (() => void)[] = [];
	/** Which person each Yjs client id in this document belongs to; claimed by first sight. */
	readonly ids: ClientOwnership;
	/** Which connection speaks for each client id's presence, and the bytes of each state. */
	readonly presence = new Map<number, { conn: Connection; bytes: number }>();
	presenceBytes = 0;
	/** Client ids whose durable clock moved since the durable state was last announced. */
	private readonly movedClients = new Set<number>();

	constructor(
		readonly name: string,
		readonly ref: RoomRef,
		doc: Y.Doc,
		lastSeq: number,
		sinceSnapshot: number,
		ids: ClientOwnership = new ClientOwnership()
	) {
		this.doc = doc;
		this.ids = ids;
		this.lastSeq = lastSeq;
		this.sinceSnapshot = sinceSnapshot;
		this.awareness = new awarenessProtocol.Awareness(doc);
		this.stopWatching = watchChanges(doc, ref.kind, (change) => this.collected?.push(change));
		this.awareness.setLocalState(null);
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			const message = frame(MESSAGE_SYNC, (e) => {
				encoding.writeVarUint(e, 2); // y-protocols messageYjsUpdate
				encoding.writeVarUint8Array(e, update);
			});
			this.held.push({ tag: this.applied, message, origin });
		});
		this.awareness.on('update', ({ added, updated, removed }: AwarenessChange) => {
			const changed = added.concat(updated, removed);
			// States the awareness itself let go (not renewed for 30 s) free their room too.
			for (const client of removed) this.dropPresence(client);
			const message = frame(MESSAGE_AWARENESS, (e) =>
				encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
			);
			for (const conn of this.conns) conn.send(message);
		});
	}

	/**
	 * Applies an update (tagging what it broadcasts); throws if it does not integrate. Returns
	 * whether it changed anything, and what, for the audit trail.
	 */
	apply(update: Uint8Array, origin: unknown): { changed: boolean; changes: Change[] } {
		this.applied++;
		const tag = this.applied;
		const before = [this.doc.store.pendingStructs, this.doc.store.pendingDs];
		const changes: Change[] = [];
		this.collected = changes;
		try {
			Y.applyUpdate(this.doc, update, origin);
		} finally {
			this.collected = null;
		}
		const emitted = this.held.length > 0 && this.held[this.held.length - 1]!.tag === tag;
		const pendingChanged = this.doc.store.pendingStructs !== before[0] || this.doc.store.pendingDs !== before[1];
		return { changed: emitted || pendingChanged, changes };
	}

	/** Runs `fn` now if everything applied is on disk, else right after the next commit that makes it so. */
	whenQuiescent(fn: () => void): void {
		if (this.uncommitted === 0) fn();
		else this.afterCommit.push(fn);
	}

	/** Called after a commit: sends what the committed applies (tags <= upTo) produced. */
	committed(upTo: number, clients: Iterable<number> = []): void {
		for (const client of clients) this.movedClients.add(client);
		let i = 0;
		for (; i < this.held.length && this.held[i]!.tag <= upTo; i++) {
			const { message, origin } = this.held[i]!;
			for (const conn of this.conns) if (conn !== origin) conn.send(message);
		}
		this.held.splice(0, i);
		if (this.uncommitted === 0) {
			for (const fn of this.afterCommit.splice(0)) fn();
			this.announceDurableState();
		}
	}

	/**
	 * What the server holds on disk, for one connection; only valid when quiescent. A connection
	 * on the delta form gets the whole state vector once, then the entries that moved.
	 */
	durableStateMessage(conn: Connection): Uint8Array {
		if (conn.wantsDurableState === 'full') return encodeDurableState({ acknowledged: conn.durable, stateVector: Y.encodeStateVector(this.doc) });
		if (!conn.sentFullState) {
			conn.sentFullState = true;
			return encodeDurableDelta({ acknowledged: conn.durable, full: true, entries: Y.decodeStateVector(Y.encodeStateVector(this.doc)) });
		}
		const entries = new Map<number, number>();
		for (const client of this.movedClients) entries.set(client, Y.getState(this.doc.store, client));
		return encodeDurableDelta({ acknowledged: conn.durable, full: false, entries });
	}

	/** Tells subscribed connections what the server holds on disk; only valid when quiescent. */
	announceDurableState(): void {
		if (this.uncommitted !== 0) return;
		for (const conn of this.conns) if (conn.wantsDurableState) conn.send(this.durableStateMessage(conn));
		this.movedClients.clear();
	}

	leave(conn: Connection): void {
		this.conns.delete(conn);
		const mine = [...conn.awarenessIds].filter((client) => this.presence.get(client)?.conn === conn);
		for (const client of mine) this.dropPresence(client);
		if (mine.length) awarenessProtocol.removeAwarenessStates(this.awareness, mine, null);
		conn.awarenessIds.clear();
	}

	dropPresence(client: number): void {
		const held = this.presence.get(client);
		if (!held) return;
		this.presenceBytes -= held.bytes;
		this.presence.delete(client);
		held.conn.awarenessIds.delete(client);
	}

	destroy(): void {
		this.stopWatching();
		this.held = [];
		this.afterCommit = [];
		this.awareness.destroy();
		this.doc.destroy();
	}
}

interface AwarenessChange {
	added: number[];
	updated: number[];
	removed: number[];
}

export function frame(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, type);
	write(encoder);
	return encoding.toUint8Array(encoder);
}
