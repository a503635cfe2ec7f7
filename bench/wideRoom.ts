/**
 * A room whose state vector holds 10,000 client ids (a village after a year of campaigns: every
 * tab that ever wrote keeps its id in the state vector for good). Measures what one keystroke
 * costs there: the bytes of the durable-state message the writing client gets back, the server's
 * CPU time per synced keystroke, and the time from the keystroke to its durable acknowledgement;
 * beside a small room with the same content written under one client id.
 *
 * Each server is measured with its own app's protocol: message type 100 (the whole state vector
 * after every commit) on the commit before the fix, 101 (the whole vector once, then only the
 * entries that moved) on this checkout, and 100 on this checkout too, for old app versions.
 * The commit before the fix runs from a built checkout named by BENCH_BEFORE_DIR (see below);
 * without it, that column is skipped.
 *
 * The room is prepared on disk, not through the server (which bounds new client ids per person):
 * the data folder is set up through each version's own admin command line and HTTP API (a
 * township, its administrator in the group that keeps the villages), the server is stopped, the
 * dossier's snapshot and its client ids' owners are written into its SQLite file, and the server
 * is started again on that folder.
 *
 *   git worktree add /tmp/dangka-before 69331ea && ln -s "$PWD/node_modules" /tmp/dangka-before/
 *   (cd /tmp/dangka-before && node scripts/build-server.mjs)
 *   BENCH_BEFORE_DIR=/tmp/dangka-before BENCH_ONLY=wide npm run bench
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import type * as decoding from 'lib0/decoding';
import { Township, runAdmin } from '../tests/support/township';
import { DossierDoc } from '../src/lib/dossier/dossierDoc';
import { CARD_FORM } from '../src/lib/dossier/layout';
import { OrganisationDoc } from '../src/lib/organisation/organisationDoc';
import {
	MESSAGE_DURABLE_DELTA,
	MESSAGE_DURABLE_STATE,
	covers,
	encodeDurableDeltaRequest,
	encodeDurableStateRequest,
	isSyncUpdateFrame,
	readDurableDelta,
	readDurableState
} from '../src/lib/sync/protocol';
import { cpuSeconds } from './syncBench';

const ROOT = resolve(import.meta.dirname, '../..');
const PASSWORD = 'wide-room-bench-1';
const GROUP_ID = 'group-wide-bench';
/** Households in each benchmark dossier; the other client ids each write one answer into them. */
const HOUSEHOLDS = 200;
/** better-sqlite3 objects are never let go (see sqliteStore.ts: Node 24 aborts on their GC). */
const RETAINED: unknown[] = [];

export type DurableProtocol = typeof MESSAGE_DURABLE_STATE | typeof MESSAGE_DURABLE_DELTA;

export interface WideRow {
	server: string;
	protocol: DurableProtocol;
	room: 'wide' | 'small';
	/** Client ids in the room's state vector, and its encoded size, as the writer ends. */
	clientIds: number;
	stateVectorBytes: number;
	/** The durable-state message the writer got when it subscribed. */
	firstMessageBytes: number;
	/** Median size of the durable-state messages the writer got during the keystrokes. */
	writerMessageBytes: number;
	/** All durable-state bytes the writer got, per keystroke. */
	writerBytesPerKeystroke: number;
	/** The same for the second (reading) client. */
	readerMessageBytes: number;
	serverCpuUsPerKeystroke: number;
	p50: number;
	p99: number;
	keystrokes: number;
}

// ---------------------------------------------------------------- servers

interface Running {
	child: ChildProcess;
	url: string;
	wsUrl: string;
	stop(): Promise<void>;
}

