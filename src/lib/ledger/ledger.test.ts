import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { availableTransitions, foldLedger, isOverdue, type FindingFacts, type LedgerEvent } from './ledger';
import { ReviewDoc, LedgerRefusal } from '../review/reviewDoc';
import { sampleFinding, people, reviewerSigned } from './ledgerFixtures';

const { checker, cadre, reviewer, reviewer2 } = people;
const facts: FindingFacts = { raisedBy: checker, signedBy: checker, deadline: '2022-08-25', responsible: null };

let n = 0;
const ev = (type: LedgerEvent['type'], by: LedgerEvent['by'], role: LedgerEvent['role'], extra: Partial<LedgerEvent> = {}): LedgerEvent => ({
	id: `e${++n}`,
	type,
	by,
	role,
	at: `2022-08-${String(10 + (n % 15)).padStart(2, '0')}T08:00:00.000Z`,
	...extra
});

function sync(a: Y.Doc, b: Y.Doc) {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('the ledger state machine', () => {
	it('goes open → rectifying → submitted → returned → submitted → closed, keeping every step', () => {
		const events = [
			ev('start', cadre, 'owner'),
			ev('submit', cadre, 'owner', { measure: '已申请危房鉴定', evidence: ['a'.repeat(64)] }),
			ev('return', reviewer, 'reviewer', { reason: '鉴定报告未上传' }),
			ev('submit', cadre, 'owner', { measure: '鉴定报告已上传，C级，已加固' }),
			ev('close', reviewer, 'reviewer')
		];
		const status = foldLedger(facts, events);
		expect(status.history.map((h) => h.state)).toEqual(['rectifying', 'submitted', 'returned', 'submitted', 'closed']);
		expect(status.state).toBe('closed');
		expect(status.measure).toBe('鉴定报告已上传，C级，已加固');
		expect(status.evidence).toEqual([]);
		expect(status.returned?.reason).toBe('鉴定报告未上传');
		expect(status.closed?.by).toEqual(reviewer);
		expect(status.refusals).toBe(0);
	});

	it('refuses what the rules forbid, and says why', () => {
		const status = foldLedger(facts, [
			ev('close', reviewer, 'reviewer'), // nothing submitted: 措施不落实不销号
			ev('submit', checker, 'checker', { measure: 'x' }), // only the keeping group rectifies
			ev('submit', cadre, 'owner', { measure: '  ' }), // a rectification needs a measure
			ev('submit', cadre, 'owner', { measure: '已整改' }),
			ev('close', cadre, 'owner'), // only a reviewer closes
			ev('return', reviewer, 'reviewer'), // a return needs a reason
			ev('close', checker, 'reviewer') // nobody closes what they raised, even as a reviewer
		]);
		expect(status.history.map((h) => h.refused)).toEqual(['state', 'role', 'measureMissing', null, 'role', 'reasonMissing', 'ownFinding']);
		expect(status.state).toBe('submitted');
		expect(status.refusals).toBe(6);
	});

	it('skips events it cannot read instead of failing', () => {
		const status = foldLedger(facts, [{ type: 'explode' }, null, ev('start', cadre, 'owner')]);
		expect(status.state).toBe('rectifying');
		expect(status.history).toHaveLength(1);
	});

	it('moves the deadline and the responsible member, and tells overdue from late review', () => {
		const status = foldLedger(facts, [
			ev('assign', cadre, 'owner', { responsible: cadre }),
			ev('setDeadline', reviewer, 'reviewer', { deadline: '2022-08-20' })
		]);
		expect(status.responsible).toEqual(cadre);
		expect(status.deadline).toBe('2022-08-20');
		expect(isOverdue(status, '2022-08-20')).toBe(false);
		expect(isOverdue(status, '2022-08-21')).toBe(true);
		const submitted = foldLedger(facts, [ev('submit', cadre, 'owner', { measure: '已整改' })]);
		expect(isOverdue(submitted, '2022-09-30')).toBe(false);
		const returned = foldLedger(facts, [ev('submit', cadre, 'owner', { measure: '已整改' }), ev('return', reviewer, 'reviewer', { reason: '不实' })]);
		expect(isOverdue(returned, '2022-09-30')).toBe(true);
		expect(isOverdue(foldLedger({ ...facts, deadline: null }, []), '2099-01-01')).toBe(false);
	});

	it('offers each role only the buttons it may press', () => {
		const open = foldLedger(facts, []);
		expect(availableTransitions(open, facts, cadre, ['owner'])).toEqual(['start', 'submit', 'assign']);
		expect(availableTransitions(open, facts, reviewer, ['reviewer'])).toEqual(['setDeadline', 'assign']);
		const submitted = foldLedger(facts, [ev('submit', cadre, 'owner', { measure: '已整改' })]);
		expect(availableTransitions(submitted, facts, reviewer, ['reviewer'])).toEqual(['return', 'close', 'setDeadline', 'assign']);
		// The one who raised it may return it as a reviewer, never close it.
		expect(availableTransitions(submitted, facts, checker, ['reviewer', 'checker'])).toEqual(['return', 'setDeadline', 'assign']);
	});
});

describe('the ledger in a review document', () => {
	it('takes 销号 and 退回 only with the reviewer’s drawn signature', () => {
		const doc = new ReviewDoc('village0001');
		doc.raise(sampleFinding());
		doc.transition('f1', { type: 'submit', by: people.cadre, role: 'owner', measure: '已加固' }, ['owner']);
		expect(() => doc.transition('f1', { type: 'close', by: reviewer, role: 'reviewer' }, ['reviewer'])).toThrowError(expect.objectContaining({ code: 'signatureMissing' }));
		expect(() => doc.transition('f1', { type: 'return', by: reviewer, role: 'reviewer', reason: '不实' }, ['reviewer'])).toThrowError(
			expect.objectContaining({ code: 'signatureMissing' })
		);
		const closed = doc.transition('f1', { type: 'close', by: reviewer, role: 'reviewer', ...reviewerSigned }, ['reviewer']);
		expect(closed.image).toBe(reviewerSigned.image);
	});

	it('refuses a transition in the document model before it is written', () => {
		const doc = new ReviewDoc('village0001');
		doc.raise(sampleFinding());
		expect(() => doc.transition('f1', { type: 'close', by: reviewer, role: 'reviewer', ...reviewerSigned }, ['reviewer'])).toThrow(LedgerRefusal);
		// Claiming a role one does not hold is refused too.
		expect(() => doc.transition('f1', { type: 'submit', by: checker, role: 'owner', measure: 'x' }, ['checker'])).toThrowError(
			expect.objectContaining({ code: 'role' })
		);
		expect(doc.entry('f1')!.status.history).toHaveLength(0);
	});

	it('merges two reviewers acting at once into one valid state, with both in the history', () => {
		const a = new ReviewDoc('village0001');
		const b = new ReviewDoc('village0001');
		a.raise(sampleFinding());
		a.transition('f1', { type: 'submit', by: cadre, role: 'owner', measure: '已加固' }, ['owner']);
		sync(a.doc, b.doc);
		// Offline from each other, one reviewer closes while the other returns it.
		a.transition('f1', { type: 'close', by: reviewer, role: 'reviewer', ...reviewerSigned }, ['reviewer']);
		b.transition('f1', { type: 'return', by: reviewer2, role: 'reviewer', reason: '照片不清楚', ...reviewerSigned }, ['reviewer']);
		sync(a.doc, b.doc);
		const sa = a.entry('f1')!.status;
		const sb = b.entry('f1')!.status;
		expect(sa).toEqual(sb);
		expect(['closed', 'returned']).toContain(sa.state);
		expect(sa.history).toHaveLength(3);
		expect(sa.history.filter((h) => h.refused === 'state')).toHaveLength(1);
	});

	it('keeps a rectification and a return made offline at once in a causal, valid order', () => {
		const a = new ReviewDoc('village0001');
		const b = new ReviewDoc('village0001');
		a.raise(sampleFinding());
		a.transition('f1', { type: 'submit', by: cadre, role: 'owner', measure: '第一次' }, ['owner']);
		sync(a.doc, b.doc);
		b.transition('f1', { type: 'return', by: reviewer, role: 'reviewer', reason: '不实', ...reviewerSigned }, ['reviewer']);
		sync(a.doc, b.doc);
		// The cadre, having seen the return, resubmits; the reviewer, having seen it, closes.
		a.transition('f1', { type: 'submit', by: cadre, role: 'owner', measure: '第二次' }, ['owner']);
		sync(a.doc, b.doc);
		b.transition('f1', { type: 'close', by: reviewer, role: 'reviewer', ...reviewerSigned }, ['reviewer']);
		sync(a.doc, b.doc);
		const status = a.entry('f1')!.status;
		expect(status.history.map((h) => [h.event.type, h.refused])).toEqual([
			['submit', null],
			['return', null],
			['submit', null],
			['close', null]
		]);
		expect(status.state).toBe('closed');
		expect(status.measure).toBe('第二次');
	});

	it('converges however the updates of three devices arrive', () => {
		const docs = [new ReviewDoc('village0001'), new ReviewDoc('village0001'), new ReviewDoc('village0001')];
		docs[0]!.raise(sampleFinding());
		docs[0]!.transition('f1', { type: 'submit', by: cadre, role: 'owner', measure: '已整改' }, ['owner']);
		const base = Y.encodeStateAsUpdate(docs[0]!.doc);
		for (const d of docs.slice(1)) Y.applyUpdate(d.doc, base);
		const updates: Uint8Array[] = [];
		for (const d of docs) d.doc.on('update', (u: Uint8Array) => updates.push(u));
		docs[0]!.transition('f1', { type: 'close', by: reviewer, role: 'reviewer', ...reviewerSigned }, ['reviewer']);
		docs[1]!.transition('f1', { type: 'return', by: reviewer2, role: 'reviewer', reason: '不实', ...reviewerSigned }, ['reviewer']);
		docs[2]!.transition('f1', { type: 'assign', by: cadre, role: 'owner', responsible: cadre }, ['owner']);
		const states = [0, 1, 2, 3].map((seed) => {
			const fresh = new ReviewDoc('village0001');
			Y.applyUpdate(fresh.doc, base);
			const order = [...updates];
			for (let i = order.length - 1; i > 0; i--) {
				const j = (seed * 7 + i * 3) % (i + 1);
				[order[i], order[j]] = [order[j]!, order[i]!];
			}
			for (const u of order) Y.applyUpdate(fresh.doc, u);
			return fresh.entry('f1')!.status;
		});
		for (const s of states) expect(s).toEqual(states[0]);
		expect(states[0]!.history).toHaveLength(4);
		// Close and return cannot both hold; the assignment holds unless it came after a close.
		const assigned = states[0]!.history.find((h) => h.event.type === 'assign')!;
		expect(states[0]!.refusals).toBe(assigned.refused ? 2 : 1);
		expect(assigned.refused === null || (assigned.refused === 'state' && states[0]!.state === 'closed')).toBe(true);
		expect(states[0]!.responsible).toEqual(assigned.refused ? null : cadre);
	});

	it('refuses a finding record that does not hold together', () => {
		const doc = new ReviewDoc('village0001');
		expect(() => doc.raise(sampleFinding({ description: '   ' }))).toThrow();
		expect(() => doc.raise(sampleFinding({ signature: { by: checker, at: '2022-08-08T02:00:00.000Z', image: 'javascript:alert(1)' } }))).toThrow();
		expect(() => doc.raise(sampleFinding({ deadline: '2022-02-30' }))).toThrow();
		expect(doc.entries()).toEqual([]);
	});

	it('ignores entries a hostile client wrote under the findings root', () => {
		const doc = new ReviewDoc('village0001');
		doc.raise(sampleFinding());
		doc.doc.getMap('findings').set('junk', 'not a finding');
		const entry = (record: unknown) => {
			const map = new Y.Map<unknown>();
			map.set('record', record);
			map.set('events', new Y.Array());
			return map;
		};
		doc.doc.getMap('findings').set('bad', entry({ id: 'x' }));
		// A copy of f1 under another key (it would list f1 twice) and a finding of another village.
		doc.doc.getMap('findings').set('copy', entry(sampleFinding()));
		doc.doc.getMap('findings').set('other', entry(sampleFinding({ id: 'other', dossierId: 'village0002' })));
		expect(doc.entries().map((e) => e.finding.id)).toEqual(['f1']);
		expect(() => doc.raise(sampleFinding({ id: 'f9', dossierId: 'village0002' }))).toThrow(/another village/);
		// An event repeated under the same id is one step.
		doc.transition('f1', { type: 'start', by: cadre, role: 'owner' }, ['owner']);
		const events = doc.doc.getMap('findings').get('f1') as Y.Map<unknown>;
		const arr = events.get('events') as Y.Array<unknown>;
		arr.push([arr.get(0)]);
		expect(doc.entry('f1')!.status.history).toHaveLength(1);
	});
});
