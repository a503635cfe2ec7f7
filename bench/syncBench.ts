/**
 * Sync server benchmark: the Dangka server (durable: every update committed to SQLite before it
 * is broadcast) against the reference @y/websocket-server 0.1.1 (in memory, no persistence), in
 * the same run, with the same stock clients. For each offered rate it reports throughput,
 * edit-to-peer latency and the server's CPU time per synced update.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Township, runAdmin } from '../tests/support/township';

const ROOT = resolve(import.meta.dirname, '../..');
const CLK_TCK = 100;

export interface SyncRow {
	server: string;
	phase: string;
	offered: number;
	synced: number;
	deliveryRatio: number;
	p50: number;
	p99: number;
	serverCpuMsPerSec: number;
	serverCpuUsPerUpdate: number;
	serverRssMb: number;
}

export function cpuSeconds(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

function rssMb(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
	return kb / 1024;
}

/**
 * Confines a process to a share of one core (cgroup cpu quota), so a server saturates before the
 * load generator does: with two cores, unconfined servers would only ever meet a saturated client.
 * Both servers get the same budget, so their throughput at saturation compares like for like.
 * Returns null where cgroups are not writable.
 */
export function confineCpu(pid: number, share: number): (() => void) | null {
	const periodUs = 10_000;
	const quotaUs = Math.round(periodUs * share);
	const v1 = '/sys/fs/cgroup/cpu';
	const v2 = '/sys/fs/cgroup';
	try {
		if (existsSync(join(v1, 'cpu.cfs_quota_us'))) {
			const dir = join(v1, `dangka-bench-${pid}`);
			mkdirSync(dir);
			writeFileSync(join(dir, 'cpu.cfs_period_us'), String(periodUs));
			writeFileSync(join(dir, 'cpu.cfs_quota_us'), String(quotaUs));
			writeFileSync(join(dir, 'cgroup.procs'), String(pid));
			return () => {
				try {
					rmdirSync(dir);
				} catch {
					// the process may still be exiting
				}
			};
		}
		if (existsSync(join(v2, 'cgroup.controllers'))) {
			const dir = join(v2, `dangka-bench-${pid}`);
			mkdirSync(dir);
			writeFileSync(join(dir, 'cpu.max'), `${quotaUs} ${periodUs}`);
			writeFileSync(join(dir, 'cgroup.procs'), String(pid));
			return () => {
				try {
					rmdirSync(dir);
				} catch {
					// the process may still be exiting
				}
			};
		}
	} catch {
		return null;
	}
	return null;
}

async function waitForPort(port: number): Promise<void> {
	for (let i = 0; i < 200; i++) {
		try {
			await fetch(`http://127.0.0.1:${port}/`);
			return;
		} catch {
			await new Promise((r) => setTimeout(r, 50));
		}
	}
	throw new Error(`port ${port} did not open`);
}

interface ServerUnderTest {
	name: string;
	start(port: number): ChildProcess;
	wsUrl(port: number): string;
	/** Sync tokens by room, for a server that wants them. */
	prepare?(port: number, rooms: string[]): Promise<Record<string, string>>;
}

/**
 * Dangka checks accounts and rights on every connection and update, so its clients are signed
 * in as a cadre of the group that keeps the benchmark's villages, as in the field: the measured
 * cost includes judging every update.
 */
async function prepareDangka(dataDir: string, port: number, rooms: string[]): Promise<Record<string, string>> {
	const setupFile = join(dataDir, 'bench-setup.json');
	if (!existsSync(setupFile)) {
		const made = JSON.parse(await runAdmin(dataDir, ['create-admin', '--township', '基准镇', '--username', 'bench-admin', '--name', '管理员', '--password', 'bench-password'])) as {
			townshipId: string;
		};
		writeFileSync(setupFile, JSON.stringify(made));
	}
	const { townshipId } = JSON.parse(readFileSync(setupFile, 'utf8')) as { townshipId: string };
	const township = await Township.open(`http://127.0.0.1:${port}`, townshipId, 'bench-admin', 'bench-password');
	try {
		const groupId = await township.createGroup('基准组');
		const cadre = await township.createUser({ name: '基准干部', groupId });
		for (const room of rooms) await township.addVillage(room, groupId);
		const tokens: Record<string, string> = {};
		for (const room of rooms) tokens[room] = await township.token(cadre, room);
		return tokens;
	} finally {
		township.close();
	}
}

/**
 * BENCH_SERVER_PROFILE=<dir>: Dangka's server runs with --cpu-prof, writing a V8 profile per run
 * there (stopped with SIGTERM so the profile is written), to read where an update's time goes.
 */
