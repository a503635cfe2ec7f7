/**
 * Client side of the durable-state extension (see protocol.ts). Registers a handler on a stock
 * `WebsocketProvider`, counts the sync updates it sends on each connection, asks for the server's
 * durable state on every (re)connection, and answers "does the server have every change of this
 * document on disk?".
 */
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import type * as decoding from 'lib0/decoding';
import { MESSAGE_DURABLE_DELTA, covers, encodeDurableDeltaRequest, isSyncUpdateFrame, readDurableDelta } from './protocol';

export class DurableStateTracker {
	/** The server's durable state vector as last announced on this connection, or null. */
	serverState: Map<number, number> | null = null;
	/** Sync updates sent on the current connection, and how many the server has on disk. */
	private sent = 0;
	private acknowledged = 0;
	/** Our sync step 2 (everything the server lacks, with our whole delete set) went out. */
	private answeredServer = false;
	private readonly listeners = new Set<() => void>();
	private readonly onStatus: (event: { status: string }) => void;

	constructor(
		private readonly provider: WebsocketProvider,
		private readonly doc: Y.Doc
	) {
		provider.messageHandlers[MESSAGE_DURABLE_DELTA] = (_encoder: unknown, decoder: decoding.Decoder) => {
			const delta = readDurableDelta(decoder);
			this.acknowledged = delta.acknowledged;
			// The first answer is the whole vector; later ones carry only the entries that moved.
			if (delta.full || !this.serverState) this.serverState = delta.entries;
			else for (const [client, clock] of delta.entries) if (clock > (this.serverState.get(client) ?? 0)) this.serverState.set(client, clock);
			this.emit();
		};
		this.onStatus = ({ status }) => {
			if (status === 'connected') this.attach();
			else this.reset();
			this.emit();
		};
		provider.on('status', this.onStatus);
		if (provider.wsconnected) this.attach();
	}

	private reset(): void {
		this.serverState = null;
		this.sent = 0;
		this.acknowledged = 0;
		this.answeredServer = false;
	}

	/** Counts what this connection sends that changes documents, and subscribes. */
	private attach(): void {
		this.reset();
		const ws = this.provider.ws;
		if (!ws) return;
		const send = ws.send.bind(ws);
		ws.send = (data: Parameters<WebSocket['send']>[0]) => {
			if (data instanceof Uint8Array && isSyncUpdateFrame(data)) {
				this.sent++;
				if (data[1] === 1) this.answeredServer = true;
			}
			send(data);
		};
		send(encodeDurableDeltaRequest());
	}

	/**
	 * True when the server has, on disk, every change this document holds: every update sent on
	 * this connection is acknowledged (deletions included) and the server's state vector covers ours.
	 */
	get serverHasEverything(): boolean {
		return (
			this.provider.wsconnected &&
			this.answeredServer &&
			this.acknowledged >= this.sent &&
			this.serverState !== null &&
			covers(this.serverState, Y.decodeStateVector(Y.encodeStateVector(this.doc)))
		);
	}

	/** Resolves once the server holds every change made so far. */
	whenDurable(): Promise<void> {
		return new Promise((resolve) => {
			const check = () => {
				if (this.serverHasEverything) {
					this.listeners.delete(check);
					resolve();
				}
			};
			this.listeners.add(check);
			check();
		});
	}

	onChange(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	private emit(): void {
		for (const listener of [...this.listeners]) listener();
	}

	destroy(): void {
		this.provider.off('status', this.onStatus);
		delete this.provider.messageHandlers[MESSAGE_DURABLE_DELTA];
		this.listeners.clear();
	}
}
