/**
 * Sync tokens for the websocket, fetched with the session cookie. A token opens one village (its
 * dossier and review document) or the township's organisation, for ten minutes; a document keeps
 * its connection's token fresh and asks again after the network returns.
 */
import { syncTokenResponse } from '../sync/api';
import type { RoomRef } from '../sync/protocol';

export type TokenResult =
	| { ok: true; token: string; expiresAt: number }
	| { ok: false; reason: 'offline' | 'unauthenticated' | 'forbidden' | 'error' };

export function scopeOf(ref: RoomRef): { kind: 'village'; dossierId: string } | { kind: 'organisation' } {
	return ref.kind === 'organisation' ? { kind: 'organisation' } : { kind: 'village', dossierId: ref.dossierId };
}

export async function fetchSyncToken(ref: RoomRef): Promise<TokenResult> {
	let res: Response;
	try {
		res = await fetch('/api/sync-token', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ scope: scopeOf(ref) })
		});
	} catch {
		return { ok: false, reason: 'offline' };
	}
	if (res.status === 401) return { ok: false, reason: 'unauthenticated' };
	if (res.status === 403 || res.status === 404) return { ok: false, reason: 'forbidden' };
	const parsed = syncTokenResponse.safeParse(await res.json().catch(() => null));
	if (!res.ok || !parsed.success) return { ok: false, reason: 'error' };
	return { ok: true, token: parsed.data.token, expiresAt: Date.parse(parsed.data.expiresAt) };
}

/**
 * Things that make a waiting document try to connect again: a sign-in, or a dossier the server
 * now knows (registered after being created offline).
 */
export const syncEvents = new EventTarget();
export const SIGNED_IN = 'signed-in';
export const REGISTERED = 'registered';
