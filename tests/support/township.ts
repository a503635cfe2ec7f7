/**
 * A township as its administrator sets it up, for tests: accounts through the HTTP API, the
 * organisation through a stock y-websocket client with the administrator's sync token, the first
 * administrator through the admin command line, as on a real deployment. Used by the server
 * integration tests and the browser tests alike.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { DurableStateTracker } from '../../src/lib/sync/durableState';
import { parseRoom } from '../../src/lib/sync/protocol';
import { OrganisationDoc } from '../../src/lib/organisation/organisationDoc';
import { newId } from '../../src/lib/dossier/ids';

const ROOT = resolve(import.meta.dirname, '../..');

export interface TestUser {
	id: string;
	name: string;
	username: string;
	password: string;
	/** The session cookie, as a Cookie header value. */
	cookie: string;
	device: string;
}

export interface Client {
	doc: Y.Doc;
	provider: WebsocketProvider;
	durable: DurableStateTracker;
	destroy(): void;
}

export function until(predicate: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
	return new Promise((resolvePromise, reject) => {
		const started = Date.now();
		const tick = () => {
			if (predicate()) return resolvePromise();
			if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
			setTimeout(tick, 10);
		};
		tick();
	});
}

/** A stock y-websocket client on a room with a sync token (or none, to see it refused). */
export function stockClient(wsUrl: string, room: string, token: string | null, opts: { doc?: Y.Doc; connect?: boolean } = {}): Client {
	const doc = opts.doc ?? new Y.Doc();
	const provider = new WebsocketProvider(wsUrl, room, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		params: token ? { token } : {},
		connect: opts.connect ?? true,
		maxBackoffTime: 500
	});
	const durable = new DurableStateTracker(provider, doc);
	return {
		doc,
		provider,
		durable,
		destroy() {
			durable.destroy();
			provider.destroy();
			doc.destroy();
		}
	};
}

/** Runs the admin command line (of this checkout, or another's) on a data folder; resolves with what it printed (JSON). */
export function runAdmin(dataDir: string, args: string[], checkout: string = ROOT): Promise<string> {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(process.execPath, [join(checkout, 'dist/server/admin.js'), ...args], {
			cwd: checkout,
			env: { ...process.env, DATA_DIR: dataDir },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let out = '';
		let err = '';
		child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
		child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
		child.once('exit', (code) => (code === 0 ? resolvePromise(out) : reject(new Error(`admin ${args[0]} failed: ${err}`))));
	});
}

export class Township {
	private orgClient: Client | null = null;

	private constructor(
		readonly url: string,
		readonly townshipId: string,
		readonly admin: TestUser
	) {}

	get wsUrl(): string {
		return this.url.replace(/^http/, 'ws') + '/sync';
	}

	/**
	 * A new township with its first administrator, made with the admin command line on the
	 * server's data folder (the server may be running), then signed in.
	 */
	static async create(url: string, dataDir: string, name: string): Promise<Township> {
		const username = `admin-${newId(8)}`;
		const password = 'admin-password-1';
		const made = JSON.parse(await runAdmin(dataDir, ['create-admin', '--township', name, '--username', username, '--name', '管理员', '--password', password])) as {
			townshipId: string;
		};
		return Township.open(url, made.townshipId, username, password);
	}

	/** A township that exists, by its administrator's credentials. */
	static async open(url: string, townshipId: string, username: string, password: string): Promise<Township> {
		return new Township(url, townshipId, await signIn(url, username, password, '管理员'));
	}

	api(user: TestUser | null, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
		return api(this.url, user, path, init);
	}

	signIn(username: string, password: string, name = username): Promise<TestUser> {
		return signIn(this.url, username, password, name);
	}

	/** A sync token for a room, as a user. */
	async token(user: TestUser, room: string): Promise<string> {
		const ref = parseRoom(room);
		if (!ref) throw new Error(`bad room ${room}`);
		const scope = ref.kind === 'organisation' ? { kind: 'organisation' } : { kind: 'village', dossierId: ref.dossierId };
		const res = await this.api(user, '/api/sync-token', { body: { scope } });
		if (res.status !== 200) throw new Error(`token for ${room}: HTTP ${res.status} ${await res.text()}`);
		return ((await res.json()) as { token: string }).token;
	}

