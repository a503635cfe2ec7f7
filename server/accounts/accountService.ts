import { AccountExists, normaliseUsername, type AccountStore, type Session, type User } from './accounts';
import { hashPassword, verifyPassword, passwordProblem, PASSWORD_MAX, PASSWORD_MIN, type PasswordProblem } from './password';
import { GuessThrottle } from './throttle';
import { randomToken, tokenHash, type TokenSigner } from './tokens';
import type { RoomRef } from '../../src/lib/sync/protocol';

/** Who is on the other end of a request or a connection, once their session has been checked. */
export interface Principal {
	userId: string;
	name: string;
	townshipId: string;
	admin: boolean;
	sessionHash: string;
	device: string;
}

export type LoginResult =
	| { ok: true; user: User; token: string; session: Session }
	| { ok: false; code: 'badCredentials' | 'tooManyAttempts'; retryAfterMs?: number };

export type PasswordChangeResult =
	| { ok: true }
	| { ok: false; code: 'badCredentials' | 'tooManyAttempts'; retryAfterMs?: number }
	| { ok: false; code: 'weakPassword'; problem: PasswordProblem };

/** A sync token names one scope: a village (its dossier and review) or a township's organisation. */
export type SyncScope = { kind: 'village'; dossierId: string } | { kind: 'organisation'; townshipId: string };

export function scopeString(scope: SyncScope): string {
	return scope.kind === 'village' ? `village:${scope.dossierId}` : `org:${scope.townshipId}`;
}

/** Whether a token issued for `scope` opens `room`. */
export function scopeCovers(scope: string, room: RoomRef): boolean {
	if (room.kind === 'organisation') return scope === `org:${room.townshipId}`;
	return scope === `village:${room.dossierId}`;
}

export interface AccountOptions {
	sessionDays: number;
	syncTokenSeconds: number;
}

/** Told when sessions end or an account changes, so open connections close at once. */
export interface AccountChangeListener {
	sessionsEnded(sessionHashes: string[], reason: string): void;
	/** The account's rights changed (administrator or not): its connections must be re-admitted. */
	accountChanged(userId: string): void;
}

/**
 * Sign-in, sessions, passwords and sync tokens. Every failure to sign in looks the same from
 * outside ("wrong username or password") and takes as long, whether or not the account exists.
 */
export class AccountService {
	/** Sign-in and password changes draw on the same counts: a guess is a guess. */
	private readonly guesses = new GuessThrottle();
	private readonly listeners: AccountChangeListener[] = [];
	/** Verified against when the username is unknown, so that case takes as long as a wrong password. */
	private readonly decoy: Promise<string>;

	constructor(
		private readonly store: AccountStore,
		private readonly signer: TokenSigner,
		private readonly opts: AccountOptions
	) {
		this.decoy = hashPassword(randomToken());
	}

	onAccountChanges(listener: AccountChangeListener): void {
		this.listeners.push(listener);
	}

	private ended(hashes: string[], reason: string): void {
		if (hashes.length) for (const l of this.listeners) l.sessionsEnded(hashes, reason);
	}

	async login(username: string, password: string, address: string, device: string, now = Date.now()): Promise<LoginResult> {
		const key = normaliseUsername(username);
		// Counted as a failure before the (slow) check, so a burst of parallel guesses all meet
		// the throttle instead of all passing it while the first is still being verified.
		const guess = this.guesses.reserve(key, address, now);
		if (!guess.ok) return { ok: false, code: 'tooManyAttempts', retryAfterMs: guess.retryAfterMs };
		const user = await this.store.userByUsername(key);
		const valid = await verifyPassword(password.slice(0, PASSWORD_MAX), user?.passwordHash ?? (await this.decoy));
		if (!user || !valid || user.disabledAt) return { ok: false, code: 'badCredentials' };
		guess.succeeded();
		const token = randomToken();
		const session: Session = {
			idHash: tokenHash(token),
			userId: user.id,
			device,
			createdAt: new Date(now).toISOString(),
			expiresAt: new Date(now + this.opts.sessionDays * 86_400_000).toISOString()
		};
		await this.store.createSession(session);
		return { ok: true, user, token, session };
	}

	/** The signed-in user behind a session token: the session must be current, the account enabled. */
	async fromSessionToken(token: string | undefined, now = Date.now()): Promise<{ user: User; session: Session } | null> {
		if (!token || token.length > 200) return null;
		const session = await this.store.session(tokenHash(token));
		if (!session || Date.parse(session.expiresAt) <= now) return null;
		const user = await this.store.userById(session.userId);
		if (!user || user.disabledAt) return null;
		return { user, session };
	}

	async logout(session: Session): Promise<void> {
		await this.store.deleteSession(session.idHash);
		this.ended([session.idHash], 'Signed out');
	}

