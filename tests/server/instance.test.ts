/**
 * The server as an instance on a data folder, and its password endpoints under attack, with the
 * real server process and stock clients: one server per DATA_DIR (a second refuses to start, the
 * lock dies with the process), a damaged store said to be damaged, and password guesses
 * throttled per account and address so that one address's burst locks nobody else out.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DossierDoc } from '../../src/lib/dossier/dossierDoc';
import { runAdmin } from '../support/township';
import { connect, startServer, synced, type Client, type ServerProcess, type TestUser } from './harness';

const cadre = { name: '测试员' };
const clients: Client[] = [];
const servers: ServerProcess[] = [];
const folders: string[] = [];

async function start(opts: Parameters<typeof startServer>[0] = {}): Promise<ServerProcess> {
	const server = await startServer(opts);
	servers.push(server);
	if (!opts.dataDir) folders.push(server.dataDir);
	return server;
}
async function open(server: ServerProcess, room: string): Promise<Client> {
	const c = await connect(server, room);
	clients.push(c);
	await synced(c);
	return c;
}
afterEach(async () => {
	for (const c of clients.splice(0)) c.destroy();
	for (const s of servers.splice(0)) await s.kill('SIGKILL');
	for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The JSON log lines a server wrote, parsed. */
function logOf(server: ServerProcess): { level: string; message: string; [field: string]: unknown }[] {
	return server.logs.flatMap((line) => {
		try {
			return [JSON.parse(line) as { level: string; message: string }];
		} catch {
			return [];
		}
	});
}

describe('one server per data folder', () => {
	it('a second server on the same DATA_DIR refuses to start, naming it; the first serves on; after kill -9 a new one starts', async () => {
		const first = await start();
		const a = await open(first, 'lockvill01');
		const households = new DossierDoc(a.doc);
		const before = households.createHousehold({ head: '张三', type: 'ordinary' }, cadre);
		await a.durable.whenDurable();

		const refused = await startServer({ dataDir: first.dataDir }).then(
			() => 'started',
			(error: unknown) => String(error)
		);
		expect(refused).toMatch(/server exited with 1/);
		expect(refused).toContain(`another Dangka server is already using DATA_DIR ${first.dataDir}`);
		expect(refused).toContain('several nodes need the scale-out mode');

		// The first goes on serving: an edit made now reaches a newcomer.
		const after = households.createHousehold({ head: '李四', type: 'ordinary' }, cadre);
		await a.durable.whenDurable();
		const b = await open(first, 'lockvill01');
		expect(new DossierDoc(b.doc).listHouseholds().map((h) => h.id).sort()).toEqual([before, after].sort());

		// The admin command line still works on the running server's folder.
		const temp = await first.createUser({ name: '临时' });
		await runAdmin(first.dataDir, ['reset-password', '--username', temp.username, '--password', 'reset-by-cli-1']);
		expect((await first.api(null, '/api/login', { body: { username: temp.username, password: 'reset-by-cli-1', device: 'device-cli1' } })).status).toBe(200);

		// kill -9 leaves no stale lock: the operating system let go of it with the process.
		await first.kill('SIGKILL');
		const next = await start({ dataDir: first.dataDir });
		const c = await open(next, 'lockvill01');
		expect(new DossierDoc(c.doc).listHouseholds()).toHaveLength(2);
	});

	it('a server whose write-ahead log is damaged says what it could not read, keeps a copy, and serves the rest', async () => {
		const first = await start();
		const a = await open(first, 'walvill001');
		const d = new DossierDoc(a.doc);
		const N = 8;
		// Each edit waits for the server's acknowledgement: one commit each.
		for (let i = 0; i < N; i++) {
			d.createHousehold({ head: `户${i}`, type: 'ordinary' }, cadre);
			await a.durable.whenDurable();
		}
		await first.kill('SIGKILL');

		// Damage the first frame of the third-last transaction, as a failing disk might.
		const walFile = join(first.dataDir, 'dangka.sqlite-wal');
		const wal = readFileSync(walFile);
		const commits = commitFrames(wal);
		expect(commits.length).toBeGreaterThan(N);
		const pageSize = wal.readUInt32BE(8);
		const bad = commits.at(-4)! + 1;
		wal[32 + bad * (24 + pageSize) + 24 + 50]! ^= 0xff;
		writeFileSync(walFile, wal);

		const next = await start({ dataDir: first.dataDir });
		const damage = logOf(next).find((l) => l.level === 'error' && l.message.startsWith('store damaged'));
		expect(damage?.message).toBe('store damaged: the write-ahead log cannot be read past a damaged frame; the transactions from there on are missing');
		expect(damage).toMatchObject({
			wal: walFile,
			reason: 'damaged',
			readable: { frames: bad, transactions: commits.length - 3 },
			unreadable: { fromByte: 32 + bad * (24 + pageSize), transactions: 3 }
		});
		// The log as it was is kept aside (SQLite will overwrite the original).
		const copy = damage!.copy as string;
		expect(readdirSync(first.dataDir)).toContain(copy.split('/').at(-1));
		expect(readFileSync(copy).equals(wal)).toBe(true);

		// What could be read is served: the households up to the damage.
		expect((await next.api(null, '/api/health')).status).toBe(200);
		const b = await open(next, 'walvill001');
		expect(new DossierDoc(b.doc).listHouseholds()).toHaveLength(N - 3);
	});
});

