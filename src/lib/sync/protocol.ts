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
/**
 * The same in a size that does not grow with the room: the first answer carries the whole
 * durable state vector, each later one only the entries that changed since (see DurableDelta).
 * A room's state vector keeps every client id that ever wrote, so after a year of campaigns it
 * can be large; sending it whole after every commit would cost every writer that much per keystroke.
 */
export const MESSAGE_DURABLE_DELTA = 101;

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
	tooSlow: 4508,
	/**
	 * An update deletes changes the server does not hold (yet): it is not taken, and the client
	 * reconnects, and sends everything the server lacks in one sync step 2. An honest tab can get
	 * here when it deletes what another tab of the same device wrote offline before that tab synced.
	 */
	outOfOrder: 4510,
	/**
	 * The client id the client writes or announces under belongs to another person in this room
	 * (the reason names it): the app takes a new id for its unsent changes and sends them again.
	 */
	clientIdTaken: 4409
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

export function encodeDurableDeltaRequest(): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_DURABLE_DELTA);
	return encoding.toUint8Array(encoder);
}

export interface DurableDelta {
	acknowledged: number;
	/** True: `entries` is the whole durable state vector; false: only what changed since the last one. */
	full: boolean;
	entries: Map<number, number>;
}

export function encodeDurableDelta(delta: DurableDelta): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_DURABLE_DELTA);
	encoding.writeVarUint(encoder, delta.acknowledged);
	encoding.writeVarUint(encoder, delta.full ? 1 : 0);
	encoding.writeVarUint(encoder, delta.entries.size);
	for (const [client, clock] of delta.entries) {
		encoding.writeVarUint(encoder, client);
		encoding.writeVarUint(encoder, clock);
	}
	return encoding.toUint8Array(encoder);
}

/** Reads the body of a MESSAGE_DURABLE_DELTA frame after its type has been read. */
export function readDurableDelta(decoder: decoding.Decoder): DurableDelta {
	const acknowledged = decoding.readVarUint(decoder);
	const full = decoding.readVarUint(decoder) === 1;
	const n = decoding.readVarUint(decoder);
	const entries = new Map<number, number>();
	for (let i = 0; i < n; i++) {
		const client = decoding.readVarUint(decoder);
		entries.set(client, decoding.readVarUint(decoder));
	}
	return { acknowledged, full, entries };
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
