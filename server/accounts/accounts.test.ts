import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../storage/sqliteStore';
import { AccountService, scopeCovers, WeakPassword } from './accountService';
import { AccountExists } from './accounts';
import { hashPassword, verifyPassword } from './password';
import { GuessThrottle, Throttle } from './throttle';
import { TokenSigner } from './tokens';

const signer = new TokenSigner(Buffer.alloc(32, 7));

async function service() {
	const store = new SqliteStore(':memory:');
	const accounts = new AccountService(store, signer, { sessionDays: 30, syncTokenSeconds: 600 });
	const user = await accounts.createUser({ id: 'u-wang', username: ' WangGanbu ', name: '王干部', townshipId: 't1', admin: false, password: 'correct horse' });
	return { store, accounts, user };
}

describe('passwords', () => {
	it('are hashed with scrypt and verified in constant time; a malformed hash never matches', async () => {
		const hash = await hashPassword('八月攻坚2022');
		expect(hash).toMatch(/^scrypt\$15\$8\$1\$/);
		expect(await verifyPassword('八月攻坚2022', hash)).toBe(true);
		expect(await verifyPassword('八月攻坚2023', hash)).toBe(false);
		expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
		for (const bad of ['', 'plain', 'scrypt$99$8$1$AAAA$BBBB', hash.replace(/\$[^$]+$/, '$')]) expect(await verifyPassword('x', bad)).toBe(false);
	});
});