function profileArgs(): string[] {
	const dir = process.env.BENCH_SERVER_PROFILE;
	return dir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(dir)}`] : [];
}

function servers(dataDir: string): ServerUnderTest[] {
	return [
		{
			name: 'dangka (durable, SQLite)',
			start: (port) =>
				spawn(process.execPath, [...profileArgs(), join(ROOT, 'dist/server/index.js')], {
					env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'error', STATIC_DIR: join(dataDir, 'none') },
					stdio: ['ignore', 'ignore', 'inherit']
				}),
			wsUrl: (port) => `ws://127.0.0.1:${port}/sync`,
			prepare: (port, rooms) => prepareDangka(dataDir, port, rooms)
		},
		{
			name: '@y/websocket-server 0.1.1 (memory)',
			start: (port) =>
				spawn(process.execPath, [join(ROOT, 'node_modules/@y/websocket-server/src/server.js')], {
					env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
					stdio: ['ignore', 'ignore', 'inherit']
				}),
			wsUrl: (port) => `ws://127.0.0.1:${port}/sync`
		}
	];
}

async function runLoad(
	url: string,
	rate: number,
	opts: { clients: number; rooms: number; seconds: number; roomPrefix: string; tokens: Record<string, string> },
	pid: number
) {
	const child = spawn(process.execPath, [join(ROOT, 'dist/bench/syncLoad.js'), JSON.stringify({ url, rate, warmupSeconds: 2, ...opts })], {
		stdio: ['ignore', 'pipe', 'inherit']
	});
	let cpuStart = 0;
	let wallStart = 0;
	let result: Record<string, number> | null = null;
	let cpuEnd = 0;
	let wallEnd = 0;
	for await (const line of createInterface({ input: child.stdout! })) {
		const msg = JSON.parse(line) as { event: string } & Record<string, number>;
		if (msg.event === 'measuring') {
			cpuStart = cpuSeconds(pid);
			wallStart = performance.now();
			setTimeout(() => {
				cpuEnd = cpuSeconds(pid);
				wallEnd = performance.now();
			}, opts.seconds * 1000);
		} else if (msg.event === 'result') {
			result = msg;
		}
	}
	if (!result) throw new Error('load generator produced no result');
	const wall = (wallEnd - wallStart) / 1000;
	const cpu = cpuEnd - cpuStart;
	return { result, cpu, wall };
}

export async function syncBench(opts: {
	rates: number[];
	clients: number;
	rooms: number;
	seconds: number;
	/** Share of one core each server may use (saturation runs), or undefined for no limit. */
	cpuShare?: number;
	label?: string;
}): Promise<SyncRow[]> {
	const rows: SyncRow[] = [];
	const dataDir = mkdtempSync(join(tmpdir(), 'dangka-bench-'));
	try {
		let port = 4400;
		for (const rate of opts.rates) {
			// Alternate which server goes first so neither always gets the warmer machine.
			const order = servers(dataDir);
			if (rows.length % 4 === 2) order.reverse();
			for (const s of order) {
				port++;
				const child = s.start(port);
				const release = opts.cpuShare ? confineCpu(child.pid!, opts.cpuShare) : null;
				if (opts.cpuShare && !release) throw new Error('cannot confine the server to a CPU share here (cgroups not writable)');
				try {
					await waitForPort(port);
					const roomPrefix = `bench${port}r`;
					const rooms = Array.from({ length: opts.rooms }, (_, i) => `${roomPrefix}${String(i).padStart(4, '0')}`);
					const tokens = s.prepare ? await s.prepare(port, rooms) : {};
					const { result, cpu, wall } = await runLoad(s.wsUrl(port), rate, { ...opts, roomPrefix, tokens }, child.pid!);
					const synced = result.syncedUpdatesPerSec!;
					rows.push({
						server: s.name,
						phase: opts.label ?? 'steady',
						offered: result.offeredUpdatesPerSec!,
						synced,
						deliveryRatio: result.deliveryRatio!,
						p50: result.p50!,
						p99: result.p99!,
						serverCpuMsPerSec: (cpu / wall) * 1000,
						serverCpuUsPerUpdate: synced > 0 ? ((cpu / wall) * 1e6) / synced : NaN,
						serverRssMb: rssMb(child.pid!)
					});
					console.error(`  ${s.name.padEnd(36)} offered ${String(result.offeredUpdatesPerSec).padStart(5)}/s  synced ${synced.toFixed(0).padStart(5)}/s  p50 ${result.p50!.toFixed(1)} ms  p99 ${result.p99!.toFixed(1)} ms  cpu ${((cpu / wall) * 100).toFixed(0)}%`);
				} finally {
					child.kill(process.env.BENCH_SERVER_PROFILE ? 'SIGTERM' : 'SIGKILL');
					await new Promise((r) => child.once('exit', r));
					release?.();
				}
			}
		}
	} finally {
		rmSync(dataDir, { recursive: true, force: true });
	}
	return rows;
}