	/**
	 * Changes a password; every other session of the account ends (the one changing it stays).
	 * The current password is a guess like a sign-in's (a session left open on a shared phone
	 * must not become a way to learn the password), throttled on the same counts. A weak new
	 * password is refused before that, without spending a try.
	 */
	async changePassword(user: User, session: Session, current: string, next: string, address: string, now = Date.now()): Promise<PasswordChangeResult> {
		const problem = passwordProblem(next);
		if (problem) return { ok: false, code: 'weakPassword', problem };
		const guess = this.guesses.reserve(user.username, address, now);
		if (!guess.ok) return { ok: false, code: 'tooManyAttempts', retryAfterMs: guess.retryAfterMs };
		if (!(await verifyPassword(current.slice(0, PASSWORD_MAX), user.passwordHash))) return { ok: false, code: 'badCredentials' };
		guess.succeeded();
		await this.store.updateUser(user.id, { passwordHash: await hashPassword(next), passwordChangedAt: new Date().toISOString() });
		this.ended(await this.store.deleteSessionsOf(user.id, session.idHash), 'Password changed');
		return { ok: true };
	}

	async createUser(input: { id: string; username: string; name: string; townshipId: string; admin: boolean; password: string }): Promise<User> {
		const problem = passwordProblem(input.password);
		if (problem) throw new WeakPassword(problem);
		const now = new Date().toISOString();
		const user: User = {
			id: input.id,
			username: normaliseUsername(input.username),
			name: input.name,
			townshipId: input.townshipId,
			admin: input.admin,
			disabledAt: null,
			passwordHash: await hashPassword(input.password),
			passwordChangedAt: now,
			createdAt: now
		};
		await this.store.createUser(user);
		return user;
	}

	/** An administrator sets a new password: every session of the account ends. */
	async resetPassword(userId: string, password: string): Promise<void> {
		const problem = passwordProblem(password);
		if (problem) throw new WeakPassword(problem);
		await this.store.updateUser(userId, { passwordHash: await hashPassword(password), passwordChangedAt: new Date().toISOString() });
		this.ended(await this.store.deleteSessionsOf(userId), 'Password reset');
	}

	/** Disabling ends every session of the account and closes its connections. */
	async setDisabled(userId: string, disabled: boolean): Promise<void> {
		await this.store.updateUser(userId, { disabledAt: disabled ? new Date().toISOString() : null });
		if (disabled) this.ended(await this.store.deleteSessionsOf(userId), 'Account disabled');
	}

	async setAdmin(userId: string, admin: boolean): Promise<void> {
		await this.store.updateUser(userId, { admin });
		for (const l of this.listeners) l.accountChanged(userId);
	}

	/** Whether a session is still current (it may have expired since its connection opened). */
	async sessionCurrent(sessionHash: string, now = Date.now()): Promise<boolean> {
		const session = await this.store.session(sessionHash);
		return !!session && Date.parse(session.expiresAt) > now;
	}

	issueSyncToken(user: User, session: Session, scope: SyncScope, now = Date.now()): { token: string; expiresAt: string } {
		const e = Math.floor(now / 1000) + this.opts.syncTokenSeconds;
		return { token: this.signer.sign({ u: user.id, s: session.idHash, d: session.device, r: scopeString(scope), e }), expiresAt: new Date(e * 1000).toISOString() };
	}

	/**
	 * The principal a sync token speaks for, if the token is genuine, unexpired, issued for this
	 * room's scope, and its session and account are still good.
	 */
	async principalForSync(token: string | null, room: RoomRef, now = Date.now()): Promise<Principal | null> {
		const payload = token ? this.signer.verify(token, now) : null;
		if (!payload || !scopeCovers(payload.r, room)) return null;
		const session = await this.store.session(payload.s);
		if (!session || session.userId !== payload.u || Date.parse(session.expiresAt) <= now) return null;
		const user = await this.store.userById(payload.u);
		if (!user || user.disabledAt) return null;
		return principalOf(user, session);
	}
}

export function principalOf(user: User, session: Session): Principal {
	return { userId: user.id, name: user.name, townshipId: user.townshipId, admin: user.admin, sessionHash: session.idHash, device: session.device };
}

const WEAK: Record<PasswordProblem, string> = {
	length: `a password has ${PASSWORD_MIN} to ${PASSWORD_MAX} characters`,
	common: 'that password is among the commonest, which guessers try first: choose another',
	repeated: 'a password cannot be one character repeated'
};

/** A new password the rules refuse (passwordRules.ts); the message says which rule. */
export class WeakPassword extends Error {
	constructor(readonly problem: PasswordProblem) {
		super(WEAK[problem]);
	}
}

export { AccountExists };
