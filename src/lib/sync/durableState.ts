/**
 * Client side of the durable-state extension (see protocol.ts). Registers a handler on a stock
 * `WebsocketProvider`, asks for the server's durable state vector on every (re)connection, and
 * answers "does the server have every change of this document?" by comparing state vectors.
 */
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import type * as decoding from 'lib0/decoding';
import { MESSAGE_DURABLE_STATE, covers, encodeDurableStateRequest, readDurableState } from './protocol';

export class DurableStateTracker {
	/** The last durable state vector the server announced, or null before the first one. */
	serverState: Map<number, number> | null = null;
	private readonly listeners = new Set<() => void>();
	private readonly onStatus: (event: { status: string }) => void;

	constructor(
		private readonly provider: WebsocketProvider,
		private readonly doc: Y.Doc
	) {
		provider.messageHandlers[MESSAGE_DURABLE_STATE] = (_encoder: unknown, decoder: decoding.Decoder) => {
			this.serverState = Y.decodeStateVector(readDurableState(decoder));
			this.emit();
		};
		this.onStatus = ({ status }) => {
			if (status === 'connected') provider.ws?.send(encodeDurableStateRequest());
			this.emit();
		};
		provider.on('status', this.onStatus);
		if (provider.wsconnected) provider.ws?.send(encodeDurableStateRequest());
	}

	/** True when the server has acknowledged, on disk, every change this document holds. */
	get serverHasEverything(): boolean {
		return this.serverState !== null && covers(this.serverState, Y.decodeStateVector(Y.encodeStateVector(this.doc)));
	}

	/** Resolves once the server holds every change made so far. */
	whenDurable(): Promise<void> {
		const target = Y.decodeStateVector(Y.encodeStateVector(this.doc));
		return new Promise((resolve) => {
			const check = () => {
				if (this.serverState && covers(this.serverState, target)) {
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
		delete this.provider.messageHandlers[MESSAGE_DURABLE_STATE];
		this.listeners.clear();
	}
}