	/** Edits the organisation as its administrator; resolves once the server has it on disk. */
	async editOrganisation(edit: (org: OrganisationDoc) => void): Promise<void> {
		const room = `org/${this.townshipId}`;
		if (!this.orgClient) {
			this.orgClient = stockClient(this.wsUrl, room, await this.token(this.admin, room));
			await until(() => this.orgClient!.provider.synced, 10_000, 'organisation synced');
		}
		edit(new OrganisationDoc(this.orgClient.doc));
		await this.orgClient.durable.whenDurable();
	}

	/**
	 * Reads and edits a village's document as one of its people, with a stock Yjs client (the
	 * server checks it as it checks the app); resolves with what `edit` returns once the server
	 * has the change on disk.
	 */
	async edit<T>(user: TestUser, room: string, edit: (doc: Y.Doc) => T): Promise<T> {
		const client = stockClient(this.wsUrl, room, await this.token(user, room));
		try {
			await until(() => client.provider.synced, 10_000, `${room} synced`);
			const result = edit(client.doc);
			await client.durable.whenDurable();
			return result;
		} finally {
			client.destroy();
		}
	}

	async createGroup(name: string): Promise<string> {
		const id = newId();
		await this.editOrganisation((org) => org.saveGroup({ id, name, createdAt: new Date().toISOString(), dissolvedAt: null }));
		return id;
	}

	/** A person of the township with an account, signed in: in a group, or a reviewer. */
	async createUser(opts: { name: string; groupId?: string | null; reviewer?: boolean; username?: string; password?: string }): Promise<TestUser> {
		const id = newId();
		const username = opts.username ?? `u-${id}`;
		const password = opts.password ?? `password-${id}`;
		await this.editOrganisation((org) => org.savePerson({ id, name: opts.name, phone: '', groupId: opts.groupId ?? null, reviewer: opts.reviewer ?? false, leftAt: null }));
		const res = await this.api(this.admin, '/api/accounts', { body: { id, username, name: opts.name, password } });
		if (res.status !== 201) throw new Error(`account for ${opts.name}: HTTP ${res.status} ${await res.text()}`);
		return this.signIn(username, password, opts.name);
	}

	/** Registers a dossier in the township and makes it one of its villages, kept by a group. */
	async addVillage(dossierId: string, groupId: string | null, name = `村${dossierId.slice(0, 6)}`): Promise<void> {
		const res = await this.api(this.admin, `/api/dossiers/${dossierId}`, {
			method: 'PUT',
			body: { id: dossierId, township: '测试镇', village: name, createdAt: new Date().toISOString(), createdBy: '管理员' }
		});
		if (res.status !== 200 && res.status !== 201) throw new Error(`registering ${dossierId}: HTTP ${res.status} ${await res.text()}`);
		await this.editOrganisation((org) => {
			const village = org.village(dossierId);
			if (village?.groupId !== groupId) org.saveVillage({ dossierId, name: village?.name ?? name, groupId });
		});
	}

	close(): void {
		this.orgClient?.destroy();
		this.orgClient = null;
	}
}

function api(url: string, user: TestUser | null, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
	return fetch(url + path, {
		method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
		headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...(user ? { cookie: user.cookie } : {}), ...init.headers },
		body: init.body === undefined ? undefined : JSON.stringify(init.body)
	});
}

async function signIn(url: string, username: string, password: string, name: string): Promise<TestUser> {
	const device = newId();
	const res = await api(url, null, '/api/login', { body: { username, password, device } });
	if (res.status !== 200) throw new Error(`sign-in as ${username}: HTTP ${res.status} ${await res.text()}`);
	const account = (await res.json()) as { id: string };
	const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
	return { id: account.id, name, username, password, cookie, device };
}