describe('sign-in and sessions', () => {
	it('signs in by username whatever its case, and refuses a wrong password the same way as an unknown user', async () => {
		const { accounts } = await service();
		const ok = await accounts.login('wangganbu', 'correct horse', '10.0.0.1', 'dev1');
		expect(ok.ok).toBe(true);
		expect(await accounts.login('wangganbu', 'wrong', '10.0.0.1', 'dev1')).toEqual({ ok: false, code: 'badCredentials' });
		expect(await accounts.login('nobody', 'wrong', '10.0.0.1', 'dev1')).toEqual({ ok: false, code: 'badCredentials' });
		if (ok.ok) expect((await accounts.fromSessionToken(ok.token))?.user.name).toBe('王干部');
		expect(await accounts.fromSessionToken('forged')).toBeNull();
	});

	it('throttles guessing: after five failures each try waits, and a success does not undo an attacker’s address count', async () => {
		const { accounts } = await service();
		const t0 = 1_800_000_000_000;
		for (let i = 0; i < 5; i++) expect((await accounts.login('wangganbu', `guess${i}`, '10.0.0.9', 'd', t0 + i)).ok).toBe(false);
		const blocked = await accounts.login('wangganbu', 'correct horse', '10.0.0.9', 'd', t0 + 10);
		expect(blocked).toMatchObject({ ok: false, code: 'tooManyAttempts' });
		expect((await accounts.login('wangganbu', 'correct horse', '10.0.0.9', 'd', t0 + 31_000)).ok).toBe(true);
	});

	it('throttles a burst of parallel guesses as if they came one by one', async () => {
		const { accounts } = await service();
		const t0 = 1_800_000_000_000;
		const results = await Promise.all(Array.from({ length: 20 }, (_, i) => accounts.login('wangganbu', `guess${i}`, '10.0.0.7', 'd', t0)));
		expect(results.filter((r) => !r.ok && r.code === 'badCredentials')).toHaveLength(5);
		expect(results.filter((r) => !r.ok && r.code === 'tooManyAttempts')).toHaveLength(15);
	});

	it('ends sessions on logout, on a password change (except the changer’s), on a reset and when disabled', async () => {
		const { accounts, user } = await service();
		const ended: string[][] = [];
		accounts.onAccountChanges({ sessionsEnded: (hashes) => ended.push(hashes), accountChanged: () => {} });
		const a = await accounts.login('wangganbu', 'correct horse', '1.1.1.1', 'phone');
		const b = await accounts.login('wangganbu', 'correct horse', '1.1.1.1', 'laptop');
		if (!a.ok || !b.ok) throw new Error('sign-in failed');
		expect(await accounts.changePassword(user, a.session, 'wrong', 'new password 1', '1.1.1.1')).toEqual({ ok: false, code: 'badCredentials' });
		expect(await accounts.changePassword(user, a.session, 'correct horse', 'short', '1.1.1.1')).toEqual({ ok: false, code: 'weakPassword', problem: 'length' });
		expect(await accounts.changePassword(user, a.session, 'correct horse', 'woaini1314', '1.1.1.1')).toEqual({ ok: false, code: 'weakPassword', problem: 'common' });
		expect(await accounts.changePassword(user, a.session, 'correct horse', 'new password 1', '1.1.1.1')).toEqual({ ok: true });
		expect(ended.at(-1)).toEqual([b.session.idHash]);
		expect(await accounts.fromSessionToken(b.token)).toBeNull();
		expect(await accounts.fromSessionToken(a.token)).not.toBeNull();
		await accounts.setDisabled(user.id, true);
		expect(await accounts.fromSessionToken(a.token)).toBeNull();
		expect((await accounts.login('wangganbu', 'new password 1', '1.1.1.2', 'x')).ok).toBe(false);
	});

	it('refuses a taken username and a weak password, on a new account and a reset alike', async () => {
		const { accounts, user } = await service();
		await expect(accounts.createUser({ id: 'u2', username: 'wangganbu', name: '另一个', townshipId: 't1', admin: false, password: 'long enough' })).rejects.toBeInstanceOf(AccountExists);
		await expect(accounts.createUser({ id: 'u3', username: 'li', name: '李', townshipId: 't1', admin: false, password: '1234' })).rejects.toBeInstanceOf(WeakPassword);
		await expect(accounts.createUser({ id: 'u4', username: 'zhao', name: '赵', townshipId: 't1', admin: false, password: '88888888' })).rejects.toMatchObject({ problem: 'common' });
		await expect(accounts.resetPassword(user.id, 'qq123456')).rejects.toMatchObject({ problem: 'common' });
		await expect(accounts.resetPassword(user.id, 'xxxxxxxxxx')).rejects.toMatchObject({ problem: 'repeated' });
		expect((await accounts.login('wangganbu', 'correct horse', '10.0.0.1', 'd')).ok).toBe(true);
	});

	it('throttles guesses per account and address: a burst from one address does not lock the owner out elsewhere', async () => {
		const { accounts } = await service();
		const t0 = 1_800_000_000_000;
		const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => accounts.login('wangganbu', `guess${i}`, '10.6.6.6', 'd', t0)));
		expect(burst.filter((r) => !r.ok && r.code === 'badCredentials')).toHaveLength(5);
		expect(burst.filter((r) => !r.ok && r.code === 'tooManyAttempts')).toHaveLength(35);
		// The attacker's address stays held; the owner at another address signs in at once.
		expect(await accounts.login('wangganbu', 'correct horse', '10.6.6.6', 'd', t0 + 1)).toMatchObject({ ok: false, code: 'tooManyAttempts' });
		expect((await accounts.login('wangganbu', 'correct horse', '10.1.1.1', 'd', t0 + 1)).ok).toBe(true);
	});

	it('counts the current password of a change as a guess, on the same counts as sign-in', async () => {
		const { accounts, user } = await service();
		const t0 = 1_800_000_000_000;
		const login = await accounts.login('wangganbu', 'correct horse', '10.0.0.2', 'd', t0);
		if (!login.ok) throw new Error('sign-in failed');
		for (let i = 0; i < 3; i++) expect((await accounts.login('wangganbu', `guess${i}`, '10.0.0.3', 'd', t0)).ok).toBe(false);
		const burst = await Promise.all(Array.from({ length: 10 }, (_, i) => accounts.changePassword(user, login.session, `guess-${i}`, 'a fine new one', '10.0.0.3', t0)));
		expect(burst.filter((r) => !r.ok && r.code === 'badCredentials')).toHaveLength(2);
		expect(burst.filter((r) => !r.ok && r.code === 'tooManyAttempts')).toHaveLength(8);
		// Even the right current password waits there; from the owner's own address it goes through.
		expect(await accounts.changePassword(user, login.session, 'correct horse', 'a fine new one', '10.0.0.3', t0 + 1)).toMatchObject({ ok: false, code: 'tooManyAttempts' });
		expect(await accounts.changePassword(user, login.session, 'correct horse', 'a fine new one', '10.0.0.2', t0 + 1)).toEqual({ ok: true });
	});
});

