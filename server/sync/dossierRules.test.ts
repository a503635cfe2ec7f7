import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { inspectUpdate } from './updateInspection';
import { dossierWriteRefusal, plainWriteRefusal } from './dossierRules';
import { RECORD_LIMITS } from '../../src/lib/sync/recordLimits';

/** What a keeping-group member's edit of a copy of `server` would be judged as. */
function judged(server: Y.Doc, edit: (doc: Y.Doc) => void): string | null {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
	const before = Y.encodeStateVector(copy);
	edit(copy);
	const inspection = inspectUpdate(server, Y.encodeStateAsUpdate(copy, before));
	if (!inspection.ok) return inspection.reason;
	return dossierWriteRefusal(inspection.writes, inspection.deleted, { id: 'p1', name: '王干部' });
}

describe('dossierWriteRefusal', () => {
	const server = new Y.Doc();
	const h = new Y.Map<unknown>();
	server.getMap('households').set('h1', h);
	h.set('answers', new Y.Map());

	it('lets answers within the limits through, and the same over them not', () => {
		const answers = (doc: Y.Doc) => (doc.getMap('households').get('h1') as Y.Map<unknown>).get('answers') as Y.Map<unknown>;
		expect(judged(server, (d) => answers(d).set('card:head', '张三'))).toBeNull();
		expect(judged(server, (d) => answers(d).set('card:note', 'x'.repeat(RECORD_LIMITS.valueChars + 1)))).toMatch(/too large/);
		expect(judged(server, (d) => answers(d).set('k'.repeat(RECORD_LIMITS.keyChars + 1), 1))).toMatch(/Key too long/);
		let deep: unknown = 1;
		for (let i = 0; i < 10; i++) deep = [deep];
		expect(judged(server, (d) => answers(d).set('card:deep', deep))).toMatch(/too deep/);
		expect(judged(server, (d) => answers(d).set('card:text', new Y.Text('文字')))).toMatch(/Only maps, arrays and plain values/);
	});

	it('takes a monitoring step once, in its sender’s own name, and never lets it change', () => {
		const step = (by: { id: string; name: string }, id = 'step00001') => ({ id, householdId: 'h1', step: 'included', on: '2023-03-01', reason: '因病支出大', by, at: '2023-03-01T02:00:00.000Z' });
		const me = { id: 'p1', name: '王干部' };
		expect(judged(server, (d) => d.getMap('monitoring').set('h1#step00001', step(me)))).toBeNull();
		expect(judged(server, (d) => d.getMap('monitoring').set('h1#step00001', step({ id: 'p2', name: '李干部' })))).toMatch(/sender’s own name/);
		expect(judged(server, (d) => d.getMap('monitoring').set('h2#step00001', step(me)))).toMatch(/sits at/);
		expect(judged(server, (d) => d.getMap('monitoring').set('h1#step00002', { step: 'included' }))).toMatch(/Malformed/);
		server.getMap('monitoring').set('h1#step00001', step(me));
		expect(judged(server, (d) => d.getMap('monitoring').set('h1#step00001', { ...step(me), reason: '改了' }))).toMatch(/never changed|never (changed or )?deleted/);
		expect(judged(server, (d) => d.getMap('monitoring').delete('h1#step00001'))).toMatch(/never changed or deleted/);
	});

	it('refuses deleting or replacing a household', () => {
		expect(judged(server, (d) => d.getMap('households').delete('h1'))).toMatch(/never deleted/);
		expect(judged(server, (d) => d.getMap('households').set('h1', new Y.Map()))).toMatch(/never (deleted|replaced)/);
		expect(judged(server, (d) => d.getMap('households').set('h2', new Y.Map()))).toBeNull();
	});
});

describe('plainWriteRefusal', () => {
	it('holds organisation records to the same sizes', () => {
		const server = new Y.Doc();
		const copy = new Y.Doc();
		copy.getMap('people').set('p1', { id: 'p1', name: 'x'.repeat(RECORD_LIMITS.valueChars) });
		const inspection = inspectUpdate(server, Y.encodeStateAsUpdate(copy));
		expect(inspection.ok && plainWriteRefusal(inspection.writes)).toMatch(/too large/);
	});
});
