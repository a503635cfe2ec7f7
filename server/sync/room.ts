import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import { MESSAGE_AWARENESS, MESSAGE_SYNC, encodeDurableState } from '../../src/lib/sync/protocol';
import type { Connection } from './connection';

/**
 * One dossier held in memory while anyone is connected. Its Y.Doc only ever contains durable
 * state: updates are applied after the store has committed them, so what the room serves to a
 * newcomer, and the state vector it acknowledges, are both on disk.
 */
export class Room {
	readonly doc: Y.Doc;
	readonly awareness: awarenessProtocol.Awareness;
	readonly conns = new Set<Connection>();
	/** Highest stored seq whose update is applied to `doc`. */
	lastSeq: number;
	/** Updates stored since the last snapshot. */
	sinceSnapshot: number;
	idleTimer: NodeJS.Timeout | null = null;
	/** Set while a compaction or unload is running, so they never overlap. */
	busy: Promise<void> | null = null;

	constructor(
		readonly name: string,
		doc: Y.Doc,
		lastSeq: number,
		sinceSnapshot: number
	) {
		this.doc = doc;
		this.lastSeq = lastSeq;
		this.sinceSnapshot = sinceSnapshot;
		this.awareness = new awarenessProtocol.Awareness(doc);
		this.awareness.setLocalState(null);
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			const message = frame(MESSAGE_SYNC, (e) => {
				encoding.writeVarUint(e, 2); // y-protocols messageYjsUpdate
				encoding.writeVarUint8Array(e, update);
			});
			for (const conn of this.conns) if (conn !== origin) conn.send(message);
		});
		this.awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
			const changed = added.concat(updated, removed);
			if (origin instanceof Object && 'awarenessIds' in origin) {
				const ids = (origin as Connection).awarenessIds;
				for (const id of added) ids.add(id);
				for (const id of removed) ids.delete(id);
			}
			const message = frame(MESSAGE_AWARENESS, (e) =>
				encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
			);
			for (const conn of this.conns) conn.send(message);
		});
	}

	durableStateMessage(): Uint8Array {
		return encodeDurableState(Y.encodeStateVector(this.doc));
	}

	/** Tells the subscribed connections what the server now holds on disk. */
	announceDurableState(): void {
		let message: Uint8Array | null = null;
		for (const conn of this.conns) {
			if (!conn.wantsDurableState) continue;
			message ??= this.durableStateMessage();
			conn.send(message);
		}
	}

	leave(conn: Connection): void {
		this.conns.delete(conn);
		if (conn.awarenessIds.size) {
			awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], null);
		}
	}

	destroy(): void {
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
