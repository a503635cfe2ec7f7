/**
 * An insider with a valid account, a stock Yjs client and the documented layout, trying to erase,
 * forge or bloat what a colleague did (issue 12, part A). Each attack is refused before anything
 * is stored or broadcast, and the victim's own edits still reach everyone.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import type WebSocket from 'ws';
import { DossierDoc } from '../../src/lib/dossier/dossierDoc';
import { CARD_FORM } from '../../src/lib/dossier/layout';
import { CLOSE, MESSAGE_DURABLE_DELTA, encodeDurableDeltaRequest, readDurableDelta } from '../../src/lib/sync/protocol';
import { closed, connect, rawSocket, startServer, synced, until, type Client, type ServerProcess, type TestUser } from './harness';
import { addDays, localDay } from '../../src/lib/calendar/calendar';
import { ReviewDoc } from '../../src/lib/review/reviewDoc';
import { ROOT } from '../../src/lib/dossier/layout';
import { gcUpdate, syncUpdate } from '../support/craftedUpdates';
import { SIGNATURE_IMAGE_PREFIX, signForm, signatureKey } from '../../src/lib/signing/signature';
import { allAnswered, completeScreening } from '../../src/lib/signing/signingFixtures';
import { reviewerSigned, sampleFinding } from '../../src/lib/ledger/ledgerFixtures';

let server: ServerProcess;
const clients: Client[] = [];
const sockets: WebSocket[] = [];
let cadre: TestUser;
let colleague: TestUser;
let checker: TestUser;
let reviewer: TestUser;
const V = 'insiderVillage01';

beforeAll(async () => {
	server = await startServer();
	await server.editOrganisation((org) => org.saveGroup({ id: 'group-x', name: '第二组', createdAt: new Date().toISOString(), dissolvedAt: null }));
	await server.addVillage(V);
	cadre = await server.createUser({ name: '王干部' });
	colleague = await server.createUser({ name: '孙同组' });
	checker = await server.createUser({ name: '赵检查', groupId: 'group-x' });
	reviewer = await server.createUser({ name: '李审核', groupId: null, reviewer: true });
	const today = localDay();
	await server.editOrganisation((org) => {
		org.saveRound({ id: 'roundX1', name: '互查', startsOn: addDays(today, -1), endsOn: addDays(today, 3), createdAt: new Date().toISOString(), createdBy: '乡镇' });
		org.setRotation('roundX1', { [V]: 'group-x' });
	});
});
afterEach(() => {
	for (const c of clients.splice(0)) c.destroy();
	for (const s of sockets.splice(0)) s.terminate();
});
afterAll(async () => {
	await server?.dispose();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function open(room: string, as: TestUser): Promise<Client> {
	const c = await connect(server, room, { as });
	clients.push(c);
	await synced(c);
	return c;
}

async function raw(room: string, as: TestUser): Promise<WebSocket> {
	const ws = await rawSocket(server, room, `?token=${encodeURIComponent(await server.token(as, room))}`);
	sockets.push(ws);
	return ws;
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
	const e = encoding.createEncoder();
	write(e);
	return encoding.toUint8Array(e);
}

/** A hand-made update that is only a delete set: `len` clocks of `client` from `clock`. */
function deleteOnly(client: number, clock: number, len: number): Uint8Array {
	const encoder = new Y.UpdateEncoderV1();
	encoding.writeVarUint(encoder.restEncoder, 0);
	encoding.writeVarUint(encoder.restEncoder, 1);
	encoding.writeVarUint(encoder.restEncoder, client);
	encoding.writeVarUint(encoder.restEncoder, 1);
	encoding.writeVarUint(encoder.restEncoder, clock);
	encoding.writeVarUint(encoder.restEncoder, len);
	return encoder.toUint8Array();
}

/** What a fresh reader (the reviewer) sees of a household's answer. */
async function readerSees(household: string, key: string): Promise<unknown> {
	const fresh = await open(V, reviewer);
	return new DossierDoc(fresh.doc).answer(household, CARD_FORM, key);
}

