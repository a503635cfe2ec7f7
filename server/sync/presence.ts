/**
 * Awareness (presence) as the server relays it. The stock protocol lets any connection set or
 * remove any client id's state with any content; here a connection speaks only for itself:
 * - it sets only client ids it announced first in this room (and that no other person owns);
 * - every state it sets carries the sender's identity from their account (`user.id`,
 *   `user.name`), whatever the state said, so nobody appears under a colleague's name;
 * - states are small, few per connection, and a room's presence is bounded in bytes, so one
 *   socket cannot make every newcomer download megabytes.
 */
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

export const PRESENCE_LIMITS = {
	/** A state is a name, a colour and what one is looking at. */
	stateBytes: 2048,
	/** A tab holds one document per connection; a few more allow for a reload racing its old socket. */
	statesPerConnection: 4,
	/** All states of one room, as a newcomer receives them. */
	roomBytes: 256 * 1024
} as const;

export interface PresenceEntry {
	client: number;
	clock: number;
	/** The state's JSON text; 'null' removes the client's state. */
	json: string;
}

export function decodeAwarenessUpdate(update: Uint8Array): PresenceEntry[] {
	const decoder = decoding.createDecoder(update);
	const n = decoding.readVarUint(decoder);
	const entries: PresenceEntry[] = [];
	for (let i = 0; i < n; i++) {
		const client = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		const json = decoding.readVarString(decoder);
		entries.push({ client, clock, json });
	}
	if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
	return entries;
}

export function encodeAwarenessUpdate(entries: readonly PresenceEntry[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const e of entries) {
		encoding.writeVarUint(encoder, e.client);
		encoding.writeVarUint(encoder, e.clock);
		encoding.writeVarString(encoder, e.json);
	}
	return encoding.toUint8Array(encoder);
}

const COLOUR = /^#[0-9a-f]{6}$/i;

/**
 * The state as the server relays it: an object, within the size limit, with `user` replaced by
 * the sender's identity (a valid colour the client chose is kept). Null when it is not one.
 */
export function stampState(json: string, who: { id: string; name: string }): string | null {
	if (json.length > PRESENCE_LIMITS.stateBytes) return null;
	let state: unknown;
	try {
		state = JSON.parse(json);
	} catch {
		return null;
	}
	if (state === null) return 'null';
	if (typeof state !== 'object' || Array.isArray(state)) return null;
	const claimed = (state as { user?: { color?: unknown } }).user;
	const color = typeof claimed?.color === 'string' && COLOUR.test(claimed.color) ? claimed.color : undefined;
	const stamped = JSON.stringify({ ...state, user: { id: who.id, name: who.name, ...(color ? { color } : {}) } });
	return stamped.length > PRESENCE_LIMITS.stateBytes ? null : stamped;
}