/** Starts `<checkout>/dist/server/index.js` on a free port; resolves once it listens. */
async function startDangka(checkout: string, dataDir: string): Promise<Running> {
	// BENCH_SERVER_NODE_ARGS: extra node flags for the servers (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof).
	const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
	const child = spawn(process.execPath, [...nodeArgs, join(checkout, 'dist/server/index.js')], {
		cwd: checkout,
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, STATIC_DIR: join(dataDir, 'no-static'), LOG_LEVEL: 'info' },
		stdio: ['ignore', 'ignore', 'pipe']
	});
	const logs: string[] = [];
	const exited = new Promise<void>((r) => child.once('exit', () => r()));
	const url = await new Promise<string>((resolveUrl, reject) => {
		let buffer = '';
		const timer = setTimeout(() => reject(new Error('server did not start:\n' + logs.join('\n'))), 20_000);
		child.stderr!.setEncoding('utf8');
		child.stderr!.on('data', (chunk: string) => {
			buffer += chunk;
			let nl;
			while ((nl = buffer.indexOf('\n')) >= 0) {
				const line = buffer.slice(0, nl);
				buffer = buffer.slice(nl + 1);
				logs.push(line);
				if (logs.length > 200) logs.shift();
				try {
					const entry = JSON.parse(line) as { message?: string; url?: string; level?: string };
					if (entry.message === 'dangka server listening' && entry.url) {
						clearTimeout(timer);
						resolveUrl(entry.url);
					} else if ((entry.level === 'warn' || entry.level === 'error') && !entry.message?.startsWith('no built app')) {
						console.error(`  server: ${line}`);
					}
				} catch {
					// not a log line
				}
			}
		});
		void exited.then(() => {
			clearTimeout(timer);
			reject(new Error('server exited:\n' + logs.join('\n')));
		});
	});
	return {
		child,
		url,
		wsUrl: url.replace(/^http/, 'ws') + '/sync',
		async stop() {
			if (child.exitCode === null && child.signalCode === null) {
				child.kill('SIGTERM');
				const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
				await exited;
				clearTimeout(timer);
			}
		}
	};
}


// ---------------------------------------------------------------- clients

/**
 * A stock y-websocket client subscribed to the durable state as the app of each version is:
 * type 100 as DurableStateTracker did at 69331ea (decode the whole vector each time), type 101
 * as it does now (merge the entries that moved). Records the size of every durable-state frame.
 */
class BenchClient {
	readonly doc: Y.Doc;
	readonly provider: WebsocketProvider;
	serverState: Map<number, number> | null = null;
	/** Sizes of the durable-state frames received, and of the first one. */
	sizes: number[] = [];
	firstSize = 0;
	private sent = 0;
	private acknowledged = 0;
	private answeredServer = false;
	private waiters: { resolve: () => void; reject: (error: Error) => void }[] = [];
	/** Set when the connection closed under the benchmark: a measurement cannot go on. */
	private failed: Error | null = null;

	constructor(wsUrl: string, room: string, token: string, readonly protocol: DurableProtocol) {
		this.doc = new Y.Doc();
		this.provider = new WebsocketProvider(wsUrl, room, this.doc, {
			WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
			disableBc: true,
			params: { token },
			maxBackoffTime: 500
		});
		this.provider.messageHandlers[protocol] = (_encoder: unknown, decoder: decoding.Decoder) => {
			if (!this.firstSize) this.firstSize = decoder.arr.byteLength;
			this.sizes.push(decoder.arr.byteLength);
			if (protocol === MESSAGE_DURABLE_STATE) {
				const state = readDurableState(decoder);
				this.acknowledged = state.acknowledged;
				this.serverState = Y.decodeStateVector(state.stateVector);
			} else {
				const delta = readDurableDelta(decoder);
				this.acknowledged = delta.acknowledged;
				if (delta.full || !this.serverState) this.serverState = delta.entries;
				else for (const [client, clock] of delta.entries) if (clock > (this.serverState.get(client) ?? 0)) this.serverState.set(client, clock);
			}
			this.emit();
		};
		this.provider.on('status', ({ status }: { status: string }) => {
			if (status === 'connected') this.attach();
		});
		this.provider.on('connection-close', (event: { code: number; reason: string } | null) => {
			if (!this.provider.shouldConnect && !event) return; // destroyed
			this.fail(new Error(`bench client's connection to ${room} closed: ${event?.code ?? ''} ${event?.reason ?? ''}`));
		});
	}

	private attach(): void {
		this.serverState = null;
		this.sent = 0;
		this.acknowledged = 0;
		this.answeredServer = false;
		const ws = this.provider.ws!;
		const send = ws.send.bind(ws);
		ws.send = (data: Parameters<globalThis.WebSocket['send']>[0]) => {
			if (data instanceof Uint8Array && isSyncUpdateFrame(data)) {
				this.sent++;
				if (data[1] === 1) this.answeredServer = true;
			}
			send(data);
		};
		send(this.protocol === MESSAGE_DURABLE_STATE ? encodeDurableStateRequest() : encodeDurableDeltaRequest());
	}

	/** As DurableStateTracker.serverHasEverything (the same check in both versions). */
	private get serverHasEverything(): boolean {
		return (
			this.provider.wsconnected &&
			this.answeredServer &&
			this.acknowledged >= this.sent &&
			this.serverState !== null &&
			covers(this.serverState, Y.decodeStateVector(Y.encodeStateVector(this.doc)))
		);
	}

	private emit(): void {
		if (!this.waiters.length || !this.serverHasEverything) return;
		for (const w of this.waiters.splice(0)) w.resolve();
	}