async function aHousehold(): Promise<{ owner: Client; household: string }> {
	const owner = await open(V, cadre);
	const household = new DossierDoc(owner.doc).createHousehold({ head: '周二', type: 'ordinary' }, { name: '王干部' });
	await owner.durable.whenDurable();
	return { owner, household };
}

describe('A1: a client id belongs to one person from the moment it is seen', () => {
	it('a colleague cannot take the id an offline cadre announced; the cadre’s offline edits arrive', async () => {
		const { owner, household } = await aHousehold();
		// The cadre's presence announced the id; they go offline and go on working.
		await sleep(100);
		owner.provider.disconnect();
		const offline = new DossierDoc(owner.doc);
		offline.setAnswer(household, CARD_FORM, 'phone', '13900000009');
		const victimId = owner.doc.clientID;
		const have = Y.decodeStateVector(Y.encodeStateVector(owner.doc)).get(victimId) ?? 0;
		// A colleague (same group: may write the dossier) and a read-only checker each try to put a
		// content-less GC struct at the cadre's next 1,000 clocks.
		for (const attacker of [colleague, checker]) {
			const ws = await raw(V, attacker);
			const gone = closed(ws);
			const encoder = new Y.UpdateEncoderV1();
			encoding.writeVarUint(encoder.restEncoder, 1);
			encoding.writeVarUint(encoder.restEncoder, 1);
			encoder.writeClient(victimId);
			encoding.writeVarUint(encoder.restEncoder, have);
			encoder.writeInfo(0);
			encoder.writeLen(1000);
			encoding.writeVarUint(encoder.restEncoder, 0);
			ws.send(syncUpdate(encoder.toUint8Array()));
			expect(await gone).toMatchObject({ code: CLOSE.clientIdTaken, reason: expect.stringContaining(String(victimId)) });
		}
		owner.provider.connect();
		await owner.durable.whenDurable();
		expect(await readerSees(household, 'phone')).toBe('13900000009');
		// The audit names the real author.
		const history = await server.api(server.admin, `/api/dossiers/${V}/history?household=${household}&key=${encodeURIComponent(`${CARD_FORM}:phone`)}`);
		const { entries } = (await history.json()) as { entries: { user: { id: string }; value: unknown }[] };
		expect(entries.at(-1)).toMatchObject({ user: { id: cadre.id }, value: '13900000009' });
	});

	it('an id reported in a sync step 1 (offline changes not yet sent) is bound too', async () => {
		const ws = await raw(V, colleague);
		// Says "I hold 5 clocks of client 777001 that you lack": they are the colleague's from now on.
		ws.send(frame((e) => {
			encoding.writeVarUint(e, 0);
			encoding.writeVarUint(e, 0);
			const sv = encoding.createEncoder();
			encoding.writeVarUint(sv, 1);
			encoding.writeVarUint(sv, 777001);
			encoding.writeVarUint(sv, 5);
			encoding.writeVarUint8Array(e, encoding.toUint8Array(sv));
		}));
		await sleep(150);
		const other = await raw(V, cadre);
		const gone = closed(other);
		other.send(syncUpdate(gcUpdate([777001], 3)));
		expect((await gone).code).toBe(CLOSE.clientIdTaken);
	});
});

describe('A2: delete sets delete only what exists', () => {
	it('a delete range over a colleague’s future clocks is refused, and their next answer reaches everyone', async () => {
		const { owner, household } = await aHousehold();
		const victimId = owner.doc.clientID;
		const next = Y.decodeStateVector(Y.encodeStateVector(owner.doc)).get(victimId) ?? 0;
		const ws = await raw(V, colleague);
		const gone = closed(ws);
		ws.send(syncUpdate(deleteOnly(victimId, next, 100_000)));
		expect((await gone).code).toBe(CLOSE.outOfOrder);
		new DossierDoc(owner.doc).setAnswer(household, CARD_FORM, 'phone', '13700000007');
		await owner.durable.whenDurable();
		expect(await readerSees(household, 'phone')).toBe('13700000007');
	});
});

