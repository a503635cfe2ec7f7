/**
 * An import asks the server which of its file's ID numbers the township's other villages keep:
 * the device holds only the villages its cadre opened, the server all of them. A village the
 * asker may not read is named, its household is not; another township is never asked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DossierDoc } from '../../src/lib/dossier/dossierDoc';
import { CARD_FORM } from '../../src/lib/dossier/layout';
import { idNumber } from '../../src/lib/import/testing/rosterFixtures';
import { PEOPLE_PER_REQUEST } from '../../src/lib/sync/api';
import { Township } from '../support/township';
import { connect, startServer, synced, type ServerProcess, type TestUser } from './harness';

const HOME = 'peoplehome01';
const NEAR = 'peoplenear01';
const FAR = 'peoplefar001';
const ELSEWHERE = 'peopleother1';
const inNear = idNumber('19700101', 11);
const inFar = idNumber('19800202', 21);
const nowhere = idNumber('19900303', 31);

let server: ServerProcess;
let cadre: TestUser;
let other: Township;

interface Found {
	people: { idNumber: string; dossierId: string; village: string; head: string | null }[];
}

/** Writes a household with one member into a village, as the township's administrator. */
async function keep(s: ServerProcess, dossierId: string, head: string, id: string): Promise<string> {
	const client = await connect(s, dossierId);
	try {
		await synced(client);
		const dossier = new DossierDoc(client.doc);
		const household = dossier.createHousehold({ head, type: 'ordinary' }, { name: '管理员' });
		dossier.addRow(household, CARD_FORM, 'members', { name: head, id_number: id });
		await client.durable.whenDurable();
		return household;
	} finally {
		client.destroy();
	}
}

const ask = (user: TestUser, dossierId: string, body: unknown) => server.api(user, `/api/dossiers/${dossierId}/people-elsewhere`, { method: 'POST', body });

beforeAll(async () => {
	// Rooms unload a moment after their last client: the server reads them again from disk.
	server = await startServer({ env: { ROOM_IDLE_MS: '50' } });
	const groupB = 'people-group-b';
	await server.editOrganisation((org) => org.saveGroup({ id: groupB, name: '第二组', createdAt: new Date().toISOString(), dissolvedAt: null }));
	await server.addVillage(HOME);
	await server.addVillage(NEAR);
	await server.addVillage(FAR, groupB);
	cadre = await server.createUser({ name: '王干部' });
	other = await Township.create(server.url, server.dataDir, '邻镇');
	await other.addVillage(ELSEWHERE, null);
});
afterAll(async () => {
	other?.close();
	await server?.dispose();
});

describe('people kept elsewhere in the township', () => {
	it('names the villages that keep a file’s ID numbers, the household only where the asker may read', async () => {
		const household = await keep(server, NEAR, '张近', inNear);
		await keep(server, FAR, '李远', inFar);
		// Connecting made it the test group's (harness.connect): it is the second group's again.
		await server.addVillage(FAR, 'people-group-b');
		const res = await ask(cadre, HOME, { idNumbers: [inNear, inFar.toLowerCase(), nowhere] });
		expect(res.status).toBe(200);
		const found = ((await res.json()) as Found).people.sort((a, b) => a.dossierId.localeCompare(b.dossierId));
		expect(found).toEqual([
			{ idNumber: inFar, dossierId: FAR, village: expect.any(String), head: null },
			{ idNumber: inNear, dossierId: NEAR, village: expect.any(String), head: '张近' }
		]);

		// The person leaves the near village: asked again, it is read afresh and no longer reports them.
		const client = await connect(server, NEAR);
		await synced(client);
		new DossierDoc(client.doc).removeHousehold(household, { name: '管理员' }, '迁出');
		await client.durable.whenDurable();
		client.destroy();
		const again = ((await (await ask(cadre, HOME, { idNumbers: [inNear, inFar] })).json()) as Found).people;
		expect(again.map((p) => p.dossierId)).toEqual([FAR]);
	});

	it('refuses what is not a list of ID numbers, a list too long, strangers and other townships’ villages', async () => {
		expect((await ask(cadre, HOME, { idNumbers: [] })).status).toBe(400);
		expect((await ask(cadre, HOME, { idNumbers: ['12345'] })).status).toBe(400);
		expect((await ask(cadre, HOME, { idNumbers: 'all' })).status).toBe(400);
		const tooMany = Array.from({ length: PEOPLE_PER_REQUEST + 1 }, () => nowhere);
		expect([400, 413]).toContain((await ask(cadre, HOME, { idNumbers: tooMany })).status);
		expect((await server.api(null, `/api/dossiers/${HOME}/people-elsewhere`, { method: 'POST', body: { idNumbers: [nowhere] } })).status).toBe(401);
		expect((await ask(cadre, ELSEWHERE, { idNumbers: [nowhere] })).status).toBe(404);
		expect((await server.api(cadre, `/api/dossiers/${HOME}/people-elsewhere`)).status).toBe(405);
		// The other township's administrator asking about its own village learns nothing of this one.
		const theirs = (await (await other.api(other.admin, `/api/dossiers/${ELSEWHERE}/people-elsewhere`, { method: 'POST', body: { idNumbers: [inFar] } })).json()) as Found;
		expect(theirs.people).toEqual([]);
	});
});
