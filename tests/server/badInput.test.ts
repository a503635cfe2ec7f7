import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { CLOSE } from '../../src/lib/sync/protocol';
import { closed, connect, rawSocket, startServer, synced, until, type ServerProcess } from './harness';

let server: ServerProcess;

/** Seeded bytes (mulberry32), so a failing case replays exactly. */
function randomBytes(length: number, seed = length): Uint8Array {
	let a = seed >>> 0;
	const out = new Uint8Array(length);
	for (let i = 0; i < length; i++) {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		out[i] = (t ^ (t >>> 14)) >>> 0 & 0xff;
	}
	return out;
}

beforeAll(async () => {
	server = await startServer({ env: { MAX_MESSAGE_BYTES: String(64 * 1024) } });
});
afterAll(async () => {
	await server?.dispose();
});

function syncUpdateFrame(update: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0);
	encoding.writeVarUint(e, 2);
	encoding.writeVarUint8Array(e, update);
	return encoding.toUint8Array(e);
}

/** A bystander on the same dossier whose edits must keep flowing whatever others send. */
async function bystanders(room: string) {
	const a = await connect(server, room);
	const b = await connect(server, room);
	await Promise.all([synced(a), synced(b)]);
	return {
		async stillWorks(value: string) {
			a.doc.getMap('m').set('probe', value);
			await until(() => b.doc.getMap('m').get('probe') === value, 5000, 'bystander edit to arrive');
			await a.durable.whenDurable();
		},
		destroy() {
			a.destroy();
			b.destroy();
		}
	};
}

describe('bad frames close only the sender', () => {
	const cases: [string, () => Uint8Array, number][] = [
		['random bytes', () => randomBytes(300), CLOSE.malformed],
		['an unknown message type', () => new Uint8Array([77, 1, 2, 3]), CLOSE.malformed],
		['an empty frame', () => new Uint8Array(0), CLOSE.malformed],
		[
			'a truncated update',
			() => {
				const doc = new Y.Doc();
				doc.getMap('m').set('k', 'a long enough value to cut in half');
				const frame = syncUpdateFrame(Y.encodeStateAsUpdate(doc));
				return frame.slice(0, Math.floor(frame.length / 2));
			},
			CLOSE.malformed
		],
		['an update of random bytes', () => syncUpdateFrame(randomBytes(200)), CLOSE.malformed],
		['an unknown sync step', () => new Uint8Array([0, 9, 0]), CLOSE.malformed],
		['a broken awareness update', () => new Uint8Array([1, 5, 1, 2, 3, 4, 5]), CLOSE.malformed],
		['a frame over the size limit', () => new Uint8Array(64 * 1024 + 1), 1009]
	];

	it.each(cases)('%s', async (_name, makeFrame, expectedCode) => {
		const room = 'badframe' + Math.random().toString(36).slice(2, 10);
		const others = await bystanders(room);
		try {
			await others.stillWorks('before');
			const ws = await rawSocket(server, room);
			const closing = closed(ws);
			ws.send(makeFrame());
			const { code, reason } = await closing;
			expect(code).toBe(expectedCode);
			if (expectedCode !== 1009) expect(reason).toMatch(/Malformed|Unknown|does not apply/);
			await others.stillWorks('after');
		} finally {
			others.destroy();
		}
	});

	it('survives a burst of random frames on many connections and keeps the data', async () => {
		const room = 'fuzzroom01';
		const others = await bystanders(room);
		try {
			for (let round = 0; round < 5; round++) {
				const sockets = await Promise.all(Array.from({ length: 10 }, () => rawSocket(server, room)));
				await Promise.all(
					sockets.map((ws, i) => {
						const c = closed(ws);
						ws.send(randomBytes(1 + ((round * 10 + i) * 197) % 2000, round * 1000 + i));
						// A frame of random bytes might by chance parse; force the issue with a second one.
						ws.send(new Uint8Array([200, 200, 200]));
						return c;
					})
				);
			}
			await others.stillWorks('after fuzz');
			const res = await fetch(server.url + '/api/health');
			expect(res.status).toBe(200);
		} finally {
			others.destroy();
		}
	});
});

