import { createHmac, randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Short-lived signed tokens for the sync websocket: `<payload>.<signature>` in base64url, HMAC-
 * SHA256 with the server's secret. A websocket URL is logged and cached in places a cookie is
 * not, so what it carries expires within minutes and names one scope (a village, or a township's
 * organisation); the session behind it is checked again at every connection.
 */
export interface SyncTokenPayload {
	/** User id. */
	u: string;
	/** Hash of the session the token was issued to (so logout ends it). */
	s: string;
	/** The device id of that session. */
	d: string;
	/** Scope: `village:<dossierId>` or `org:<townshipId>`. */
	r: string;
	/** Expiry, seconds since the epoch. */
	e: number;
}

export class TokenSigner {
	constructor(private readonly secret: Buffer) {}

	sign(payload: SyncTokenPayload): string {
		const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
		return `${body}.${this.mac(body)}`;
	}

	/** The payload of a genuine, unexpired token; null for anything else. */
	verify(token: string, now = Date.now()): SyncTokenPayload | null {
		if (token.length > 2048) return null;
		const dot = token.indexOf('.');
		if (dot < 1) return null;
		const body = token.slice(0, dot);
		const given = Buffer.from(token.slice(dot + 1), 'base64url');
		const expected = Buffer.from(this.mac(body), 'base64url');
		if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
		let payload: unknown;
		try {
			payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
		} catch {
			return null;
		}
		const p = payload as Partial<SyncTokenPayload>;
		if (typeof p.u !== 'string' || typeof p.s !== 'string' || typeof p.d !== 'string' || typeof p.r !== 'string' || typeof p.e !== 'number') return null;
		if (p.e * 1000 <= now) return null;
		return p as SyncTokenPayload;
	}

	private mac(body: string): string {
		return createHmac('sha256', this.secret).update(body).digest('base64url');
	}
}

/**
 * The signing secret: TOKEN_SECRET when set (servers that share a database must share it), else
 * a random one made once and kept in the data folder, readable by the server's user only.
 */
export function loadSecret(file: string, fromEnv: string | undefined): Buffer {
	if (fromEnv) return createHash('sha256').update(fromEnv).digest();
	if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
	mkdirSync(dirname(file), { recursive: true });
	const secret = randomBytes(32);
	writeFileSync(file, secret.toString('base64url'), { mode: 0o600 });
	return secret;
}

/** A random opaque token (sessions): 256 bits. */
export function randomToken(): string {
	return randomBytes(32).toString('base64url');
}

/** How a session token is stored: its SHA-256, so a copy of the database signs nobody in. */
export function tokenHash(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}