describe('sync tokens', () => {
	it('open only their scope, only while valid, only while the session lasts', async () => {
		const { accounts } = await service();
		const login = await accounts.login('wangganbu', 'correct horse', '1.1.1.1', 'phone');
		if (!login.ok) throw new Error('sign-in failed');
		const now = Date.now();
		const { token } = accounts.issueSyncToken(login.user, login.session, { kind: 'village', dossierId: 'villageA01' }, now);
		expect(await accounts.principalForSync(token, { kind: 'dossier', dossierId: 'villageA01' }, now)).toMatchObject({ userId: 'u-wang', device: 'phone' });
		expect(await accounts.principalForSync(token, { kind: 'review', dossierId: 'villageA01' }, now)).not.toBeNull();
		// Village A's token does not open village B, nor the organisation.
		expect(await accounts.principalForSync(token, { kind: 'dossier', dossierId: 'villageB01' }, now)).toBeNull();
		expect(await accounts.principalForSync(token, { kind: 'organisation', townshipId: 't1' }, now)).toBeNull();
		// Expired, tampered, or its session ended: refused.
		expect(await accounts.principalForSync(token, { kind: 'dossier', dossierId: 'villageA01' }, now + 601_000)).toBeNull();
		const [body, mac] = token.split('.') as [string, string];
		const tampered = Buffer.from(Buffer.from(body, 'base64url').toString().replace('villageA01', 'villageB01')).toString('base64url') + '.' + mac;
		expect(await accounts.principalForSync(tampered, { kind: 'dossier', dossierId: 'villageB01' }, now)).toBeNull();
		expect(new TokenSigner(Buffer.alloc(32, 8)).verify(token, now)).toBeNull();
		await accounts.logout(login.session);
		expect(await accounts.principalForSync(token, { kind: 'dossier', dossierId: 'villageA01' }, now)).toBeNull();
	});

	it('scopes: a village covers its dossier and review, an organisation its township', () => {
		expect(scopeCovers('village:v1234567', { kind: 'review', dossierId: 'v1234567' })).toBe(true);
		expect(scopeCovers('village:v1234567', { kind: 'organisation', townshipId: 'v1234567' })).toBe(false);
		expect(scopeCovers('org:t1234567', { kind: 'organisation', townshipId: 't1234567' })).toBe(true);
	});
});

describe('throttle', () => {
	it('holds an address that tries many accounts, and an account tried from many addresses', () => {
		const guesses = new GuessThrottle();
		const t0 = 1_800_000_000_000;
		// Spraying: 20 accounts once each from one address, then that address waits, for any account.
		for (let i = 0; i < 20; i++) expect(guesses.reserve(`user${i}`, '10.9.9.9', t0).ok).toBe(true);
		expect(guesses.reserve('wang', '10.9.9.9', t0)).toEqual({ ok: false, retryAfterMs: 30_000 });
		// Many addresses at one account: past 50 failures everyone waits, but seconds, at most a minute.
		for (let i = 0; i < 50; i++) expect(guesses.reserve('wang', `10.1.${i}.1`, t0).ok).toBe(true);
		expect(guesses.reserve('wang', '10.2.2.2', t0)).toEqual({ ok: false, retryAfterMs: 1_000 });
		for (let i = 0; i < 10; i++) guesses.reserve('wang', `10.3.${i}.1`, t0 + 60_000 * (i + 1));
		expect(guesses.reserve('wang', '10.2.2.2', t0 + 600_000)).toEqual({ ok: false, retryAfterMs: 60_000 });
		// A success takes its own count back: the owner's sign-in costs the account nothing.
		const owner = guesses.reserve('li', '10.4.4.4', t0);
		if (!owner.ok) throw new Error('refused');
		owner.succeeded();
		for (let i = 0; i < 5; i++) expect(guesses.reserve('li', '10.4.4.4', t0).ok).toBe(true);
		expect(guesses.reserve('li', '10.4.4.4', t0).ok).toBe(false);
	});

	it('doubles the wait after the free tries, up to a cap, and forgets after the window', () => {
		const t = new Throttle({ free: 2, windowMs: 1000, baseDelayMs: 100, maxDelayMs: 300, maxEntries: 2 });
		t.fail('a', 0);
		t.fail('a', 0);
		expect(t.wait('a', 0)).toBe(100);
		t.fail('a', 0);
		expect(t.wait('a', 0)).toBe(200);
		t.fail('a', 0);
		expect(t.wait('a', 0)).toBe(300);
		expect(t.wait('a', 2000)).toBe(0);
		t.fail('b', 0);
		t.fail('c', 0);
		t.fail('d', 0);
		expect(t.wait('b', 0)).toBe(0);
	});
});
