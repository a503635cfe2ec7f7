/**
 * The audit trail: every stored update is kept with who sent it, from which device and when, and
 * each answer's history (and everything done in a village) can be read back, for good.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DossierDoc } from '../../src/lib/dossier/dossierDoc';
import { CARD_FORM } from '../../src/lib/dossier/layout';
import { ReviewDoc } from '../../src/lib/review/reviewDoc';
import { sampleFinding } from '../../src/lib/ledger/ledgerFixtures';
import { SqliteStore } from '../../server/storage/sqliteStore';
import { connect, startServer, synced, until, type Client, type ServerProcess, type TestUser } from './harness';

let server: ServerProcess;
let wang: TestUser;
let li: TestUser;
const clients: Client[] = [];
const open = async (room: string, as: TestUser) => {
	const c = await connect(server, room, { as });
	clients.push(c);
	return c;
};

interface History {
	entries: { at: string; user: { id: string; name: string }; device: string; value: unknown }[];
}

beforeAll(async () => {
	server = await startServer({ env: { COMPACT_EVERY: '5', ROOM_IDLE_MS: '100' } });
	wang = await server.createUser({ name: '王干部' });
	li = await server.createUser({ name: '李干部' });
});
afterEach(() => {
	for (const c of clients.splice(0)) c.destroy();
});
afterAll(async () => {
	await server?.dispose();
});

describe('the audit trail', () => {
	it('gives every answer’s history: each value, who set it, from which device, when', async () => {
		const a = await open('auditvil01', wang);
		const b = await open('auditvil01', li);
		await Promise.all([synced(a), synced(b)]);
		const household = new DossierDoc(a.doc).createHousehold({ head: '刘大', type: 'lifted' }, { name: '王干部' });
		new DossierDoc(a.doc).setAnswer(household, CARD_FORM, 'phone', '13800000001');
		await a.durable.whenDurable();
		// Li corrects what Wang entered: wait until Li has it (a concurrent write would race it).
		await until(() => new DossierDoc(b.doc).answer(household, CARD_FORM, 'phone') === '13800000001', 5000, 'answer arrives');
		new DossierDoc(b.doc).setAnswer(household, CARD_FORM, 'phone', '13800000002');
		await b.durable.whenDurable();
		new DossierDoc(a.doc).setAnswer(household, CARD_FORM, 'phone', undefined);
		await a.durable.whenDurable();

		const res = await server.api(li, `/api/dossiers/auditvil01/history?household=${household}&key=card:phone`);
		expect(res.status).toBe(200);
		const { entries } = (await res.json()) as History;
		expect(entries.map((e) => [e.user.name, e.value])).toEqual([
			['王干部', '13800000001'],
			['李干部', '13800000002'],
			['王干部', null]
		]);
		expect(entries[0]!.device).toBe(wang.device);
		expect(entries[1]!.device).toBe(li.device);
		expect(Date.parse(entries[0]!.at)).toBeLessThanOrEqual(Date.parse(entries[2]!.at));
		// The head was set with the household: its first value is on record too.
		const head = (await (await server.api(wang, `/api/dossiers/auditvil01/history?household=${household}&key=card:head`)).json()) as History;
		expect(head.entries.map((e) => [e.user.name, e.value])).toEqual([['王干部', '刘大']]);
	});

	it('gives every answer of a household changed since a time, with who and when (a record review’s changes)', async () => {
		const a = await open('auditvil04', wang);
		const b = await open('auditvil04', li);
		await Promise.all([synced(a), synced(b)]);
		const household = new DossierDoc(a.doc).createHousehold({ head: '孙六', type: 'ordinary' }, { name: '王干部' });
		await a.durable.whenDurable();
		await until(() => new DossierDoc(b.doc).household(household) !== null, 5000, 'household arrives');
		await new Promise((r) => setTimeout(r, 20));
		const since = new Date().toISOString();
		await new Promise((r) => setTimeout(r, 20));
		new DossierDoc(b.doc).setAnswer(household, CARD_FORM, 'phone', '13800000003');
		new DossierDoc(b.doc).setAnswer(household, CARD_FORM, 'group', '三组');
		await b.durable.whenDurable();
		const res = await server.api(wang, `/api/dossiers/auditvil04/history?household=${household}&since=${encodeURIComponent(since)}`);
		expect(res.status).toBe(200);
		const { entries } = (await res.json()) as { entries: { key: string; user: { name: string }; value: unknown }[] };
		// The head was set before `since`: not among them.
		expect(entries.map((e) => [e.key, e.user.name, e.value]).sort()).toEqual([
			['card:group', '李干部', '三组'],
			['card:phone', '李干部', '13800000003']
		]);
		expect((await server.api(wang, `/api/dossiers/auditvil04/history?household=${household}&since=yesterday`)).status).toBe(400);
		expect((await server.api(wang, `/api/dossiers/auditvil04/history`)).status).toBe(400);
	});

	it('keeps the start of a very long value, still readable', async () => {
		const a = await open('auditvil03', wang);
		await synced(a);
		const household = new DossierDoc(a.doc).createHousehold({ head: '钱五', type: 'lifted' }, { name: '王干部' });
		new DossierDoc(a.doc).setAnswer(household, CARD_FORM, 'note', '情况说明'.repeat(1000));
		await a.durable.whenDurable();
		const res = await server.api(wang, `/api/dossiers/auditvil03/history?household=${household}&key=card:note`);
		const { entries } = (await res.json()) as History;
		const value = entries.at(-1)!.value as string;
		expect(value.startsWith('"情况说明情况说明')).toBe(true);
		expect(value.endsWith('…')).toBe(true);
		expect(value.length).toBeLessThanOrEqual(2001);
	});

	it('shows nobody the record of a village they have no part in', async () => {
		const outsider = await server.createUser({ name: '路人', groupId: null });
		expect((await server.api(outsider, '/api/dossiers/auditvil01/history?household=x&key=card:phone')).status).toBe(404);
		expect((await server.api(outsider, '/api/dossiers/auditvil01/audit')).status).toBe(404);
		expect((await server.api(null, '/api/dossiers/auditvil01/audit')).status).toBe(401);
	});
	it('keeps every update through compaction and restarts, and exports a village’s record', async () => {
		const a = await open('auditvil02', wang);
		await synced(a);
		const d = new DossierDoc(a.doc);
		const household = d.createHousehold({ head: '赵四', type: 'ordinary' }, { name: '王干部' });
		for (let i = 0; i < 12; i++) d.setAnswer(household, CARD_FORM, 'note', `第${i}次`);
		await a.durable.whenDurable();
		const review = await open('auditvil02/review', wang);
		await synced(review);
		const me = { id: wang.id, name: '王干部' };
		new ReviewDoc('auditvil02', review.doc).raise(
			sampleFinding({ id: 'auditf1', dossierId: 'auditvil02', raisedBy: me, signature: { ...sampleFinding().signature, by: me }, role: 'owner', roundId: null, checkerGroupId: null })
		);
		new ReviewDoc('auditvil02', review.doc).transition('auditf1', { type: 'submit', by: me, role: 'owner', measure: '已整改' }, ['owner']);
		await review.durable.whenDurable();
		a.destroy();
		review.destroy();
		clients.splice(0);
		await new Promise((r) => setTimeout(r, 400)); // idle unload, with a snapshot
		await server.kill('SIGKILL');
		const restarted = await startServer({ dataDir: server.dataDir });
		try {
			const store = new SqliteStore(join(server.dataDir, 'dangka.sqlite'));
			const log = await store.updateLog('auditvil02');
			const stored = await store.load('auditvil02');
			await store.close();
			// Compaction made a snapshot, and cut nothing from the log.
			expect(stored.snapshot).not.toBeNull();
			expect(log.length).toBeGreaterThanOrEqual(13);
			expect(new Set(log.map((l) => l.user))).toEqual(new Set([wang.id]));

			const notes = (await (await restarted.api(restarted.admin, `/api/dossiers/auditvil02/history?household=${household}&key=card:note`)).json()) as History;
			expect(notes.entries.map((e) => e.value)).toEqual(Array.from({ length: 12 }, (_, i) => `第${i}次`));
			const csv = await restarted.api(restarted.admin, '/api/dossiers/auditvil02/audit');
			expect(csv.headers.get('content-type')).toContain('text/csv');
			const bytes = new Uint8Array(await csv.arrayBuffer());
			// A byte-order mark first, so Excel and WPS read it as UTF-8.
			expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
			const text = new TextDecoder().decode(bytes);
			expect(text.startsWith('序号 seq,')).toBe(true);
			expect(text).toContain('王干部');
			expect(text).toMatch(/review,finding,auditf1/);
			expect(text).toMatch(/review,event,auditf1/);
			expect(text).toContain('已整改');
		} finally {
			await restarted.dispose();
		}
	});

});
