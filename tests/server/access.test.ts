/**
 * Who may open and write what, enforced by the server for stock y-websocket clients (access.ts):
 * each rule with the client that keeps it and the client that forges its way past it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { DossierDoc } from '../../src/lib/dossier/dossierDoc';
import { CARD_FORM } from '../../src/lib/dossier/layout';
import { ReviewDoc } from '../../src/lib/review/reviewDoc';
import { OrganisationDoc } from '../../src/lib/organisation/organisationDoc';
import { reviewerSigned, sampleFinding } from '../../src/lib/ledger/ledgerFixtures';
import { localDay, addDays } from '../../src/lib/calendar/calendar';
import { CLOSE } from '../../src/lib/sync/protocol';
import { connect, startServer, synced, until, type Client, type ServerProcess, type TestUser } from './harness';
import { Township } from '../support/township';
import { newMonitoringStep } from '../../src/lib/household/monitoring';
import { newCheckPass } from '../../src/lib/ledger/checkPass';
import { newRecordReviewStep } from '../../src/lib/review/recordReview';
import { newId } from '../../src/lib/dossier/ids';
import { drawSample, sampleRecords } from '../../src/lib/review/backCheck';

let server: ServerProcess;
const clients: Client[] = [];
let cadreA: TestUser;
let cadreB: TestUser;
let reviewer: TestUser;
let outsider: TestUser;
const A = 'villageA01';
const B = 'villageB01';

async function open(room: string, as: TestUser): Promise<Client> {
	const c = await connect(server, room, { as });
	clients.push(c);
	return c;
}

/** The close code the server gives a client, once it closes. */
function closeOf(client: Client): Promise<{ code: number; reason: string }> {
	return new Promise((resolve) =>
		client.provider.on('connection-close', (event: { code: number; reason: string } | null) => {
			if (event && event.code >= 4000) resolve({ code: event.code, reason: event.reason });
		})
	);
}

/** The HTTP status of a websocket upgrade, and whether any byte arrived. */
async function upgrade(room: string, token: string | null): Promise<{ status: number; bytes: number }> {
	const ws = new WebSocket(`${server.wsUrl}/${room}${token ? `?token=${encodeURIComponent(token)}` : ''}`);
	let bytes = 0;
	ws.on('message', (m: Buffer) => (bytes += m.length));
	ws.on('error', () => {});
	const status = await new Promise<number>((r) => {
		ws.once('unexpected-response', (_q, res) => r(res.statusCode ?? 0));
		ws.once('open', () => r(101));
	});
	ws.terminate();
	return { status, bytes };
}

const me = (user: TestUser, name: string) => ({ id: user.id, name });

beforeAll(async () => {
	server = await startServer();
	const groupB = 'group-b';
	const groupC = 'group-c';
	await server.editOrganisation((org) => {
		org.saveGroup({ id: groupB, name: '第二组', createdAt: new Date().toISOString(), dissolvedAt: null });
		org.saveGroup({ id: groupC, name: '第三组', createdAt: new Date().toISOString(), dissolvedAt: null });
	});
	await server.addVillage(A);
	await server.addVillage(B, groupB);
	cadreA = await server.createUser({ name: '王干部' });
	cadreB = await server.createUser({ name: '赵检查', groupId: groupB });
	reviewer = await server.createUser({ name: '李审核', groupId: null, reviewer: true });
	outsider = await server.createUser({ name: '钱路人', groupId: groupC });
	const today = localDay();
	await server.editOrganisation((org) => {
		org.saveRound({ id: 'round01', name: '推磨互查', startsOn: addDays(today, -3), endsOn: addDays(today, 3), createdAt: new Date().toISOString(), createdBy: '乡镇' });
		org.setRotation('round01', { [A]: groupB, [B]: server.groupId });
	});
});
afterEach(() => {
	for (const c of clients.splice(0)) c.destroy();
});
afterAll(async () => {
	await server?.dispose();
});

