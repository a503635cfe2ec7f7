import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ReviewDoc } from '../../src/lib/review/reviewDoc';
import { sampleFinding, people, reviewerSigned } from '../../src/lib/ledger/ledgerFixtures';
import { factsOf } from '../../src/lib/review/reviewDoc';
import { inspectUpdate, changesDocument, decodeForJudging } from './updateInspection';
import { reviewWriteRefusal, type ReviewWriter } from './reviewRules';
import type { Role } from '../../src/lib/ledger/ledger';
import { newRecordReviewStep } from '../../src/lib/review/recordReview';
import { drawSample, sampleRecords } from '../../src/lib/review/backCheck';
import { newId } from '../../src/lib/dossier/ids';

const { checker, cadre, reviewer } = people;
const DOSSIER = 'village0001';

/** The server's document and a client's copy of it; `act` returns what the client would send. */
function setup() {
	const server = new ReviewDoc(DOSSIER);
	const client = () => {
		const c = new ReviewDoc(DOSSIER);
		Y.applyUpdate(c.doc, Y.encodeStateAsUpdate(server.doc));
		return c;
	};
	const act = (c: ReviewDoc, fn: (d: ReviewDoc) => void): Uint8Array => {
		const before = Y.encodeStateVector(c.doc);
		fn(c);
		return Y.encodeStateAsUpdate(c.doc, before);
	};
	const writer = (userId: string, roles: Role[], groupId: string | null = null, roundId: string | null = roles.includes('checker') ? 'r1' : null): ReviewWriter => ({
		userId,
		dossierId: DOSSIER,
		roles,
		groupId,
		roundId,
		finding: (id) => {
			const entry = server.entry(id);
			if (!entry) return null;
			const facts = factsOf(entry.finding);
			return { raisedBy: facts.raisedBy.id, signedBy: facts.signedBy.id };
		}
	});
	const judge = (update: Uint8Array, who: ReviewWriter) => {
		const inspection = inspectUpdate(server.doc, update);
		if (!inspection.ok) return inspection.reason;
		return reviewWriteRefusal(inspection.writes, inspection.deletes, who);
	};
	const accept = (update: Uint8Array) => Y.applyUpdate(server.doc, update);
	return { server, client, act, writer, judge, accept };
}

