import type { WebSocket } from 'ws';
import type { Principal } from '../accounts/accountService';
import type { RoomRef } from '../../src/lib/sync/protocol';

/** One websocket connected to one dossier. */
export class Connection {
	/** Awareness client ids this connection controls, removed when it leaves. */
	readonly awarenessIds = new Set<number>();
	/** Subscribed to the durable state: the whole state vector each time, or its changes. */
	wantsDurableState: false | 'full' | 'delta' = false;
	/** The delta form's first message (the whole vector) went out. */
	sentFullState = false;
	alive = true;
	closed = false;
	/** Sync updates received on this connection, in order. */
	received = 0;
	/** Of those, how many are queued for a commit that has not happened yet. */
	uncommitted = 0;
	/** All received updates up to this count are on disk (or changed nothing). */
	durable = 0;

	constructor(
		readonly ws: WebSocket,
		readonly room: string,
		readonly ref: RoomRef,
		readonly principal: Principal,
		private readonly maxBufferedBytes: number,
		private readonly onTooSlow: (conn: Connection) => void
	) {}

	send(message: Uint8Array): void {
		if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
		if (this.ws.bufferedAmount > this.maxBufferedBytes) {
			this.onTooSlow(this);
			return;
		}
		this.ws.send(message);
	}

	close(code: number, reason: string): void {
		if (this.closed) return;
		this.closed = true;
		try {
			this.ws.close(code, reason);
		} catch {
			this.ws.terminate();
		}
	}
}