	private fail(error: Error): void {
		this.failed ??= error;
		for (const w of this.waiters.splice(0)) w.reject(error);
	}

	whenDurable(): Promise<void> {
		if (this.failed) return Promise.reject(this.failed);
		if (this.serverHasEverything) return Promise.resolve();
		return new Promise((resolveDurable, reject) => this.waiters.push({ resolve: resolveDurable, reject }));
	}

	/** Synced, and the durable state announced. */
	ready(timeoutMs = 30_000): Promise<void> {
		return new Promise((resolveReady, reject) => {
			const started = Date.now();
			const tick = () => {
				if (this.failed) return reject(this.failed);
				if (this.provider.synced && this.serverState) return resolveReady();
				if (Date.now() - started > timeoutMs) return reject(new Error('bench client did not sync'));
				setTimeout(tick, 5);
			};
			tick();
		});
	}

	destroy(): void {
		this.provider.destroy();
		this.doc.destroy();
	}
}

// ---------------------------------------------------------------- the rooms

interface RoomContent {
	update: Uint8Array;
	clients: number[];
	household: string;
}

/**
 * A dossier of HOUSEHOLDS households and `answers` answers, written under `ids` client ids:
 * client i creates household i (i < HOUSEHOLDS) or sets one answer; with one id, the same
 * content written by one tab.
 */
function buildRoom(dossierId: string, ids: number, answers: number): RoomContent {
	const clients = new Set<number>();
	const random = new Uint32Array(1);
	while (clients.size < ids) {
		crypto.getRandomValues(random);
		if (random[0]! > 0) clients.add(random[0]!);
	}
	const order = [...clients];
	const doc = new Y.Doc();
	const dossier = new DossierDoc(doc);
	// Yjs names every item it makes with doc.clientID as it is at that moment.
	doc.clientID = order[0]!;
	dossier.init({ id: dossierId, township: '基准镇', village: '宽村', createdBy: '管理员' });
	const households: string[] = [];
	// One transaction for all of it: each transaction reads the whole state vector when it starts
	// and ends, which over 10,000 writes by 10,000 ids would take most of a minute.
	doc.transact(() => {
		for (let i = 0; i < answers; i++) {
			doc.clientID = order[i % ids]!;
			if (i < HOUSEHOLDS) households.push(dossier.createHousehold({ head: `户主${i}`, type: 'lifted' }, { name: '干部' }));
			else dossier.setAnswer(households[i % HOUSEHOLDS]!, CARD_FORM, `q${Math.floor(i / HOUSEHOLDS)}`, `答案 ${i}`);
		}
	});
	const update = Y.encodeStateAsUpdate(doc);
	const inVector = Y.decodeStateVector(Y.encodeStateVector(doc)).size;
	if (inVector !== ids) throw new Error(`built a state vector of ${inVector} client ids, wanted ${ids}`);
	doc.destroy();
	return { update, clients: order, household: households[0]! };
}

/**
 * Writes a dossier's snapshot and its client ids' owners into a stopped server's SQLite file,
 * in the schema that server made: the snapshot row is what SqliteStore.compact writes (the same
 * table and upsert at both commits); owners are recorded as a former cadre's, first seen a month
 * ago (room_clients has no `at` column before the fix).
 */
function writeRoom(dataDir: string, room: string, content: RoomContent): void {
	const db = new Database(join(dataDir, 'dangka.sqlite'));
	RETAINED.push(db);
	try {
		const upto = db.prepare<[string], { seq: number }>('SELECT COALESCE(MAX(seq), 0) AS seq FROM doc_updates WHERE room = ?');
		const snapshot = db.prepare<[string, Uint8Array, number, number]>(
			`INSERT INTO doc_snapshots (room, data, upto_seq, at) VALUES (?, ?, ?, ?)
			 ON CONFLICT(room) DO UPDATE SET data = excluded.data, upto_seq = excluded.upto_seq, at = excluded.at`
		);
		const columns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('room_clients')");
		RETAINED.push(upto, snapshot, columns);
		const withAt = columns.all().some((c) => c.name === 'at');
		const owner = db.prepare<unknown[]>(
			withAt
				? 'INSERT INTO room_clients (room, client, user, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING'
				: 'INSERT INTO room_clients (room, client, user) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'
		);
		RETAINED.push(owner);
		const monthAgo = Date.now() - 30 * 24 * 3600 * 1000;
		db.transaction(() => {
			snapshot.run(room, content.update, upto.get(room)!.seq, Date.now());
			for (const client of content.clients) owner.run(...(withAt ? [room, client, 'former-cadre', monthAgo] : [room, client, 'former-cadre']));
		})();
	} finally {
		db.close();
	}
}