describe('who may open a village', () => {
	it('lets in the keeping group, the checkers of a running round, reviewers; refuses anyone else before any byte', async () => {
		for (const user of [cadreA, cadreB, reviewer]) expect((await upgrade(A, await server.token(user, A))).status).toBe(101);
		// A cadre with no part in the village cannot even get a token for it.
		expect((await server.api(outsider, '/api/sync-token', { body: { scope: { kind: 'village', dossierId: A } } })).status).toBe(403);
		// ...nor get in with someone else's scope.
		expect(await upgrade(A, await server.token(outsider, `org/${server.townshipId}`))).toEqual({ status: 401, bytes: 0 });
		expect(await upgrade(A, null)).toEqual({ status: 401, bytes: 0 });
		// A village the township's organisation does not have gives nobody a token.
		expect((await server.api(cadreA, '/api/sync-token', { body: { scope: { kind: 'village', dossierId: 'notInTown01' } } })).status).toBe(403);
	});

	it('a village belongs to the township that registered it: another listing it in its organisation gets nothing', async () => {
		const other = await Township.create(server.url, server.dataDir, '邻镇');
		try {
			await other.editOrganisation((org) => org.saveVillage({ dossierId: A, name: '冒名村', groupId: null }));
			expect((await other.api(other.admin, '/api/sync-token', { body: { scope: { kind: 'village', dossierId: A } } })).status).toBe(403);
			const claim = { id: A, township: '邻镇', village: '冒名村', createdAt: new Date().toISOString(), createdBy: '邻镇管理员' };
			expect((await other.api(other.admin, `/api/dossiers/${A}`, { method: 'PUT', body: claim })).status).toBe(404);
			expect((await other.api(other.admin, `/api/dossiers/${A}`)).status).toBe(404);
			expect((await other.api(other.admin, `/api/dossiers/${A}/audit`)).status).toBe(404);
			const listed = (await (await other.api(other.admin, '/api/dossiers')).json()) as { dossiers: { id: string }[] };
			expect(listed.dossiers).toEqual([]);
			// The registry keeps the first registration.
			expect(((await (await server.api(server.admin, `/api/dossiers/${A}`)).json()) as { village: string }).village).not.toBe('冒名村');
		} finally {
			other.close();
		}
	});

	it('lists only the dossiers a person may read', async () => {
		for (const id of [A, B]) {
			await server.api(server.admin, `/api/dossiers/${id}`, {
				method: 'PUT',
				body: { id, township: '测试镇', village: id, createdAt: new Date().toISOString(), createdBy: '管理员' }
			});
		}
		const list = async (user: TestUser) => ((await (await server.api(user, '/api/dossiers')).json()) as { dossiers: { id: string }[] }).dossiers.map((d) => d.id);
		expect(await list(outsider)).toEqual([]);
		expect((await list(cadreA)).sort()).toEqual([A, B]);
		expect(await list(reviewer)).toEqual(expect.arrayContaining([A, B]));
	});
});

/** Each forger, on a review connection of its own, writes one thing; each is closed with 4403. */
async function refusedEach(forgers: [TestUser, (d: ReviewDoc) => void][]): Promise<void> {
	for (const [as, forge] of forgers) {
		const forger = await open(`${A}/review`, as);
		await synced(forger);
		const closed = closeOf(forger);
		forge(new ReviewDoc(A, forger.doc));
		expect((await closed).code).toBe(CLOSE.forbidden);
	}
}

