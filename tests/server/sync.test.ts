import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DossierDoc } from '../../src/lib/dossier/dossierDoc';
import { ReviewDoc } from '../../src/lib/review/reviewDoc';
import { OrganisationDoc } from '../../src/lib/organisation/organisationDoc';
import { sampleFinding } from '../../src/lib/ledger/ledgerFixtures';
import { CARD_FORM } from '../../src/lib/dossier/layout';
import { join } from 'node:path';
import { SqliteStore } from '../../server/storage/sqliteStore';
import { connect, startServer, synced, until, type Client, type ServerProcess } from './harness';

const cadre = { name: '测试员' };
const COMPACT_EVERY = 10;
let server: ServerProcess;
const clients: Client[] = [];
const open = async (...args: Parameters<typeof connect>) => {
	const c = await connect(...args);
	clients.push(c);
	return c;
};

beforeAll(async () => {
	server = await startServer();
});
afterEach(() => {
	for (const c of clients.splice(0)) c.destroy();
});
afterAll(async () => {
	await server?.dispose();
});

describe('sync with stock y-websocket clients', () => {
	it('two clients on one dossier converge', async () => {
		const a = await open(server, 'converge01');
		const b = await open(server, 'converge01');
		await Promise.all([synced(a), synced(b)]);
		const da = new DossierDoc(a.doc);
		const db = new DossierDoc(b.doc);
		const id = da.createHousehold({ head: '张三', type: 'lifted' }, cadre);
		db.createHousehold({ head: '李四', type: 'ordinary' }, cadre);
		await until(() => da.listHouseholds().length === 2 && db.listHouseholds().length === 2, 5000, 'both households');
		db.setAnswer(id, CARD_FORM, 'size', 4);
		da.setAnswer(id, CARD_FORM, 'phone', '13800000000');
		await until(() => db.answer(id, CARD_FORM, 'phone') === '13800000000' && da.answer(id, CARD_FORM, 'size') === 4);
		expect(a.doc.getMap('households').toJSON()).toEqual(b.doc.getMap('households').toJSON());
	});

	it('a village review document and the organisation sync as rooms of their own', async () => {
		const review = await open(server, 'village01/review');
		const reviewer = await open(server, 'village01/review');
		const org = await open(server, `org/${server.townshipId}`);
		const dossier = await open(server, 'village01');
		await Promise.all([review, reviewer, org, dossier].map(synced));
		const me = { id: server.admin.id, name: '管理员' };
		new ReviewDoc('village01', review.doc).raise(
			sampleFinding({ dossierId: 'village01', raisedBy: me, signature: { ...sampleFinding().signature, by: me }, role: 'owner', roundId: null, checkerGroupId: null })
		);
		await until(() => new ReviewDoc('village01', reviewer.doc).entries().length === 1, 5000, 'review doc');
		expect(new OrganisationDoc(org.doc).village('village01')?.groupId).toBe(server.groupId);
		// Each is its own document: nothing leaks into the village's dossier.
		await new Promise((r) => setTimeout(r, 100));
		expect(dossier.doc.getMap('findings').size).toBe(0);
		expect(dossier.doc.getMap('villages').size).toBe(0);
		await until(() => org.durable.serverHasEverything && review.durable.serverHasEverything, 5000, 'durable');
	});

	it('a client that edits while disconnected merges on reconnect', async () => {
		const a = await open(server, 'offline001');
		const b = await open(server, 'offline001');
		await Promise.all([synced(a), synced(b)]);
		const da = new DossierDoc(a.doc);
		const db = new DossierDoc(b.doc);
		const id = da.createHousehold({ head: '王五', type: 'monitored' }, cadre);
		await until(() => db.household(id) !== null);
		a.provider.disconnect();
		da.setAnswer(id, CARD_FORM, 'note', '离线时填写');
		db.setAnswer(id, CARD_FORM, 'size', 3);
		await new Promise((r) => setTimeout(r, 200));
		expect(db.answer(id, CARD_FORM, 'note')).toBeUndefined();
		a.provider.connect();
		await until(() => db.answer(id, CARD_FORM, 'note') === '离线时填写' && da.answer(id, CARD_FORM, 'size') === 3, 5000, 'merge');
	});

	it('reports durable only when the server state covers the local state', async () => {
		const a = await open(server, 'durable001');
		await synced(a);
		// The first acknowledgement covers our sync step 2; only then is everything durable.
		await a.durable.whenDurable();
		expect(a.durable.serverState).not.toBeNull();
		expect(a.durable.serverHasEverything).toBe(true);
		a.doc.getMap('m').set('k', 1);
		expect(a.durable.serverHasEverything).toBe(false);
		await a.durable.whenDurable();
		expect(a.durable.serverHasEverything).toBe(true);
	});
});

describe('durability', () => {
	it('an edit the client saw as synced survives kill -9 of the server', async () => {
		const own = await startServer();
		try {
			const a = await open(own, 'killnine01');
			await synced(a);
			const d = new DossierDoc(a.doc);
			const ids: string[] = [];
			for (let i = 0; i < 50; i++) ids.push(d.createHousehold({ head: `户主${i}`, type: 'ordinary' }, cadre));
			await a.durable.whenDurable();
			await own.kill('SIGKILL');
			a.destroy();
			clients.splice(clients.indexOf(a), 1);

			const restarted = await startServer({ dataDir: own.dataDir });
			try {
				const b = await open(restarted, 'killnine01');
				await synced(b);
				const listed = new DossierDoc(b.doc).listHouseholds().map((h) => h.id);
				expect(listed.sort()).toEqual([...ids].sort());
			} finally {
				await restarted.kill('SIGKILL');
			}
		} finally {
			await own.dispose();
		}
	});

	it('keeps everything across restarts with compaction and room unloading', async () => {
		const own = await startServer({ env: { COMPACT_EVERY: String(COMPACT_EVERY), ROOM_IDLE_MS: '50' } });
		try {
			const a = await open(own, 'compact001');
			await synced(a);
			const d = new DossierDoc(a.doc);
			for (let i = 0; i < 35; i++) d.createHousehold({ head: `户${i}`, type: 'ordinary' }, cadre);
			await a.durable.whenDurable();
			a.destroy();
			clients.splice(clients.indexOf(a), 1);
			await new Promise((r) => setTimeout(r, 300)); // idle unload with a final snapshot
			const b = await open(own, 'compact001');
			await synced(b);
			expect(new DossierDoc(b.doc).listHouseholds()).toHaveLength(35);
			new DossierDoc(b.doc).createHousehold({ head: '最后', type: 'lifted' }, cadre);
			await b.durable.whenDurable();
			await own.kill('SIGKILL');
			const restarted = await startServer({ dataDir: own.dataDir });
			try {
				// The log really was folded: a snapshot exists and only recent updates remain.
				const store = new SqliteStore(join(own.dataDir, 'dangka.sqlite'));
				const stored = await store.load('compact001');
				await store.close();
				expect(stored.snapshot).not.toBeNull();
				expect(stored.updates.length).toBeLessThan(COMPACT_EVERY);
				const c = await open(restarted, 'compact001');
				await synced(c);
				expect(new DossierDoc(c.doc).listHouseholds()).toHaveLength(36);
			} finally {
				await restarted.kill('SIGKILL');
			}
		} finally {
			await own.dispose();
		}
	});
});