describe('the handshake', () => {
	it.each(['../../etc', 'a', '%2e%2e%2fetc%2fpasswd', 'ab%00cdefgh', 'room with space', 'abcdefgh/other', 'abc/review', 'org', 'org/x', 'org/township01/review', 'abcdefgh/review/x', '/review'])('refuses room %j with 400', async (id) => {
		await expect(rawSocket(server, id)).rejects.toThrow(/HTTP 400|HTTP 404/);
	});

	it('refuses paths outside /sync', async () => {
		const WebSocket = (await import('ws')).default;
		const ws = new WebSocket(server.url.replace('http', 'ws') + '/other/abcdefgh12');
		const status = await new Promise<number>((r) => ws.once('unexpected-response', (_q, res) => r(res.statusCode ?? 0)));
		expect(status).toBe(404);
	});

	it('checks the credential before sending any document byte', async () => {
		const owner = await connect(server, 'guarded001');
		await synced(owner);
		owner.doc.getMap('m').set('secret', 'household data');
		await owner.durable.whenDurable();
		const genuine = await server.token(server.admin, 'guarded001');
		await server.addVillage('guarded002');
		const otherVillage = await server.token(server.admin, 'guarded002');
		const [body, mac] = genuine.split('.') as [string, string];
		const forged = Buffer.from(Buffer.from(body, 'base64url').toString().replace('guarded001', 'guarded002')).toString('base64url');

		const WebSocket = (await import('ws')).default;
		const queries = ['', '?token=wrong', `?token=${body}.${mac.slice(0, -2)}xx`, `?token=${forged}.${mac}`, `?token=${encodeURIComponent(otherVillage)}`];
		for (const query of queries) {
			const received: Buffer[] = [];
			const ws = new WebSocket(`${server.wsUrl}/guarded001${query}`);
			ws.on('message', (m: Buffer) => received.push(m));
			const status = await new Promise<number>((r) => {
				ws.once('unexpected-response', (_q, res) => r(res.statusCode ?? 0));
				ws.once('open', () => r(101));
			});
			expect(status, query).toBe(401);
			expect(received).toEqual([]);
		}
		owner.destroy();
	});
});

describe('the HTTP API', () => {
	it('validates dossier registrations and is idempotent', async () => {
		const body = { id: 'apitest0001', township: '洺州镇', village: '东村', createdAt: '2022-08-06T09:00:00+08:00', createdBy: '王' };
		const put = (b: unknown, id = 'apitest0001') =>
			fetch(`${server.url}/api/dossiers/${id}`, {
				method: 'PUT',
				headers: { 'content-type': 'application/json', cookie: server.admin.cookie },
				body: typeof b === 'string' ? b : JSON.stringify(b)
			});
		expect((await put(body)).status).toBe(201);
		expect((await put({ ...body, village: '西村' })).status).toBe(200);
		const got = (await (await server.api(server.admin, '/api/dossiers/apitest0001')).json()) as { village: string };
		expect(got.village).toBe('东村');
		const bad = await put({ ...body, township: '' });
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as { error: { code: string; fields: object } }).error).toMatchObject({ code: 'badRequest', fields: { township: expect.any(String) } });
		expect((await put('{not json')).status).toBe(400);
		expect((await put('x'.repeat(70_000))).status).toBe(413);
		expect((await put(body, '..%2F..%2Fetc')).status).toBe(400);
		expect((await server.api(server.admin, '/api/dossiers/%E0%A4%A')).status).toBe(400);
		expect((await put({ ...body, village: "东村'; DROP TABLE dossiers; --" })).status).toBe(200);
		const list = (await (await server.api(server.admin, '/api/dossiers')).json()) as { dossiers: { id: string }[] };
		expect(list.dossiers.map((d) => d.id)).toContain('apitest0001');
		// Without a session, nothing; a form post from another site, nothing.
		expect((await server.api(null, '/api/dossiers')).status).toBe(401);
		const crossSite = await fetch(`${server.url}/api/dossiers/apitest0002`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json', cookie: server.admin.cookie, origin: 'http://evil.example' },
			body: JSON.stringify({ ...body, id: 'apitest0002' })
		});
		expect(crossSite.status).toBe(403);
		const formPost = await fetch(`${server.url}/api/dossiers/apitest0002`, {
			method: 'PUT',
			headers: { 'content-type': 'text/plain', cookie: server.admin.cookie },
			body: JSON.stringify({ ...body, id: 'apitest0002' })
		});
		expect(formPost.status).toBe(415);
	});

	it('shows a signed-in person their own township only', async () => {
		const own = await server.api(server.admin, `/api/townships/${server.townshipId}`);
		expect(own.status).toBe(200);
		expect(((await own.json()) as { name: string }).name).toBe('测试镇');
		expect((await server.api(server.admin, '/api/townships/township0002')).status).toBe(404);
		expect((await server.api(null, `/api/townships/${server.townshipId}`)).status).toBe(401);
	});
});
