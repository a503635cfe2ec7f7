/**
 * Load generator (its own process, so the server under test has a core to itself): N stock
 * y-websocket clients in R dossiers, each setting its own key in a shared Y.Map at a steady
 * rate. Every client observes the others' keys and records edit-to-peer latency from the send
 * timestamp carried in the value (one process, one clock). Prints one JSON result line.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';

interface Args {
	url: string;
	clients: number;
	rooms: number;
	/** Updates per second per client. */
	rate: number;
	seconds: number;
	warmupSeconds: number;
	roomPrefix: string;
	/** Sync tokens by room (servers that check accounts). */
	tokens?: Record<string, string>;
}

const args = JSON.parse(process.argv[2]!) as Args;
// Every stock provider registers a process 'exit' listener; 200 of them are expected here.
process.setMaxListeners(0);

interface Client {
	doc: Y.Doc;
	provider: WebsocketProvider;
	key: string;
	seq: number;
}

const latencies: number[] = [];
let measuring = false;
let sent = 0;
let received = 0;
const expectedPeers = args.clients / args.rooms - 1;

function connectClient(i: number): Promise<Client> {
	const room = `${args.roomPrefix}${String(i % args.rooms).padStart(4, '0')}`;
	const doc = new Y.Doc();
	const token = args.tokens?.[room];
	const provider = new WebsocketProvider(args.url, room, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		params: token ? { token } : {},
		disableBc: true,
		resyncInterval: -1
	});
	const key = `c${i}`;
	doc.getMap<{ t: number; seq: number }>('m').observe((event, tx) => {
		if (tx.local) return;
		const now = performance.now();
		for (const changed of event.keysChanged) {
			if (changed === key) continue;
			const value = doc.getMap<{ t: number }>('m').get(changed);
			if (!value || !measuring) continue;
			latencies.push(now - value.t);
			received++;
		}
	});
	return new Promise((resolve) => {
		provider.once('sync', () => resolve({ doc, provider, key, seq: 0 }));
	});
}

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main() {
	const clients: Client[] = [];
	// Connect in small waves: a storm of 200 simultaneous handshakes is not what this measures.
	for (let i = 0; i < args.clients; i += 20) {
		clients.push(...(await Promise.all(Array.from({ length: Math.min(20, args.clients - i) }, (_, j) => connectClient(i + j)))));
	}
	const intervalMs = 1000 / args.rate;
	// Spread the clients' ticks over one interval so the load is steady, not bursty.
	const timers: NodeJS.Timeout[] = [];
	clients.forEach((c, i) => {
		const start = setTimeout(() => {
			const tick = () => {
				c.seq++;
				c.doc.getMap('m').set(c.key, { t: performance.now(), seq: c.seq, pad: 'x'.repeat(24) });
				if (measuring) sent++;
			};
			timers.push(setInterval(tick, intervalMs));
		}, (i / clients.length) * intervalMs);
		timers.push(start);
	});
	await new Promise((r) => setTimeout(r, args.warmupSeconds * 1000));
	measuring = true;
	const t0 = performance.now();
	process.stdout.write(JSON.stringify({ event: 'measuring' }) + '\n');
	await new Promise((r) => setTimeout(r, args.seconds * 1000));
	measuring = false;
	const elapsed = (performance.now() - t0) / 1000;
	for (const t of timers) clearInterval(t);
	// Let in-flight updates land, then stop counting.
	await new Promise((r) => setTimeout(r, 500));
	const sorted = latencies.slice().sort((a, b) => a - b);
	const result = {
		event: 'result',
		offeredUpdatesPerSec: (args.clients * args.rate),
		sentUpdatesPerSec: sent / elapsed,
		deliveredPerSec: received / elapsed,
		// An update counts as synced when it reached its peers: deliveries / peers per update.
		syncedUpdatesPerSec: received / expectedPeers / elapsed,
		deliveryRatio: sent ? received / (sent * expectedPeers) : 0,
		p50: percentile(sorted, 50),
		p99: percentile(sorted, 99),
		max: sorted.at(-1) ?? NaN,
		samples: sorted.length
	};
	process.stdout.write(JSON.stringify(result) + '\n');
	for (const c of clients) {
		c.provider.destroy();
		c.doc.destroy();
	}
	process.exit(0);
}

void main();
