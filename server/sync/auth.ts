import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { RoomRef } from '../../src/lib/sync/protocol';

/** Who is on the other end of a connection, as established before any document byte is sent. */
export interface Principal {
	user: string;
}

/**
 * Decides, from the upgrade request alone, whether a connection to a room may open.
 * Returning null refuses it with 401 before the websocket exists. Accounts (issue #5) plug in
 * here; until then a deployment can require a shared token (`SYNC_TOKEN`).
 */
export type Authenticate = (request: IncomingMessage, room: RoomRef, url: URL) => Promise<Principal | null>;

export function sharedTokenAuth(token: string | undefined): Authenticate {
	const expected = token ? Buffer.from(token) : null;
	return async (_request, _room, url) => {
		const user = (url.searchParams.get('user') ?? '').slice(0, 64) || 'anonymous';
		if (!expected) return { user };
		const given = Buffer.from(url.searchParams.get('token') ?? '');
		if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
		return { user };
	};
}
