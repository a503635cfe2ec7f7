/**
 * The wire contract between the app, the sync server and any integrator.
 *
 * Dangka speaks the standard y-websocket protocol (message types 0 to 3 from y-protocols), so the
 * stock `WebsocketProvider` connects with `new WebsocketProvider(origin + SYNC_PATH, roomName(ref), doc)`,
 * i.e. `ws(s)://host/sync/<room>?token=...` (rooms: see RoomRef). One extension, opt-in so stock clients never
 * see it: a client that sends MESSAGE_DURABLE_STATE gets back, now and after every commit that
 * touches the dossier, (1) how many of the sync updates it sent on this connection (sync step 2
 * and update messages, in order) are on disk, and (2) the server's durable state vector.
 * The app is synced when the server's state vector covers its own *and* every update it sent is
 * acknowledged: a state vector alone does not show deletions, which the acknowledged updates
 * carry (a sync step 2 holds the sender's whole delete set).
 */
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

export const SYNC_PATH = '/sync';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
/** Dangka extension: client → server subscribes (empty body); server → client carries a state vector. */
export const MESSAGE_DURABLE_STATE = 100;

/** Frames larger than this close the connection (configurable on the server, `MAX_MESSAGE_BYTES`). */
export const DEFAULT_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/**
 * Close codes the server uses. 4000–4999 is the range the WebSocket spec leaves to applications;
 * 1009 (too big) is sent by `ws` itself when a frame exceeds the limit. The stock provider
 * treats 4400–4499 as final (it stops reconnecting: retrying cannot help) and 4500–4599 as
 * "try again later", so each code sits in the range that matches what the client should do.
 */
export const CLOSE = {
	malformed: 4400,
	unauthorized: 4401,
	forbidden: 4403,
	serverError: 4500,
	shuttingDown: 4503,
	tooSlow: 4508
} as const;

/**
 * Dossier ids double as room names, file-system-free keys and URL path segments: a closed
 * alphabet keeps path tricks (`..`, `/`, `%2F`, NUL) out by construction.
 */
export const DOSSIER_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export function isDossierId(value: unknown): value is string {
	return typeof value === 'string' && DOSSIER_ID_PATTERN.test(value);
}

/**
 * The documents the server syncs, named by the path after SYNC_PATH. A village has two: its
 * dossier (households, answers, form signatures: written by the group that keeps it) and its
 * review document (findings, the ledger, comments: written by checkers and reviewers as well).
 * The split is a permission boundary (issue #5) and keeps the township's ledger, which opens
 * every village's review document, from loading every village's answers. Each township's
 * organisation (groups, people, cross-check rounds) is one more document.
 */
export type RoomRef =
	| { kind: 'dossier'; dossierId: string }
	| { kind: 'review'; dossierId: string }
	| { kind: 'organisation'; townshipId: string };

/** `org/<townshipId>`: one organisation per township (a county's server holds many). */
const ORGANISATION_PREFIX = 'org/';
const REVIEW_SUFFIX = '/review';

export function roomName(ref: RoomRef): string {
	if (ref.kind === 'organisation') return ORGANISATION_PREFIX + ref.townshipId;
	return ref.kind === 'review' ? ref.dossierId + REVIEW_SUFFIX : ref.dossierId;
}

/** Reads a room name; anything else (path tricks, unknown kinds) is null. */
export function parseRoom(name: string): RoomRef | null {
	if (name.startsWith(ORGANISATION_PREFIX)) {
		const townshipId = name.slice(ORGANISATION_PREFIX.length);
		return isDossierId(townshipId) ? { kind: 'organisation', townshipId } : null;
	}
	if (name.endsWith(REVIEW_SUFFIX)) {
		const dossierId = name.slice(0, -REVIEW_SUFFIX.length);
		return isDossierId(dossierId) ? { kind: 'review', dossierId } : null;
	}
	return isDossierId(name) ? { kind: 'dossier', dossierId: name } : null;
}

export function encodeDurableStateRequest(): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_DURABLE_STATE);
	return encoding.toUint8Array(encoder);
}

export interface DurableState {
	/** Sync updates received on this connection that are durable (or changed nothing). */
	acknowledged: number;
	stateVector: Uint8Array;
}

export function encodeDurableState(state: DurableState): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_DURABLE_STATE);
	encoding.writeVarUint(encoder, state.acknowledged);
	encoding.writeVarUint8Array(encoder, state.stateVector);
	return encoding.toUint8Array(encoder);
}

/** Reads the body of a MESSAGE_DURABLE_STATE frame after its type has been read. */
export function readDurableState(decoder: decoding.Decoder): DurableState {
	const acknowledged = decoding.readVarUint(decoder);
	return { acknowledged, stateVector: decoding.readVarUint8Array(decoder) };
}

/** True for a frame that carries document changes: sync step 2 or a sync update. */
export function isSyncUpdateFrame(frame: Uint8Array): boolean {
	return frame.length > 1 && frame[0] === MESSAGE_SYNC && (frame[1] === 1 || frame[1] === 2);
}

/**
 * True when every change in `local` is also in `remote`: for each client, the remote clock has
 * reached the local one. Both are decoded Yjs state vectors (clientID → next clock).
 */
export function covers(remote: Map<number, number>, local: Map<number, number>): boolean {
	for (const [client, clock] of local) {
		if ((remote.get(client) ?? 0) < clock) return false;
	}
	return true;
}