describe('A3: read-only senders change nothing that is stored', () => {
	it('a checker’s GC structs under fresh ids are refused; the state vector does not grow', async () => {
		await aHousehold();
		const before = Y.encodeStateVector((await open(V, reviewer)).doc).byteLength;
		const ws = await raw(V, checker);
		const gone = closed(ws);
		ws.send(syncUpdate(gcUpdate(Array.from({ length: 1000 }, (_, i) => 5_000_000 + i), 1)));
		expect(await gone).toMatchObject({ code: CLOSE.forbidden });
		const after = Y.encodeStateVector((await open(V, reviewer)).doc).byteLength;
		expect(after).toBe(before);
	});

	it('a writer cannot flood the room with fresh client ids', async () => {
		const ws = await raw(V, colleague);
		const gone = closed(ws);
		ws.send(syncUpdate(gcUpdate(Array.from({ length: 200 }, (_, i) => 6_000_000 + i), 1)));
		expect(await gone).toMatchObject({ code: CLOSE.forbidden, reason: expect.stringMatching(/Too many new client ids/) });
	});

	it('the durable-state message carries only what moved, however big the state vector', async () => {
		const { owner, household } = await aHousehold();
		const ws = await raw(V, reviewer);
		const messages: { full: boolean; entries: number; bytes: number }[] = [];
		ws.on('message', (m: Buffer) => {
			const d = decoding.createDecoder(new Uint8Array(m));
			if (decoding.readVarUint(d) !== MESSAGE_DURABLE_DELTA) return;
			const delta = readDurableDelta(d);
			messages.push({ full: delta.full, entries: delta.entries.size, bytes: m.byteLength });
		});
		ws.send(encodeDurableDeltaRequest());
		await until(() => messages.length === 1, 5000, 'first durable state');
		expect(messages[0]!.full).toBe(true);
		expect(messages[0]!.entries).toBeGreaterThan(1);
		new DossierDoc(owner.doc).setAnswer(household, CARD_FORM, 'phone', '13600000006');
		await until(() => messages.length >= 2, 5000, 'announcement after the edit');
		expect(messages[1]).toMatchObject({ full: false, entries: 1 });
		expect(messages[1]!.bytes).toBeLessThan(16);
	});
});