describe('who may write what', () => {
	it('the keeping group writes answers; a checker’s forged answer is refused, not stored, not broadcast, and nobody else is disturbed', async () => {
		const owner = await open(A, cadreA);
		const checker = await open(A, cadreB);
		await Promise.all([synced(owner), synced(checker)]);
		const household = new DossierDoc(owner.doc).createHousehold({ head: '刘大', type: 'lifted' }, { name: '王干部' });
		await owner.durable.whenDurable();
		await until(() => new DossierDoc(checker.doc).household(household) !== null, 5000, 'checker reads');

		const closing = closeOf(checker);
		new DossierDoc(checker.doc).setAnswer(household, CARD_FORM, 'phone', '13900000000');
		const closed = await closing;
		expect(closed.code).toBe(CLOSE.forbidden);
		expect(closed.reason).toMatch(/Read only/);
		// The owner goes on, and never sees the forged value; a fresh reader does not find it.
		new DossierDoc(owner.doc).setAnswer(household, CARD_FORM, 'note', '继续填写');
		await owner.durable.whenDurable();
		const fresh = await open(A, reviewer);
		await synced(fresh);
		expect(new DossierDoc(fresh.doc).answer(household, CARD_FORM, 'note')).toBe('继续填写');
		expect(new DossierDoc(fresh.doc).answer(household, CARD_FORM, 'phone')).toBeUndefined();
		expect(new DossierDoc(owner.doc).answer(household, CARD_FORM, 'phone')).toBeUndefined();
	});

	it('nobody writes under another person’s client id, so nobody can pre-empt their next edit', async () => {
		const colleague = await server.createUser({ name: '孙同组' });
		const owner = await open(A, cadreA);
		const forger = await open(A, colleague);
		await Promise.all([synced(owner), synced(forger)]);
		const household = new DossierDoc(owner.doc).createHousehold({ head: '周二', type: 'lifted' }, { name: '王干部' });
		await owner.durable.whenDurable();
		await until(() => new DossierDoc(forger.doc).household(household) !== null, 5000, 'colleague reads');
		// Both may write answers; but the forger writes at the owner's next clock, under the owner's id.
		const closing = closeOf(forger);
		const ownId = forger.doc.clientID;
		forger.doc.clientID = owner.doc.clientID;
		new DossierDoc(forger.doc).setAnswer(household, CARD_FORM, 'phone', '13000000000');
		const closed = await closing;
		forger.doc.clientID = ownId; // its awareness state is kept under its own id
		expect(closed.code).toBe(CLOSE.clientIdTaken);
		expect(closed.reason).toMatch(/taken/);
		// The owner's own edit at that clock is stored, and a fresh reader sees it.
		new DossierDoc(owner.doc).setAnswer(household, CARD_FORM, 'phone', '13900000001');
		await owner.durable.whenDurable();
		const fresh = await open(A, reviewer);
		await synced(fresh);
		expect(new DossierDoc(fresh.doc).answer(household, CARD_FORM, 'phone')).toBe('13900000001');
	});

	it('a checker raises a finding in their own name; one forged in another’s name is refused', async () => {
		const checker = await open(`${A}/review`, cadreB);
		const watcher = await open(`${A}/review`, cadreA);
		await Promise.all([synced(checker), synced(watcher)]);
		const as = me(cadreB, '赵检查');
		new ReviewDoc(A, checker.doc).raise(sampleFinding({ id: 'honest1', dossierId: A, raisedBy: as, signature: { ...sampleFinding().signature, by: as }, checkerGroupId: 'group-b', roundId: 'round01' }));
		await checker.durable.whenDurable();
		await until(() => new ReviewDoc(A, watcher.doc).entries().length === 1, 5000, 'finding arrives');

		const forger = await open(`${A}/review`, cadreB);
		await synced(forger);
		const closing = closeOf(forger);
		const victim = me(cadreA, '王干部');
		new ReviewDoc(A, forger.doc).raise(sampleFinding({ id: 'forged1', dossierId: A, raisedBy: victim, signature: { ...sampleFinding().signature, by: victim }, role: 'owner', roundId: null, checkerGroupId: null }));
		expect((await closing).code).toBe(CLOSE.forbidden);
		await new Promise((r) => setTimeout(r, 200));
		expect(new ReviewDoc(A, watcher.doc).entries().map((e) => e.finding.id)).toEqual(['honest1']);
		const fresh = await open(`${A}/review`, reviewer);
		await synced(fresh);
		expect(new ReviewDoc(A, fresh.doc).entries().map((e) => e.finding.id)).toEqual(['honest1']);
	});

	it('monitoring steps, 数据核查 decisions and check passes are taken only in the sender’s own name and role; a forged one is refused and never reaches anyone', async () => {
		const cadre = me(cadreA, '王干部');
		const stranger = me(reviewer, '李审核');
		const shown = '{"seen":true}';
		// Monitoring steps (the dossier): the honest one arrives, one in another's name closes the sender.
		const honestDossier = await open(A, cadreA);
		const dossierWatcher = await open(A, reviewer);
		await Promise.all([synced(honestDossier), synced(dossierWatcher)]);
		const step = (by: { id: string; name: string }) => newMonitoringStep({ householdId: 'hhMonitor1', step: 'included', on: '2026-03-01', reason: '因病', by });
		new DossierDoc(honestDossier.doc).addMonitoringStep(step(cadre));
		await honestDossier.durable.whenDurable();
		await until(() => new DossierDoc(dossierWatcher.doc).monitoring('hhMonitor1').entries.length === 1, 5000, 'step arrives');
		const forgerDossier = await open(A, cadreA);
		await synced(forgerDossier);
		const dossierClosed = closeOf(forgerDossier);
		new DossierDoc(forgerDossier.doc).addMonitoringStep(step(stranger));
		expect((await dossierClosed).code).toBe(CLOSE.forbidden);

		// Decisions and passes (the review document).
		const watcher = await open(`${A}/review`, reviewer);
		const checking = await open(`${A}/review`, cadreB);
		await Promise.all([synced(watcher), synced(checking)]);
		const checkerActor = me(cadreB, '赵检查');
		new ReviewDoc(A, checking.doc).pass(newCheckPass({ id: 'passHonest1', householdId: 'hhMonitor1', head: '', formKey: 'household-screening-2022@aug2022', roundId: 'round01', groupId: 'group-b', by: checkerActor, image: reviewerSigned.image, shown }));
		await checking.durable.whenDurable();
		await until(() => new ReviewDoc(A, watcher.doc).passes().length === 1, 5000, 'pass arrives');
		const forgers: [TestUser, (d: ReviewDoc) => void][] = [
			[cadreA, (d) => d.decide({ check: 'relations:h1:2', verdict: 'notAProblem', by: stranger, note: '' })],
			// The keeping group is no checker: it cannot pass its own village.
			[cadreA, (d) => d.pass(newCheckPass({ id: 'passForged1', householdId: 'hhMonitor1', head: '', formKey: 'household-screening-2022@aug2022', roundId: 'round01', groupId: 'group-b', by: cadre, image: reviewerSigned.image, shown }))],
			// A checker naming a round it does not check in.
			[cadreB, (d) => d.pass(newCheckPass({ id: 'passForged2', householdId: 'hhMonitor1', head: '', formKey: 'household-screening-2022@aug2022', roundId: 'otherRound', groupId: 'group-b', by: checkerActor, image: reviewerSigned.image, shown }))]
		];
		await refusedEach(forgers);
		await new Promise((r) => setTimeout(r, 200));
		expect(new ReviewDoc(A, watcher.doc).passes().map((p) => p.id)).toEqual(['passHonest1']);
		expect(new ReviewDoc(A, watcher.doc).decisions().size).toBe(0);
		const fresh = await open(A, reviewer);
		const freshReview = await open(`${A}/review`, reviewer);
		await Promise.all([synced(fresh), synced(freshReview)]);
		expect(new DossierDoc(fresh.doc).monitoring('hhMonitor1').entries.map((e) => e.step.by.name)).toEqual(['王干部']);
		expect(new ReviewDoc(A, freshReview.doc).passes().map((p) => p.id)).toEqual(['passHonest1']);
	});

	it('record review steps, back-check samples and second visits are taken only in the sender’s own name and role; a forged one is refused and never reaches anyone', async () => {
		const cadre = me(cadreA, '王干部');
		const theReviewer = me(reviewer, '李审核');
		const record = { 'card:head': '赵大' };
		const step = (type: 'submit' | 'return' | 'approve', by: { id: string; name: string }, extra: object = {}) =>
			newRecordReviewStep({ id: newId(), householdId: 'hhRecord1', campaignId: 'aug2022', head: '赵大', type, by, record, ...extra });
		const sample = (by: { id: string; name: string }) =>
			sampleRecords(drawSample({ seed: '1', percent: 100, households: [{ dossierId: A, householdId: 'hhRecord1', type: 'ordinary' }] }), { roundId: 'round01', campaignId: 'aug2022', drawnBy: by }).get(A)!;
		const visit = (sampleId: string, by: { id: string; name: string }) => ({ id: newId(), sampleId, householdId: 'hhRecord1', formKey: 'household-screening-2022@aug2022', answers: { s2_unsafe: true }, by, at: new Date().toISOString(), note: '' });

		const watcher = await open(`${A}/review`, cadreB);
		const keeper = await open(`${A}/review`, cadreA);
		const township = await open(`${A}/review`, reviewer);
		await Promise.all([synced(watcher), synced(keeper), synced(township)]);
		new ReviewDoc(A, keeper.doc).reviewRecord(step('submit', cadre));
		await keeper.durable.whenDurable();
		const drawn = sample(theReviewer);
		const review = new ReviewDoc(A, township.doc);
		review.reviewRecord(step('approve', theReviewer, reviewerSigned));
		review.drawSample(drawn);
		review.recordVisit(visit(drawn.id, theReviewer));
		await township.durable.whenDurable();
		await until(() => new ReviewDoc(A, watcher.doc).visits().length === 1, 5000, 'honest records arrive');

		const forgers: [TestUser, (d: ReviewDoc) => void][] = [
			// The keeping group approving its own record, a reviewer's step in another's name, a checker's draw and visit.
			[cadreA, (d) => d.reviewRecord(step('approve', cadre, reviewerSigned))],
			[reviewer, (d) => d.reviewRecord(step('return', cadre, { reasons: [{ key: 'card:head', reason: '伪造' }] }))],
			[cadreB, (d) => d.drawSample(sample(me(cadreB, '赵检查')))],
			[cadreB, (d) => d.recordVisit(visit(drawn.id, me(cadreB, '赵检查')))],
			// A step in the sender's own name and role, but far over the size a record may have.
			[cadreA, (d) => d.doc.getMap('recordReviews').set('stepHuge0001', { ...step('submit', cadre), id: 'stepHuge0001', note: '大'.repeat(900_000) })]
		];
		await refusedEach(forgers);
		await new Promise((r) => setTimeout(r, 200));
		const fresh = await open(`${A}/review`, reviewer);
		await synced(fresh);
		const kept = new ReviewDoc(A, fresh.doc);
		expect([...kept.recordReviews().values()].flat().map((s) => `${s.type}:${s.by.name}`)).toEqual(['submit:王干部', 'approve:李审核']);
		expect(kept.samples().map((s) => s.id)).toEqual([drawn.id]);
		expect(kept.visits().map((v) => v.by.name)).toEqual(['李审核']);
	});

	it('a checker whose round ended days ago still syncs the findings made offline on its last day', async () => {
		const today = localDay();
		await server.editOrganisation((org) => {
			org.saveRound({ id: 'past01', name: '上轮互查', startsOn: addDays(today, -10), endsOn: addDays(today, -2), createdAt: new Date().toISOString(), createdBy: '乡镇' });
			org.setRotation('past01', { [B]: 'group-c' });
		});
		try {
			const checker = await open(`${B}/review`, outsider);
			await synced(checker);
			const as = me(outsider, '钱路人');
			new ReviewDoc(B, checker.doc).raise(
				sampleFinding({ id: 'late1', dossierId: B, raisedBy: as, signature: { ...sampleFinding().signature, by: as }, roundId: 'past01', checkerGroupId: 'group-c' })
			);
			await checker.durable.whenDurable();
			const fresh = await open(`${B}/review`, reviewer);
			await synced(fresh);
			expect(new ReviewDoc(B, fresh.doc).entries().map((e) => e.finding.id)).toContain('late1');
		} finally {
			await server.editOrganisation((org) => org.setRotation('past01', {}));
		}
	});

	it('only the keeping group rectifies, only a reviewer closes, and never their own finding', async () => {
		const reviewerClient = await open(`${A}/review`, reviewer);
		await synced(reviewerClient);
		const r = me(reviewer, '李审核');
		new ReviewDoc(A, reviewerClient.doc).raise(
			sampleFinding({ id: 'byReviewer', dossierId: A, raisedBy: r, signature: { ...sampleFinding().signature, by: r }, role: 'reviewer', roundId: null, checkerGroupId: null })
		);
		await reviewerClient.durable.whenDurable();
		const owner = await open(`${A}/review`, cadreA);
		await synced(owner);
		new ReviewDoc(A, owner.doc).transition('byReviewer', { type: 'submit', by: me(cadreA, '王干部'), role: 'owner', measure: '已整改' }, ['owner']);
		await owner.durable.whenDurable();
		await until(() => new ReviewDoc(A, reviewerClient.doc).entry('byReviewer')?.status.state === 'submitted', 5000, 'submitted');

		// The reviewer who raised it pushes a close past the document model: refused by the server.
		const closing = closeOf(reviewerClient);
		const events = (reviewerClient.doc.getMap('findings').get('byReviewer') as Y.Map<unknown>).get('events') as Y.Array<unknown>;
		events.push([{ id: 'ownclose', type: 'close', by: r, role: 'reviewer', at: new Date().toISOString(), ...reviewerSigned }]);
		expect((await closing).code).toBe(CLOSE.forbidden);
		// A checker claiming to be the keeping group cannot submit either.
		const checker = await open(`${A}/review`, cadreB);
		await synced(checker);
		const checkerClosing = closeOf(checker);
		const checkerEvents = (checker.doc.getMap('findings').get('byReviewer') as Y.Map<unknown>).get('events') as Y.Array<unknown>;
		checkerEvents.push([{ id: 'fake', type: 'submit', by: me(cadreB, '赵检查'), role: 'owner', at: new Date().toISOString(), measure: 'x' }]);
		expect((await checkerClosing).code).toBe(CLOSE.forbidden);
		const fresh = await open(`${A}/review`, cadreA);
		await synced(fresh);
		expect(new ReviewDoc(A, fresh.doc).entry('byReviewer')!.status.history.map((h) => h.event.id)).not.toContain('ownclose');
		expect(new ReviewDoc(A, fresh.doc).entry('byReviewer')!.status.state).toBe('submitted');
	});

	it('an administrator sets up a village’s identity and campaigns, and writes nothing else there', async () => {
		const second = await server.createUser({ name: '第二管理员', groupId: null });
		expect((await server.api(server.admin, `/api/accounts/${second.id}`, { method: 'PATCH', body: { admin: true } })).status).toBe(200);
		const setup = await open(B, second);
		await synced(setup);
		new DossierDoc(setup.doc).init({ id: B, township: '测试镇', village: '乙村', createdBy: '第二管理员' });
		await setup.durable.whenDurable();
		const closing = closeOf(setup);
		new DossierDoc(setup.doc).createHousehold({ head: '管理员不该填', type: 'ordinary' }, { name: '第二管理员' });
		expect((await closing).reason).toMatch(/sets up a dossier/);
		const reader = await open(B, reviewer);
		await synced(reader);
		expect(new DossierDoc(reader.doc).meta()?.village).toBe('乙村');
		expect(new DossierDoc(reader.doc).listHouseholds()).toEqual([]);
	});

	it('closes a reader’s connection once the organisation takes their part away', async () => {
		const moved = await server.createUser({ name: '调走的干部' });
		const reader = await open(A, moved);
		await synced(reader);
		const closing = closeOf(reader);
		await server.editOrganisation((org) => org.updatePerson(moved.id, { groupId: null }));
		const closed = await closing;
		expect(closed.code).toBe(CLOSE.forbidden);
		expect(closed.reason).toMatch(/no access/);
		expect((await server.api(moved, '/api/sync-token', { body: { scope: { kind: 'village', dossierId: A } } })).status).toBe(403);
	});

	it('a change made only of deletions (a check cleared) takes the checker’s part away too', async () => {
		const checker = await open(A, cadreB);
		await synced(checker);
		const closing = closeOf(checker);
		await server.editOrganisation((org) => org.setCheck('round01', A, null));
		expect((await closing).code).toBe(CLOSE.forbidden);
		await server.editOrganisation((org) => org.setCheck('round01', A, 'group-b'));
	});

	it('an administrator with no part in a village reads its review, comments and marks seen', async () => {
		const review = await open(`${A}/review`, server.admin);
		await synced(review);
		const doc = new ReviewDoc(A, review.doc);
		const comment = doc.addComment({ thread: `v:${A}`, parentId: null, by: me(server.admin, '管理员'), text: '请各组抓紧', mentions: [] });
		doc.markSeen(server.admin.id, comment.thread, [comment.id]);
		await review.durable.whenDurable();
		const fresh = await open(`${A}/review`, reviewer);
		await synced(fresh);
		expect(new ReviewDoc(A, fresh.doc).comments().map((c) => c.text)).toContain('请各组抓紧');
	});

	it('rights taken from an administrator apply to connections already open', async () => {
		const deputy = await server.createUser({ name: '副管理员' });
		expect((await server.api(server.admin, `/api/accounts/${deputy.id}`, { method: 'PATCH', body: { admin: true } })).status).toBe(200);
		const room = `org/${server.townshipId}`;
		const conn = await open(room, deputy);
		await synced(conn);
		const closing = closeOf(conn);
		expect((await server.api(server.admin, `/api/accounts/${deputy.id}`, { method: 'PATCH', body: { admin: false } })).status).toBe(200);
		expect((await closing).code).toBe(CLOSE.serverError);
		// Back in (the client retries at once), now without the right to change the organisation.
		await synced(conn);
		const refused = closeOf(conn);
		new OrganisationDoc(conn.doc).updatePerson(deputy.id, { reviewer: true });
		expect((await refused).code).toBe(CLOSE.forbidden);
	});

	it('only administrators change the organisation', async () => {
		const room = `org/${server.townshipId}`;
		const cadre = await open(room, cadreA);
		await synced(cadre);
		const closing = closeOf(cadre);
		new OrganisationDoc(cadre.doc).updatePerson(cadreA.id, { reviewer: true });
		expect((await closing).code).toBe(CLOSE.forbidden);
		const admin = await open(room, server.admin);
		await synced(admin);
		expect(new OrganisationDoc(admin.doc).person(cadreA.id)?.reviewer).toBe(false);
	});
});