/** The frame indices of a WAL's commit frames (this log's, by its salts). */
function commitFrames(wal: Buffer): number[] {
	const pageSize = wal.readUInt32BE(8);
	const found: number[] = [];
	for (let i = 0, at = 32; at + 24 + pageSize <= wal.length; i++, at += 24 + pageSize) {
		const own = wal.readUInt32BE(at + 8) === wal.readUInt32BE(16) && wal.readUInt32BE(at + 12) === wal.readUInt32BE(20);
		if (own && wal.readUInt32BE(at + 4) !== 0) found.push(i);
	}
	return found;
}

describe('password guesses', () => {
	const from = (address: string) => ({ 'x-forwarded-for': address });
	const login = (server: ServerProcess, username: string, password: string, address: string) =>
		server.api(null, '/api/login', { body: { username, password, device: 'device-guess1' }, headers: from(address) });

	it('40 parallel guesses at the current password: 5 are checked, 35 refused unchecked; the owner elsewhere and colleagues get in', async () => {
		// Behind a proxy, as deployed: the address is the one in X-Forwarded-For.
		const server = await start({ env: { TRUST_PROXY: '1' } });
		const owner = await server.createUser({ name: '王干部' });
		const colleague = await server.createUser({ name: '赵干部' });
		// A session left open on a shared phone, in the wrong hands at 10.6.6.6.
		const stolen: TestUser = owner;
		const guesses = await Promise.all(
			Array.from({ length: 40 }, (_, i) =>
				server.api(stolen, '/api/password', { body: { current: `guess-${i}`, next: 'taken-over-1' }, headers: from('10.6.6.6') })
			)
		);
		const statuses = guesses.map((r) => r.status);
		expect(statuses.filter((s) => s === 403)).toHaveLength(5);
		expect(statuses.filter((s) => s === 429)).toHaveLength(35);
		for (const r of guesses.filter((g) => g.status === 429)) {
			expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
			expect(((await r.json()) as { error: { code: string } }).error.code).toBe('tooManyAttempts');
		}
		// Even the right password waits, from there.
		expect((await server.api(stolen, '/api/password', { body: { current: owner.password, next: 'taken-over-1' }, headers: from('10.6.6.6') })).status).toBe(429);

		// A colleague behind the same address is not locked out by one account's burst.
		expect((await login(server, colleague.username, colleague.password, '10.6.6.6')).status).toBe(200);
		// The owner, elsewhere, signs in and changes the password; the stolen session ends.
		const res = await login(server, owner.username, owner.password, '10.1.1.1');
		expect(res.status).toBe(200);
		const ownSession = { ...owner, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]! };
		expect((await server.api(ownSession, '/api/password', { body: { current: owner.password, next: 'my-own-again-1' }, headers: from('10.1.1.1') })).status).toBe(204);
		expect((await server.api(stolen, '/api/me')).status).toBe(401);

		// Sign-in the same way: a burst at the colleague's account from 10.7.7.7 holds that address only.
		const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => login(server, colleague.username, `guess-${i}`, '10.7.7.7')));
		expect(burst.filter((r) => r.status === 401)).toHaveLength(5);
		expect(burst.filter((r) => r.status === 429)).toHaveLength(35);
		expect((await login(server, colleague.username, colleague.password, '10.7.7.7')).status).toBe(429);
		expect((await login(server, colleague.username, colleague.password, '10.2.2.2')).status).toBe(200);
	});

	it('refuses the commonest passwords and one character repeated, everywhere a password is set', async () => {
		const server = await start();
		const cadreX = await server.createUser({ name: '孙干部' });
		const weak = async (res: Response) => ({ status: res.status, ...((await res.json()) as { error: { code: string; fields?: { reason?: string } } }).error });
		expect(await weak(await server.api(cadreX, '/api/password', { body: { current: cadreX.password, next: '88888888' } }))).toMatchObject({
			status: 400,
			code: 'weakPassword',
			fields: { reason: 'common' }
		});
		expect(await weak(await server.api(cadreX, '/api/password', { body: { current: cadreX.password, next: 'aaaaaaaaaa' } }))).toMatchObject({ fields: { reason: 'repeated' } });
		// A weak new password costs no guess: the right current password still goes through at once.
		expect((await server.api(cadreX, '/api/password', { body: { current: cadreX.password, next: 'sun-ganbu-2024' } })).status).toBe(204);

		// An administrator's reset leaves the account as it was when the password is weak.
		const reset = await server.api(server.admin, `/api/accounts/${cadreX.id}`, { method: 'PATCH', body: { name: '孙二', password: 'woaini1314' } });
		expect(await weak(reset)).toMatchObject({ status: 400, code: 'weakPassword', fields: { reason: 'common' } });
		const accounts = (await (await server.api(server.admin, '/api/accounts')).json()) as { accounts: { id: string; name: string }[] };
		expect(accounts.accounts.find((x) => x.id === cadreX.id)?.name).toBe('孙干部');
		// A new account, and the command line.
		const opened = await server.api(server.admin, '/api/accounts', { body: { id: 'person-weak1', username: 'weak-one', name: '周', password: 'qq123456' } });
		expect(await weak(opened)).toMatchObject({ status: 400, code: 'weakPassword' });
		await expect(runAdmin(server.dataDir, ['reset-password', '--username', cadreX.username, '--password', '12345678'])).rejects.toThrow(/commonest/);
	});
});