describe('A6: awareness is per connection, in the sender’s name, and bounded', () => {
	it('nobody sets another connection’s presence; a state says who really sent it', async () => {
		const victim = await open(V, cadre);
		victim.provider.awareness.setLocalStateField('user', { name: '王干部', color: '#123456' });
		const watcher = await open(V, colleague);
		await until(() => watcher.doc && watcher.provider.awareness.getStates().has(victim.doc.clientID), 5000, 'presence arrives');
		// A checker tries to overwrite the victim's presence, then to appear as the reviewer.
		const ws = await raw(V, checker);
		const gone = closed(ws);
		const forge = (client: number, clock: number, state: unknown) =>
			frame((e) => {
				encoding.writeVarUint(e, 1);
				const u = encoding.createEncoder();
				encoding.writeVarUint(u, 1);
				encoding.writeVarUint(u, client);
				encoding.writeVarUint(u, clock);
				encoding.writeVarString(u, JSON.stringify(state));
				encoding.writeVarUint8Array(e, encoding.toUint8Array(u));
			});
		const mine = 888_001;
		ws.send(forge(mine, 1, { user: { name: '李审核', id: reviewer.id, color: '#abcdef' } }));
		await until(() => watcher.provider.awareness.getStates().has(mine), 5000, 'forger’s presence');
		expect(watcher.provider.awareness.getStates().get(mine)).toMatchObject({ user: { id: checker.id, name: '赵检查', color: '#abcdef' } });
		// The victim's live presence is not the checker's to set: ignored (stock providers echo
		// every state they receive, so this is no proof of intent), and nothing changes.
		ws.send(forge(victim.doc.clientID, 99, { user: { name: '假名' } }));
		await sleep(200);
		expect(watcher.provider.awareness.getStates().get(victim.doc.clientID)).toMatchObject({ user: { id: cadre.id, name: '王干部' } });
		expect(victim.provider.awareness.getStates().get(victim.doc.clientID)).toMatchObject({ user: { name: '王干部' } });
		// An id the cadre has written under is theirs even when they are away: announcing it is refused.
		const written = new DossierDoc(victim.doc);
		written.createHousehold({ head: '钱七', type: 'ordinary' }, { name: '王干部' });
		await victim.durable.whenDurable();
		const victimId = victim.doc.clientID;
		victim.destroy();
		await until(() => !watcher.provider.awareness.getStates().has(victimId), 5000, 'victim leaves');
		ws.send(forge(victimId, 500, { user: { name: '王干部' } }));
		expect((await gone).code).toBe(CLOSE.clientIdTaken);
		// The forger's own presence left with it.
		await until(() => !watcher.provider.awareness.getStates().has(mine), 5000, 'forger’s presence removed');
	});

	it('one socket holds a few small states, not hundreds of big ones', async () => {
		const ws = await raw(V, checker);
		const many = frame((e) => {
			encoding.writeVarUint(e, 1);
			const u = encoding.createEncoder();
			encoding.writeVarUint(u, 300);
			for (let i = 0; i < 300; i++) {
				encoding.writeVarUint(u, 990_000 + i);
				encoding.writeVarUint(u, 1);
				encoding.writeVarString(u, JSON.stringify({ cell: { row: 'r', columnId: 'c' } }));
			}
			encoding.writeVarUint8Array(e, encoding.toUint8Array(u));
		});
		ws.send(many);
		await sleep(200);
		const newcomer = await open(V, reviewer);
		const foreign = [...newcomer.provider.awareness.getStates().keys()].filter((id) => id >= 990_000 && id < 990_300);
		expect(foreign.length).toBe(4);
		// A 60 KB state is no presence: the connection is closed as malformed.
		const big = await raw(V, checker);
		const gone = closed(big);
		big.send(
			frame((e) => {
				encoding.writeVarUint(e, 1);
				const u = encoding.createEncoder();
				encoding.writeVarUint(u, 1);
				encoding.writeVarUint(u, 991_000);
				encoding.writeVarUint(u, 1);
				encoding.writeVarString(u, JSON.stringify({ pad: 'x'.repeat(60_000) }));
				encoding.writeVarUint8Array(e, encoding.toUint8Array(u));
			})
		);
		expect((await gone).code).toBe(CLOSE.malformed);
	});
});

describe('A4: every record has a size', () => {
	it('a 9 MB comment and a 5 MB seen key are refused before they are stored; a normal comment passes', async () => {
		const review = `${V}/review`;
		const honest = await open(review, checker);
		new ReviewDoc(V, honest.doc).addComment({ thread: 'v:village', parentId: null, by: { id: checker.id, name: '赵检查' }, text: '正常评论', mentions: [] });
		await honest.durable.whenDurable();
		for (const write of [
			(doc: Y.Doc) => doc.getMap('comments').set('c-bloat', { id: 'c-bloat', thread: 'v:village', parentId: null, by: { id: checker.id, name: '赵检查' }, at: new Date().toISOString(), text: '大', mentions: [], pad: 'x'.repeat(9_000_000) }),
			(doc: Y.Doc) => doc.getMap('seen').set(`${checker.id}|${'x'.repeat(5_000_000)}`, true)
		]) {
			const forger = await connect(server, review, { as: checker });
			clients.push(forger);
			await synced(forger);
			const gone = new Promise<{ code: number; reason: string }>((resolve) =>
				forger.provider.on('connection-close', (event: { code: number; reason: string } | null) => event && event.code >= 4000 && resolve(event))
			);
			write(forger.doc);
			expect(await gone).toMatchObject({ code: CLOSE.forbidden, reason: expect.stringMatching(/too large|too long/i) });
		}
		const fresh = await open(review, reviewer);
		expect([...fresh.doc.getMap('comments').keys()].length).toBe(1);
		expect(fresh.doc.getMap('seen').size).toBe(0);
	});
});

