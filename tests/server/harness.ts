/**
 * Starts the real server (the built dist/server/index.js) as a child process on a free port with
 * its own data directory, and connects stock y-websocket clients to it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { DurableStateTracker } from '../../src/lib/sync/durableState';

const ROOT = resolve(import.meta.dirname, '../..');

export interface ServerProcess {
	url: string;
	wsUrl: string;
	port: number;
	dataDir: string;
	child: ChildProcess;
	logs: string[];
	exited: Promise<number | null>;
	kill(signal?: NodeJS.Signals): Promise<void>;
	/** Stops the process and removes its data directory. */
	dispose(): Promise<void>;
}

export async function startServer(opts: { env?: Record<string, string>; dataDir?: string; port?: number } = {}): Promise<ServerProcess> {
	const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'dangka-test-'));
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
	const port = Number(new URL(url).port);
	const server: ServerProcess = {
		url,
		wsUrl: url.replace(/^http/, 'ws') + '/sync',
		port,
		dataDir,
		child,
		logs,
		exited,
		async kill(signal = 'SIGTERM') {
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

export interface Client {
	doc: Y.Doc;
	provider: WebsocketProvider;
	durable: DurableStateTracker;
	destroy(): void;
}

export function connect(server: { wsUrl: string }, room: string, opts: { params?: Record<string, string>; doc?: Y.Doc; connect?: boolean } = {}): Client {
	const doc = opts.doc ?? new Y.Doc();
	const provider = new WebsocketProvider(server.wsUrl, room, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		params: opts.params ?? {},
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

export function synced(client: Client): Promise<void> {
	return until(() => client.provider.synced, 10_000, 'initial sync');
}

/** Opens a raw websocket (no Yjs) to send hand-made frames. */
export function rawSocket(server: { wsUrl: string }, room: string, query = ''): Promise<WebSocket> {
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