/** Connects a client to the organisation room, lets `edit` change it, and waits until it is on disk. */
async function editOrganisation(server: Running, township: Township, protocol: DurableProtocol, edit: (org: OrganisationDoc) => void): Promise<void> {
	const client = new BenchClient(server.wsUrl, `org/${township.townshipId}`, await township.token(township.admin, `org/${township.townshipId}`), protocol);
	try {
		await client.ready();
		edit(new OrganisationDoc(client.doc));
		await client.whenDurable();
	} finally {
		client.destroy();
	}
}

/**
 * A data folder for one checkout: a township and its administrator (that checkout's admin
 * command line), the group that keeps the benchmark's dossiers with the administrator in it, the
 * dossiers registered as its villages (that checkout's server), then, the server stopped, the
 * dossiers' contents on disk.
 */
async function prepareDataDir(checkout: string, protocol: DurableProtocol, rooms: Record<string, RoomContent>): Promise<{ dataDir: string; townshipId: string }> {
	const dataDir = mkdtempSync(join(tmpdir(), 'dangka-wide-'));
	const made = JSON.parse(await runAdmin(dataDir, ['create-admin', '--township', '基准镇', '--username', 'wide-admin', '--name', '管理员', '--password', PASSWORD], checkout)) as {
		townshipId: string;
	};
	const server = await startDangka(checkout, dataDir);
	try {
		const township = await Township.open(server.url, made.townshipId, 'wide-admin', PASSWORD);
		for (const id of Object.keys(rooms)) {
			const res = await township.api(township.admin, `/api/dossiers/${id}`, {
				method: 'PUT',
				body: { id, township: '基准镇', village: `村${id.slice(0, 6)}`, createdAt: new Date().toISOString(), createdBy: '管理员' }
			});
			if (res.status !== 200 && res.status !== 201) throw new Error(`registering ${id}: HTTP ${res.status} ${await res.text()}`);
		}
		await editOrganisation(server, township, protocol, (org) => {
			org.saveGroup({ id: GROUP_ID, name: '基准组', createdAt: new Date().toISOString(), dissolvedAt: null });
			org.savePerson({ id: township.admin.id, name: '管理员', phone: '', groupId: GROUP_ID, reviewer: false, leftAt: null });
			for (const id of Object.keys(rooms)) org.saveVillage({ dossierId: id, name: `村${id.slice(0, 6)}`, groupId: GROUP_ID });
		});
		township.close();
	} finally {
		await server.stop();
	}
	for (const [room, content] of Object.entries(rooms)) writeRoom(dataDir, room, content);
	return { dataDir, townshipId: made.townshipId };
}

// ---------------------------------------------------------------- the measurement

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const median = (xs: number[]) => percentile(xs.slice().sort((a, b) => a - b), 50);

/** What a cadre types into a text answer, one keystroke at a time (then starts over). */
const TYPED = '户主外出务工，家中老人由邻居照看，需跟进医保缴费情况';

async function keystrokes(
	server: Running,
	township: Township,
	opts: { label: string; protocol: DurableProtocol; roomKind: 'wide' | 'small'; room: string; household: string; warmup: number; count: number }
): Promise<WideRow> {
	const room = opts.room;
	const reader = new BenchClient(server.wsUrl, room, await township.token(township.admin, room), opts.protocol);
	const writer = new BenchClient(server.wsUrl, room, await township.token(township.admin, room), opts.protocol);
	try {
		await Promise.all([reader.ready(), writer.ready()]);
		const dossier = new DossierDoc(writer.doc);
		let typed = 0;
		const keystroke = async () => {
			typed++;
			dossier.setAnswer(opts.household, CARD_FORM, 'note', TYPED.slice(0, (typed % TYPED.length) + 1));
			await writer.whenDurable();
		};
		for (let i = 0; i < opts.warmup; i++) await keystroke();
		writer.sizes = [];
		reader.sizes = [];
		const latencies: number[] = [];
		const cpu0 = cpuSeconds(server.child.pid!);
		for (let i = 0; i < opts.count; i++) {
			const t0 = performance.now();
			await keystroke();
			latencies.push(performance.now() - t0);
		}
		const cpu = cpuSeconds(server.child.pid!) - cpu0;
		latencies.sort((a, b) => a - b);
		const vector = Y.encodeStateVector(writer.doc);
		const row: WideRow = {
			server: opts.label,
			protocol: opts.protocol,
			room: opts.roomKind,
			clientIds: Y.decodeStateVector(vector).size,
			stateVectorBytes: vector.byteLength,
			firstMessageBytes: writer.firstSize,
			writerMessageBytes: median(writer.sizes),
			writerBytesPerKeystroke: writer.sizes.reduce((a, b) => a + b, 0) / opts.count,
			readerMessageBytes: median(reader.sizes),
			serverCpuUsPerKeystroke: (cpu * 1e6) / opts.count,
			p50: percentile(latencies, 50),
			p99: percentile(latencies, 99),
			keystrokes: opts.count
		};
		console.error(
			`  ${opts.label.padEnd(18)} type ${opts.protocol}  ${opts.roomKind.padEnd(5)} ${String(row.clientIds).padStart(6)} ids  msg ${String(row.writerMessageBytes).padStart(6)} B  cpu ${row.serverCpuUsPerKeystroke.toFixed(0).padStart(5)} µs  p50 ${row.p50.toFixed(2)} ms  p99 ${row.p99.toFixed(2)} ms`
		);
		return row;
	} finally {
		writer.destroy();
		reader.destroy();
	}
}

