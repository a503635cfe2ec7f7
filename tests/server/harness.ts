/**
 * Starts the real server (the built dist/server/index.js) as a child process on a free port with
 * its own data directory, with a township and accounts set up as a deployment would, and connects
 * stock y-websocket clients to it, signed in.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type * as Y from 'yjs';
import WebSocket from 'ws';
import { parseRoom } from '../../src/lib/sync/protocol';
import { Township, runAdmin, stockClient, until, type Client, type TestUser } from '../support/township';

export { until };
export type { Client, TestUser };

const ROOT = resolve(import.meta.dirname, '../..');

export interface ServerProcess {
	url: string;
	wsUrl: string;
	port: number;
	dataDir: string;
	child: ChildProcess;
	logs: string[];
	exited: Promise<number | null>;
	/** The township made for the tests, its first administrator, and the group that keeps every test village. */
	township: Township;
	townshipId: string;
	groupId: string;
	admin: TestUser;
	kill(signal?: NodeJS.Signals): Promise<void>;
	/** Stops the process and removes its data directory. */
	dispose(): Promise<void>;
	/** Calls the HTTP API as a user (or as nobody). */
	api: Township['api'];
	/** A person of the township with an account: in a group (default: the test group), or a reviewer. */
	createUser(opts: { name: string; groupId?: string | null; reviewer?: boolean }): Promise<TestUser>;
	signIn(username: string, password: string): Promise<TestUser>;
	/** A sync token for a room, as a user. */
	token(user: TestUser, room: string): Promise<string>;
	/** The township's organisation, as its administrator edits it (changes are on disk when it resolves). */
	editOrganisation: Township['editOrganisation'];
	/** Makes a dossier id one of the township's villages (kept by the test group unless said otherwise). */
	addVillage(dossierId: string, groupId?: string | null): Promise<void>;
}

interface Setup {
	townshipId: string;
	groupId: string;
	admin: { username: string; password: string };
}

/**
 * Starts the real server on a free port with its own data directory. A new data directory gets a
 * township and its first administrator through the admin command line, as a deployment would;
 * a restarted one reads them back from the directory.
 */
export async function startServer(opts: { env?: Record<string, string>; dataDir?: string; port?: number } = {}): Promise<ServerProcess> {
	const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'dangka-test-'));
	const setupFile = join(dataDir, 'test-setup.json');
	let setup: Setup | null = existsSync(setupFile) ? (JSON.parse(readFileSync(setupFile, 'utf8')) as Setup) : null;
	let fresh = false;
	if (!setup) {
		const password = 'admin-password-1';
		const made = JSON.parse(await runAdmin(dataDir, ['create-admin', '--township', '测试镇', '--username', 'admin', '--name', '管理员', '--password', password])) as {
			townshipId: string;
		};
		setup = { townshipId: made.townshipId, groupId: 'group-test', admin: { username: 'admin', password } };
		fresh = true;
	}
	const known = setup;
	const child = spawn(process.execPath, [join(ROOT, 'dist/server/index.js')], {
		cwd: ROOT,
		env: {
			...process.env,
			PORT: String(opts.port ?? 0),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			STATIC_DIR: join(dataDir, 'no-static'),
			LOG_LEVEL: 'info',
			...opts.env
		},
		stdio: ['ignore', 'ignore', 'pipe']
	});
	const logs: string[] = [];
	const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
	const url = await new Promise<string>((resolvePromise, reject) => {
		let buffer = '';
		const timer = setTimeout(() => reject(new Error('server did not start:\n' + logs.join('\n'))), 15_000);
		child.stderr!.setEncoding('utf8');
		child.stderr!.on('data', (chunk: string) => {
			buffer += chunk;
			let nl;
			while ((nl = buffer.indexOf('\n')) >= 0) {
				const line = buffer.slice(0, nl);
				buffer = buffer.slice(nl + 1);
				logs.push(line);
				try {
					const entry = JSON.parse(line) as { message?: string; url?: string };
					if (entry.message === 'dangka server listening' && entry.url) {
						clearTimeout(timer);
						resolvePromise(entry.url);
					}
				} catch {
					// not a log line
				}
			}
		});
		void exited.then((code) => {
			clearTimeout(timer);
			reject(new Error(`server exited with ${code}:\n${logs.join('\n')}`));
		});
	});
	const township = await Township.open(url, known.townshipId, known.admin.username, known.admin.password);
	if (fresh) {
		// The test group keeps every test village; the administrator is in it, so the default
		// client (the administrator) may write test villages.
		await township.editOrganisation((org) => {
			org.saveGroup({ id: known.groupId, name: '测试组', createdAt: new Date().toISOString(), dissolvedAt: null });
			org.savePerson({ id: township.admin.id, name: '管理员', phone: '', groupId: known.groupId, reviewer: false, leftAt: null });
		});
		writeFileSync(setupFile, JSON.stringify(known));
	}
	const server: ServerProcess = {
		url,
		wsUrl: township.wsUrl,
		port: Number(new URL(url).port),
		dataDir,
		child,
		logs,
		exited,
		township,
		townshipId: known.townshipId,
		groupId: known.groupId,
		admin: township.admin,
		api: (user, path, init) => township.api(user, path, init),
		signIn: (username, password) => township.signIn(username, password),
		token: (user, room) => township.token(user, room),
		editOrganisation: (edit) => township.editOrganisation(edit),
		createUser: ({ name, groupId = known.groupId, reviewer = false }) => township.createUser({ name, groupId, reviewer }),
		addVillage: (dossierId, groupId = known.groupId) => township.addVillage(dossierId, groupId),
		async kill(signal = 'SIGTERM') {
			township.close();
			if (child.exitCode === null && child.signalCode === null) child.kill(signal);
			await exited;
		},
		async dispose() {
			await server.kill('SIGKILL');
			if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
		}
	};
	return server;
}

/**
 * A stock y-websocket client on a room, signed in as `as` (the administrator by default, who
 * keeps every test village). A dossier room becomes one of the township's villages first.
 */
export async function connect(server: ServerProcess, room: string, opts: { as?: TestUser; doc?: Y.Doc; connect?: boolean; token?: string | null } = {}): Promise<Client> {
	const ref = parseRoom(room);
	if (ref && ref.kind !== 'organisation') await server.addVillage(ref.dossierId);
	const token = opts.token !== undefined ? opts.token : await server.token(opts.as ?? server.admin, room);
	return stockClient(server.wsUrl, room, token, opts);
}

export function synced(client: Client): Promise<void> {
	return until(() => client.provider.synced, 10_000, 'initial sync');
}

/**
 * Opens a raw websocket (no Yjs) to send hand-made frames: signed in as the administrator unless
 * a query (with or without a token) is given; a room that is not one is asked for as it is.
 */
export async function rawSocket(server: ServerProcess, room: string, query?: string): Promise<WebSocket> {
	if (query === undefined) {
		const ref = parseRoom(room);
		if (ref && ref.kind !== 'organisation') await server.addVillage(ref.dossierId);
		query = ref ? `?token=${encodeURIComponent(await server.token(server.admin, room))}` : '';
	}
	return new Promise((resolvePromise, reject) => {
		const ws = new WebSocket(`${server.wsUrl}/${room}${query}`);
		ws.binaryType = 'nodebuffer';
		ws.once('open', () => resolvePromise(ws));
		ws.once('error', reject);
		ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
	});
}

export function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
	return new Promise((r) => ws.once('close', (code, reason) => r({ code, reason: reason.toString() })));
}