describe('A4: an answer has a size too', () => {
	it('a 20,000-character answer from a member of the keeping group is refused; the colleague’s next answer arrives', async () => {
		const { owner, household } = await aHousehold();
		const bloater = await open(V, colleague);
		const gone = new Promise<{ code: number; reason: string }>((resolve) =>
			bloater.provider.on('connection-close', (event: { code: number; reason: string } | null) => event && event.code >= 4000 && resolve(event))
		);
		new DossierDoc(bloater.doc).setAnswer(household, CARD_FORM, 'note', '很'.repeat(20_000));
		expect(await gone).toMatchObject({ code: CLOSE.forbidden, reason: expect.stringMatching(/too large/) });
		new DossierDoc(owner.doc).setAnswer(household, CARD_FORM, 'phone', '13500000005');
		await owner.durable.whenDurable();
		expect(await readerSees(household, 'phone')).toBe('13500000005');
		expect(await readerSees(household, 'note')).toBeUndefined();
	});
});

describe('B2, B4: signatures and households hold up', () => {
	const image = SIGNATURE_IMAGE_PREFIX + btoa('<svg xmlns="http://www.w3.org/2000/svg"/>');

	async function refusedWrite(as: TestUser, edit: (doc: Y.Doc) => void): Promise<{ code: number; reason: string }> {
		const c = await open(V, as);
		const gone = new Promise<{ code: number; reason: string }>((resolve) =>
			c.provider.on('connection-close', (event: { code: number; reason: string } | null) => event && event.code >= 4000 && resolve(event))
		);
		edit(c.doc);
		return gone;
	}

	it('a signature is made only by the person it names, and never changed; signing again adds one', async () => {
		const { owner, household } = await aHousehold();
		const key = signatureKey({ householdId: household }, 'household-screening-2022@aug2022', 'checker_signature');
		const mine = new DossierDoc(owner.doc);
		mine.sign(key, signForm('sigOwn00001', completeScreening(), { id: cadre.id, name: '王干部' }, image));
		await owner.durable.whenDurable();
		// A colleague of the same group signs "as" the cadre, then rewrites the cadre's signature.
		expect(await refusedWrite(colleague, (doc) => new DossierDoc(doc).sign(key, signForm('sigForged01', completeScreening(), { id: cadre.id, name: '王干部' }, image)))).toMatchObject({
			code: CLOSE.forbidden,
			reason: expect.stringMatching(/person it names/)
		});
		expect(
			await refusedWrite(colleague, (doc) => doc.getMap(ROOT.signatures).set(`${key}#sigOwn00001`, signForm('sigOwn00001', completeScreening({ ...allAnswered(), s2_unsafe: true }), { id: cadre.id, name: '王干部' }, image)))
		).toMatchObject({ code: CLOSE.forbidden, reason: expect.stringMatching(/never changed/) });
		expect(await refusedWrite(colleague, (doc) => doc.getMap(ROOT.signatures).delete(`${key}#sigOwn00001`))).toMatchObject({ code: CLOSE.forbidden, reason: expect.stringMatching(/never changed or deleted/) });
		// The colleague signs in their own name: a second record; the form's signature is the latest.
		const other = await open(V, colleague);
		new DossierDoc(other.doc).sign(key, signForm('sigColl0001', completeScreening(), { id: colleague.id, name: '孙同组' }, image, new Date(Date.now() + 1000)));
		await other.durable.whenDurable();
		const fresh = await open(V, reviewer);
		expect(new DossierDoc(fresh.doc).signature(key)).toMatchObject({ by: { id: colleague.id, name: '孙同组' } });
		expect(fresh.doc.getMap(ROOT.signatures).size).toBe(2);
	});

	it('a stock client cannot sign a form that is not complete', async () => {
		const { household } = await aHousehold();
		const key = signatureKey({ householdId: household }, 'household-screening-2022@aug2022', 'checker_signature');
		const me = { id: cadre.id, name: '王干部' };
		const unanswered = allAnswered();
		delete unanswered.s3_dropout;
		expect(await refusedWrite(cadre, (doc) => new DossierDoc(doc).sign(key, signForm('sigGap00001', completeScreening(unanswered), me, image)))).toMatchObject({
			code: CLOSE.forbidden,
			reason: expect.stringMatching(/Signed incomplete: s3_dropout/)
		});
		// A lifted household is asked about its sign plate: the form is not complete without it.
		const noPlate = allAnswered();
		delete noPlate.s2_sign_matches;
		expect(await refusedWrite(cadre, (doc) => new DossierDoc(doc).sign(key, signForm('sigGap00002', completeScreening(noPlate), me, image)))).toMatchObject({
			code: CLOSE.forbidden,
			reason: expect.stringMatching(/s2_sign_matches/)
		});
		const fresh = await open(V, reviewer);
		expect(new DossierDoc(fresh.doc).signature(key)).toBeNull();
	});

	it('a 销号 or 退回 without the reviewer’s drawn signature is refused; with it, the finding closes', async () => {
		const review = `${V}/review`;
		const raiser = await open(review, checker);
		const asChecker = { id: checker.id, name: '赵检查' };
		new ReviewDoc(V, raiser.doc).raise(
			sampleFinding({ id: 'unsigned1', dossierId: V, raisedBy: asChecker, signature: { ...sampleFinding().signature, by: asChecker }, roundId: 'roundX1', checkerGroupId: 'group-x' })
		);
		await raiser.durable.whenDurable();
		const owner = await open(review, cadre);
		await until(() => new ReviewDoc(V, owner.doc).entry('unsigned1') !== null, 5000, 'finding arrives');
		new ReviewDoc(V, owner.doc).transition('unsigned1', { type: 'submit', by: { id: cadre.id, name: '王干部' }, role: 'owner', measure: '已鉴定并维修' }, ['owner']);
		await owner.durable.whenDurable();
		const asReviewer = { id: reviewer.id, name: '李审核' };
		const push = (doc: Y.Doc, event: Record<string, unknown>) =>
			((doc.getMap('findings').get('unsigned1') as Y.Map<unknown>).get('events') as Y.Array<unknown>).push([{ by: asReviewer, role: 'reviewer', at: new Date().toISOString(), ...event }]);
		for (const step of [{ id: 'close00001', type: 'close' }, { id: 'return0001', type: 'return', reason: '照片不清' }]) {
			const c = await open(review, reviewer);
			await until(() => new ReviewDoc(V, c.doc).entry('unsigned1')?.status.state === 'submitted', 5000, 'submitted');
			const gone = new Promise<{ code: number; reason: string }>((resolve) => c.provider.on('connection-close', (e: { code: number; reason: string } | null) => e && e.code >= 4000 && resolve(e)));
			push(c.doc, step);
			expect(await gone).toMatchObject({ code: CLOSE.forbidden, reason: expect.stringMatching(/drawn signature/) });
		}
		const signer = await open(review, reviewer);
		await until(() => new ReviewDoc(V, signer.doc).entry('unsigned1')?.status.state === 'submitted', 5000, 'submitted');
		push(signer.doc, { id: 'close00002', type: 'close', ...reviewerSigned });
		await signer.durable.whenDurable();
		const fresh = await open(review, colleague);
		const entry = new ReviewDoc(V, fresh.doc).entry('unsigned1')!;
		expect(entry.status.state).toBe('closed');
		expect(entry.status.history.map((h) => h.event.id)).toEqual(expect.arrayContaining(['close00002']));
		expect(entry.status.history.map((h) => h.event.id)).not.toContain('close00001');
	});

	it('a household is withdrawn, never deleted', async () => {
		const { household } = await aHousehold();
		expect(await refusedWrite(colleague, (doc) => doc.getMap(ROOT.households).delete(household))).toMatchObject({ code: CLOSE.forbidden, reason: expect.stringMatching(/never deleted/) });
		const fresh = await open(V, reviewer);
		expect(new DossierDoc(fresh.doc).household(household)).not.toBeNull();
	});
});