describe('what a review document accepts from whom', () => {
	it('accepts honest work in each role: raise, rectify, review, comment, mark seen', () => {
		const { client, act, writer, judge, accept } = setup();
		const raise = act(client(), (d) => d.raise(sampleFinding()));
		expect(judge(raise, writer(checker.id, ['checker'], 'g-b'))).toBeNull();
		accept(raise);
		const submit = act(client(), (d) => d.transition('f1', { type: 'submit', by: cadre, role: 'owner', measure: '已加固' }, ['owner']));
		expect(judge(submit, writer(cadre.id, ['owner']))).toBeNull();
		accept(submit);
		const close = act(client(), (d) => d.transition('f1', { type: 'close', by: reviewer, role: 'reviewer', ...reviewerSigned }, ['reviewer']));
		expect(judge(close, writer(reviewer.id, ['reviewer']))).toBeNull();
		const comment = act(client(), (d) => d.addComment({ thread: 'finding:f1', parentId: null, by: reviewer, text: '同意销号', mentions: [] }));
		expect(judge(comment, writer(reviewer.id, ['reviewer']))).toBeNull();
		accept(comment);
		const seen = act(client(), (d) => d.markSeen(cadre.id, 'finding:f1', d.comments().map((c) => c.id)));
		expect(judge(seen, writer(cadre.id, ['owner']))).toBeNull();
	});

	it('accepts a whole offline session at once, and a resend of what it already has', () => {
		const { client, act, writer, judge, accept, server } = setup();
		const offline = act(client(), (d) => {
			d.raise(sampleFinding({ raisedBy: cadre, signature: { ...sampleFinding().signature, by: cadre }, role: 'owner', roundId: null, checkerGroupId: null }));
			d.transition('f1', { type: 'start', by: cadre, role: 'owner' }, ['owner']);
			d.transition('f1', { type: 'submit', by: cadre, role: 'owner', measure: '自查自改' }, ['owner']);
			d.addComment({ thread: 'finding:f1', parentId: null, by: cadre, text: '本组自查发现', mentions: [] });
		});
		expect(judge(offline, writer(cadre.id, ['owner']))).toBeNull();
		accept(offline);
		const resent = decodeForJudging(offline);
		expect(resent.ok && changesDocument(server.doc, resent.decoded)).toBe(false);
		expect(judge(Y.encodeStateAsUpdate(server.doc), writer(checker.id, []))).toBeNull();
	});

	it('refuses writing in another’s name or a role not held', () => {
		const { client, act, writer, judge, accept } = setup();
		const raise = act(client(), (d) => d.raise(sampleFinding()));
		expect(judge(raise, writer(cadre.id, ['owner']))).toMatch(/raised and signed by its sender/);
		expect(judge(raise, writer(checker.id, ['owner']))).toMatch(/not a checker/);
		expect(judge(raise, writer(checker.id, ['checker'], 'g-a'))).toMatch(/sender’s group/);
		accept(raise);
		const forgedSubmit = act(client(), (d) => d.transition('f1', { type: 'submit', by: cadre, role: 'owner', measure: 'x' }, ['owner']));
		expect(judge(forgedSubmit, writer(checker.id, ['checker']))).toMatch(/own name/);
		const claimed = act(client(), (d) => d.transition('f1', { type: 'submit', by: checker, role: 'owner', measure: 'x' }, ['owner']));
		expect(judge(claimed, writer(checker.id, ['checker']))).toMatch(/not a owner/);
		const forgedComment = act(client(), (d) => d.addComment({ thread: 'finding:f1', parentId: null, by: reviewer, text: '假冒', mentions: [] }));
		expect(judge(forgedComment, writer(cadre.id, ['owner']))).toMatch(/own name/);
		const othersSeen = act(client(), (d) => d.doc.getMap('seen').set(`${reviewer.id}|finding:f1|x`, true));
		expect(judge(othersSeen, writer(cadre.id, ['owner']))).toMatch(/one’s own/);
	});

	it('refuses closing one’s own finding, a role stepping outside its steps, and steps not appended', () => {
		const { client, act, writer, judge, accept } = setup();
		accept(act(client(), (d) => d.raise(sampleFinding())));
		accept(act(client(), (d) => d.transition('f1', { type: 'submit', by: cadre, role: 'owner', measure: '已加固' }, ['owner'])));
		// The document model refuses this before writing; a stock client can still send it.
		const push = (event: object) =>
			act(client(), (d) => ((d.doc.getMap('findings').get('f1') as Y.Map<unknown>).get('events') as Y.Array<unknown>).push([event]));
		const ownClose = push({ id: 'e-own', type: 'close', by: checker, role: 'reviewer', at: new Date().toISOString(), ...reviewerSigned });
		expect(judge(ownClose, writer(checker.id, ['reviewer', 'checker']))).toMatch(/raised/);
		// A 销号 without the reviewer's drawn signature, by a reviewer who may close it.
		const unsigned = push({ id: 'e-unsigned', type: 'close', by: reviewer, role: 'reviewer', at: new Date().toISOString() });
		expect(judge(unsigned, writer(reviewer.id, ['reviewer']))).toMatch(/drawn signature/);
		// A role claiming a step it may never take (the document model would refuse it first).
		const c = client();
		const events = (c.doc.getMap('findings').get('f1') as Y.Map<unknown>).get('events') as Y.Array<unknown>;
		const before = Y.encodeStateVector(c.doc);
		events.push([{ id: 'e-x', type: 'close', by: cadre, role: 'owner', at: new Date().toISOString() }]);
		expect(judge(Y.encodeStateAsUpdate(c.doc, before), writer(cadre.id, ['owner']))).toMatch(/owner cannot close/);
		// Rewriting history: an event slipped in before the others.
		const d2 = client();
		const events2 = (d2.doc.getMap('findings').get('f1') as Y.Map<unknown>).get('events') as Y.Array<unknown>;
		const sv2 = Y.encodeStateVector(d2.doc);
		events2.insert(0, [{ id: 'e-y', type: 'start', by: cadre, role: 'owner', at: new Date().toISOString() }]);
		expect(judge(Y.encodeStateAsUpdate(d2.doc, sv2), writer(cadre.id, ['owner']))).toMatch(/only appended/);
	});

	it('refuses overwriting, deleting, replacing a record, other villages and unknown roots', () => {
		const { client, act, writer, judge, accept } = setup();
		accept(act(client(), (d) => d.raise(sampleFinding())));
		accept(act(client(), (d) => d.addComment({ thread: 'finding:f1', parentId: null, by: cadre, text: '原话', mentions: [] })));
		const c = client();
		const commentId = c.comments()[0]!.id;
		const sv = Y.encodeStateVector(c.doc);
		c.doc.getMap('comments').set(commentId, { ...c.comments()[0]!, text: '改过的话' });
		expect(judge(Y.encodeStateAsUpdate(c.doc, sv), writer(cadre.id, ['owner']))).toMatch(/never overwritten|deleted/);
		const deletion = act(client(), (d) => d.doc.getMap('comments').delete(commentId));
		expect(judge(deletion, writer(cadre.id, ['owner']))).toMatch(/deleted/);
		const rerecord = act(client(), (d) => (d.doc.getMap('findings').get('f1') as Y.Map<unknown>).set('note', 'x'));
		expect(judge(rerecord, writer(checker.id, ['checker']))).toMatch(/written once/);
		const elsewhere = act(client(), (d) => {
			const map = new Y.Map<unknown>();
			map.set('record', { ...sampleFinding({ id: 'f2' }), dossierId: 'village0002' });
			map.set('events', new Y.Array());
			d.doc.getMap('findings').set('f2', map);
		});
		expect(judge(elsewhere, writer(checker.id, ['checker'], 'g-b'))).toMatch(/elsewhere/);
		const stray = act(client(), (d) => d.doc.getMap('households').set('h1', 'x'));
		expect(judge(stray, writer(checker.id, ['checker']))).toMatch(/Nothing may be written under households/);
		const text = act(client(), (d) => d.doc.getText('notes').insert(0, 'x'));
		expect(judge(text, writer(checker.id, ['checker']))).toMatch(/Nothing may be written/);
	});

	it('cannot judge an update that depends on changes the server lacks, and says so', () => {
		const { client, act, writer, judge } = setup();
		const c = client();
		act(c, (d) => d.raise(sampleFinding()));
		const next = act(c, (d) => d.addComment({ thread: 'finding:f1', parentId: null, by: checker, text: '跟进', mentions: [] }));
		// A map entry alone (no neighbour) names its parent: judged on its own.
		expect(judge(next, writer(checker.id, ['checker']))).toBeNull();
		const event = act(c, (d) => d.transition('f1', { type: 'setDeadline', by: checker, role: 'checker', deadline: '2022-09-01' }, ['checker']));
		// The first event's array lives in the finding the server has not seen.
		expect(judge(event, writer(checker.id, ['checker']))).toMatch(/does not have/);
	});

	it('takes a 数据核查 decision only in its sender’s name, from someone with a part in the village, never overwritten', () => {
		const { client, act, writer, judge, accept } = setup();
		const decide = (by: { id: string; name: string }) => act(client(), (d) => d.decide({ check: 'relations:h1:2', verdict: 'notAProblem', by, note: '兄弟分户' }));
		const honest = decide(cadre);
		expect(judge(honest, writer(cadre.id, ['owner']))).toBeNull();
		expect(judge(decide(reviewer), writer(cadre.id, ['owner']))).toBe('A decision is made in the sender’s own name');
		expect(judge(decide(cadre), writer(cadre.id, []))).toBe('Sender has no part in this village');
		accept(honest);
		const [decisionId] = [...client().doc.getMap('decisions').keys()];
		const overwrite = act(client(), (d) => d.doc.getMap('decisions').set(decisionId!, { id: decisionId, check: 'relations:h1:2', verdict: 'reopened', by: cadre, at: new Date().toISOString(), note: '' }));
		// Setting a key again deletes the record it held: refused before anything is looked at.
		expect(judge(overwrite, writer(cadre.id, ['owner']))).toBe('Nothing in a review document is ever deleted');
		const bad = act(client(), (d) => d.doc.getMap('decisions').set('decision0001', { verdict: 'whatever' }));
		expect(judge(bad, writer(cadre.id, ['owner']))).toBe('Malformed decision');
	});

	it('takes a finding’s source only from the role that may enter it', () => {
		const { client, act, writer, judge } = setup();
		const county = act(client(), (d) => d.raise(sampleFinding({ id: 'f9', raisedBy: reviewer, role: 'reviewer', source: 'county', roundId: null, checkerGroupId: null, signature: { ...sampleFinding().signature, by: reviewer } })));
		expect(judge(county, writer(reviewer.id, ['reviewer']))).toBeNull();
		const claimed = act(client(), (d) => d.raise(sampleFinding({ id: 'f8', source: 'county' })));
		expect(judge(claimed, writer(checker.id, ['checker'], 'g-b'))).toBe('A checker does not enter findings from county');
		// A checker's finding names the round they check in now, not another.
		const otherRound = act(client(), (d) => d.raise(sampleFinding({ id: 'f7', roundId: 'r9' })));
		expect(judge(otherRound, writer(checker.id, ['checker'], 'g-b'))).toBe('A cross-check finding names the round the sender checks in');
	});

	it('takes a record review step only in its sender’s name and role: the keeping group submits, a reviewer returns or approves (signed)', () => {
		const { client, act, writer, judge, accept } = setup();
		const record = { 'card:head': '赵大' };
		const step = (type: 'submit' | 'return' | 'approve', by: { id: string; name: string }, extra: object = {}) =>
			newRecordReviewStep({ id: newId(), householdId: 'h1', campaignId: 'aug2022', head: '赵大', type, by, record, ...extra });
		const submit = act(client(), (d) => d.reviewRecord(step('submit', cadre)));
		expect(judge(submit, writer(cadre.id, ['owner']))).toBeNull();
		expect(judge(submit, writer(checker.id, ['checker'], 'g-b'))).toBe('A record review step is taken in the sender’s own name');
		expect(judge(act(client(), (d) => d.reviewRecord(step('submit', checker))), writer(checker.id, ['checker'], 'g-b'))).toBe('Only the keeping group may submit a household’s record');
		accept(submit);
		const approve = act(client(), (d) => d.reviewRecord(step('approve', reviewer, reviewerSigned)));
		expect(judge(approve, writer(reviewer.id, ['reviewer']))).toBeNull();
		expect(judge(act(client(), (d) => d.reviewRecord(step('approve', cadre, reviewerSigned))), writer(cadre.id, ['owner']))).toBe('Only a township reviewer may approve a household’s record');
		const ret = act(client(), (d) => d.reviewRecord(step('return', reviewer, { reasons: [{ key: 'card:head', reason: '姓名有误' }] })));
		expect(judge(ret, writer(reviewer.id, ['reviewer']))).toBeNull();
		// A return without reasons, or an approval without a signature, does not parse.
		const unsigned = act(client(), (d) => d.doc.getMap('recordReviews').set('step00000001', { ...step('submit', reviewer), id: 'step00000001', type: 'approve' }));
		expect(judge(unsigned, writer(reviewer.id, ['reviewer']))).toBe('Malformed record review step');
		const lying = act(client(), (d) => d.doc.getMap('recordReviews').set('step00000002', { ...step('approve', reviewer, reviewerSigned), id: 'step00000002', shown: '{}' }));
		expect(judge(lying, writer(reviewer.id, ['reviewer']))).toBe('A record review step’s digest is of what it says the record was');
	});

	it('takes a back-check sample and a second visit only from a township reviewer, in their own name', () => {
		const { client, act, writer, judge } = setup();
		const draw = drawSample({ seed: '7', percent: 100, households: [{ dossierId: DOSSIER, householdId: 'h1', type: 'ordinary' }] });
		const sample = sampleRecords(draw, { roundId: 'r1', campaignId: 'aug2022', drawnBy: reviewer }).get(DOSSIER)!;
		const drawn = act(client(), (d) => d.drawSample(sample));
		expect(judge(drawn, writer(reviewer.id, ['reviewer']))).toBeNull();
		expect(judge(drawn, writer(cadre.id, ['owner']))).toBe('A back-check sample is drawn in its sender’s name');
		const visit = (by: { id: string; name: string }) => ({ id: newId(), sampleId: sample.id, householdId: 'h1', formKey: 'household-screening-2022@aug2022', answers: { s2_unsafe: true }, by, at: new Date().toISOString(), note: '' });
		expect(judge(act(client(), (d) => d.recordVisit(visit(reviewer))), writer(reviewer.id, ['reviewer']))).toBeNull();
		expect(judge(act(client(), (d) => d.recordVisit(visit(checker))), writer(checker.id, ['checker'], 'g-b'))).toBe('Only a township reviewer records a back-check visit');
	});
});