describe('accounts', () => {
	it('disabling an account, signing out and changing a password close the connections they should', async () => {
		const temp = await server.createUser({ name: '临时工' });
		const other = await server.signIn(temp.username, temp.password);
		const a = await open(A, temp);
		const b = await open(A, other);
		await Promise.all([synced(a), synced(b)]);
		// A password change ends the other session (and its connection), not the changer's.
		const bClosed = closeOf(b);
		expect((await server.api(temp, '/api/password', { body: { current: temp.password, next: 'a-new-password' } })).status).toBe(204);
		expect((await bClosed).code).toBe(CLOSE.unauthorized);
		expect((await server.api(other, '/api/me')).status).toBe(401);
		expect((await server.api(temp, '/api/me')).status).toBe(200);
		// Disabled by an administrator: the open connection closes at once, sign-in is refused.
		const aClosed = closeOf(a);
		const res = await server.api(server.admin, `/api/accounts/${temp.id}`, { method: 'PATCH', body: { disabled: true } });
		expect(res.status).toBe(200);
		expect((await aClosed).code).toBe(CLOSE.unauthorized);
		expect((await server.api(null, '/api/login', { body: { username: temp.username, password: 'a-new-password', device: 'device-x1' } })).status).toBe(401);
	});

	it('throttles password guessing and treats SQL in any field as text', async () => {
		const guesser = { username: cadreA.username, device: 'device-guess' };
		const statuses: number[] = [];
		for (let i = 0; i < 6; i++) statuses.push((await server.api(null, '/api/login', { body: { ...guesser, password: `guess-${i}` } })).status);
		expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
		const blocked = await server.api(null, '/api/login', { body: { ...guesser, password: cadreA.password } });
		expect(blocked.status).toBe(429);
		expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
		expect((await server.api(null, '/api/login', { body: { username: "' OR 1=1 --", password: "x' OR '1'='1", device: 'device-sqli' } })).status).toBe(401);
		const name = "赵'; DROP TABLE users; --";
		const odd = await server.createUser({ name: '占位' });
		const changed = await server.api(server.admin, `/api/accounts/${odd.id}`, { method: 'PATCH', body: { name } });
		expect(((await changed.json()) as { name: string }).name).toBe(name);
		expect((await server.api(server.admin, '/api/me')).status).toBe(200);
	});

	it('only administrators manage accounts, and only their township’s', async () => {
		expect((await server.api(cadreA, '/api/accounts')).status).toBe(403);
		expect((await server.api(cadreA, `/api/accounts/${cadreB.id}`, { method: 'PATCH', body: { admin: true } })).status).toBe(403);
		expect((await server.api(server.admin, '/api/accounts/nosuchaccount', { method: 'PATCH', body: { disabled: true } })).status).toBe(404);
		expect((await server.api(server.admin, `/api/accounts/${server.admin.id}`, { method: 'PATCH', body: { disabled: true } })).status).toBe(400);
		const list = (await (await server.api(server.admin, '/api/accounts')).json()) as { accounts: { id: string; username: string }[] };
		expect(list.accounts.map((a) => a.id)).toEqual(expect.arrayContaining([cadreA.id, cadreB.id, reviewer.id]));
		expect(JSON.stringify(list)).not.toMatch(/scrypt/);
	});
});

describe('tokens', () => {
	it('expire: an expired token is refused before any byte', async () => {
		// Long enough to be used at once on a loaded machine (1 s was not, under CI's parallel tests).
		const own = await startServer({ env: { SYNC_TOKEN_SECONDS: '3' } });
		try {
			await own.addVillage('shortlived1');
			const token = await own.token(own.admin, 'shortlived1');
			expect((await upgradeTo(own, 'shortlived1', token)).status).toBe(101);
			await new Promise((r) => setTimeout(r, 3100));
			expect(await upgradeTo(own, 'shortlived1', token)).toEqual({ status: 401, bytes: 0 });
		} finally {
			await own.dispose();
		}
	});
});

async function upgradeTo(target: ServerProcess, room: string, token: string) {
	const saved = server;
	server = target;
	try {
		return await upgrade(room, token);
	} finally {
		server = saved;
	}
}
