/**
 * Accounts (账号): who may sign in, to which township, and whether they administer it. What a
 * person may do in a village (keeping group, checker, reviewer) is not here: it is the township's
 * organisation document, where the account's id is the person's id.
 */
export interface User {
	/** Also the person's id in the township's organisation. */
	id: string;
	/** The name signed in with (often the phone number); unique, compared case-insensitively. */
	username: string;
	/** The name shown and recorded with what the person does. */
	name: string;
	townshipId: string;
	/** A township administrator: manages accounts and the organisation. */
	admin: boolean;
	/** Set when the account is disabled; its sessions end and its connections close. */
	disabledAt: string | null;
	passwordHash: string;
	passwordChangedAt: string;
	createdAt: string;
}

/** A signed-in browser. Only a hash of the session token is stored. */
export interface Session {
	idHash: string;
	userId: string;
	/** A random id the device made once, recorded with everything it sends. */
	device: string;
	createdAt: string;
	expiresAt: string;
}

export interface AccountStore {
	/** Adds an account; throws AccountExists when the username is taken. */
	createUser(user: User): Promise<void>;
	userById(id: string): Promise<User | null>;
	userByUsername(username: string): Promise<User | null>;
	listUsers(townshipId: string): Promise<User[]>;
	countUsers(): Promise<number>;
	updateUser(id: string, change: Partial<Pick<User, 'name' | 'admin' | 'disabledAt' | 'passwordHash' | 'passwordChangedAt'>>): Promise<void>;

	createSession(session: Session): Promise<void>;
	session(idHash: string): Promise<Session | null>;
	deleteSession(idHash: string): Promise<void>;
	/** Ends every session of a user but, optionally, one (the one changing the password). */
	deleteSessionsOf(userId: string, except?: string): Promise<string[]>;
}

export class AccountExists extends Error {
	constructor(readonly username: string) {
		super(`username ${username} is taken`);
	}
}

/** Usernames are compared without case and surrounding space: 'Zhang ' and 'zhang' are one. */
export function normaliseUsername(username: string): string {
	return username.trim().toLowerCase();
}