export interface WideRoomResult {
	rows: WideRow[];
	/** Why the before column is missing, if it is. */
	note: string | null;
}

/**
 * For each checkout (before the fix, if BENCH_BEFORE_DIR names a built one; this one), a data
 * folder with a wide dossier (`ids` client ids) and a small one (one client id, same content),
 * then `count` keystrokes in each under each protocol that checkout's app (or an older app) speaks.
 */
export async function wideRoomBench(opts: { ids: number; count: number; warmup: number; beforeDir?: string }): Promise<WideRoomResult> {
	const suffix = Math.random().toString(36).slice(2, 8);
	const wideId = `widebench${suffix}`;
	const smallId = `smallbench${suffix}`;
	const t0 = performance.now();
	const rooms = { [wideId]: buildRoom(wideId, opts.ids, opts.ids), [smallId]: buildRoom(smallId, 1, opts.ids) };
	console.error(
		`  built the dossiers in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${rooms[wideId]!.update.byteLength} B with ${opts.ids} client ids, ${rooms[smallId]!.update.byteLength} B with one`
	);

	const checkouts: { label: string; dir: string; protocols: DurableProtocol[] }[] = [];
	let note: string | null = null;
	if (opts.beforeDir) {
		const dir = resolve(opts.beforeDir);
		if (!existsSync(join(dir, 'dist/server/index.js'))) throw new Error(`BENCH_BEFORE_DIR=${dir} has no dist/server/index.js: build it (node scripts/build-server.mjs there)`);
		checkouts.push({ label: 'before (69331ea)', dir, protocols: [MESSAGE_DURABLE_STATE] });
	} else {
		note = 'BENCH_BEFORE_DIR is unset: the commit before the fix is not measured (see bench/wideRoom.ts for how to build it).';
	}
	checkouts.push({ label: 'after (this tree)', dir: ROOT, protocols: [MESSAGE_DURABLE_DELTA, MESSAGE_DURABLE_STATE] });

	const rows: WideRow[] = [];
	for (const checkout of checkouts) {
		const { dataDir, townshipId } = await prepareDataDir(checkout.dir, checkout.protocols[0]!, rooms);
		const server = await startDangka(checkout.dir, dataDir);
		try {
			const township = await Township.open(server.url, townshipId, 'wide-admin', PASSWORD);
			try {
				for (const protocol of checkout.protocols) {
					for (const [roomKind, room] of [
						['small', smallId],
						['wide', wideId]
					] as const) {
						rows.push(await keystrokes(server, township, { label: checkout.label, protocol, roomKind, room, household: rooms[room]!.household, warmup: opts.warmup, count: opts.count }));
					}
				}
			} finally {
				township.close();
			}
		} finally {
			await server.stop();
			rmSync(dataDir, { recursive: true, force: true });
		}
	}
	return { rows, note };
}

export function printWide(result: WideRoomResult): void {
	if (result.note) console.log(result.note);
	console.table(
		result.rows.map((r) => ({
			server: r.server,
			'app message': r.protocol === MESSAGE_DURABLE_STATE ? '100 (whole vector)' : '101 (delta)',
			'client ids': r.clientIds,
			'vector B': r.stateVectorBytes,
			'first msg B': r.firstMessageBytes,
			'msg B (median)': r.writerMessageBytes,
			'B/keystroke': r.writerBytesPerKeystroke.toFixed(0),
			'reader msg B': r.readerMessageBytes,
			'server CPU µs/keystroke': r.serverCpuUsPerKeystroke.toFixed(0),
			'p50 ms': r.p50.toFixed(2),
			'p99 ms': r.p99.toFixed(2)
		}))
	);
}
