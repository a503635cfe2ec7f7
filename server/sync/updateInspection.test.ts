import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { changesDocument, decodeForJudging, inspectUpdate, reachOf, MAX_STRUCTS, type DecodedUpdate } from './updateInspection';

/** A server document and a way to capture what a client copy of it would send. */
function pair() {
	const server = new Y.Doc();
	const copy = () => {
		const c = new Y.Doc();
		Y.applyUpdate(c, Y.encodeStateAsUpdate(server));
		return c;
	};
	const act = (c: Y.Doc, fn: (d: Y.Doc) => void) => {
		const before = Y.encodeStateVector(c);
		c.transact(() => fn(c));
		return Y.encodeStateAsUpdate(c, before);
	};
	return { server, copy, act };
}

describe('inspectUpdate', () => {
	it('places nested writes under their root and keys, and tells new keys from replaced ones', () => {
		const { server, copy, act } = pair();
		const c = copy();
		const first = act(c, (d) => {
			const h = new Y.Map<unknown>();
			d.getMap('households').set('h1', h);
			h.set('name', '张三');
		});
		const i1 = inspectUpdate(server, first);
		expect(i1.ok).toBe(true);
		if (!i1.ok) return;
		expect(i1.writes.map((w) => [w.root, w.path.join('/'), w.key, w.replaces])).toEqual([
			['households', '', 'h1', false],
			['households', 'h1', 'name', false]
		]);
		Y.applyUpdate(server, first);
		const second = act(c, (d) => (d.getMap('households').get('h1') as Y.Map<unknown>).set('name', '李四'));
		const i2 = inspectUpdate(server, second);
		expect(i2.ok && i2.writes.map((w) => [w.path.join('/'), w.key, w.replaces, w.content])).toEqual([
			['h1', 'name', true, { kind: 'values', values: ['李四'] }]
		]);
	});

	it('marks array elements put before existing ones, and not those appended', () => {
		const { server, copy, act } = pair();
		const c = copy();
		const seed = act(c, (d) => d.getArray('events').push(['a']));
		Y.applyUpdate(server, seed);
		const append = act(c, (d) => d.getArray('events').push(['b']));
		const prepend = act(copy(), (d) => d.getArray('events').insert(0, ['z']));
		const a = inspectUpdate(server, append);
		const p = inspectUpdate(server, prepend);
		expect(a.ok && a.writes[0]!.insertedBefore).toBe(false);
		expect(p.ok && p.writes[0]!.insertedBefore).toBe(true);
	});

	it('reports deletions of what the server has', () => {
		const { server, copy, act } = pair();
		const c = copy();
		Y.applyUpdate(server, act(c, (d) => d.getArray('events').push(['a', 'b'])));
		const del = act(c, (d) => d.getArray('events').delete(0, 1));
		const i = inspectUpdate(server, del);
		expect(i.ok && i.deletes).toBe(true);
		expect(i.ok && i.writes).toEqual([]);
	});

	it('accepts content created and collected offline, counting its client', () => {
		const { server, copy, act } = pair();
		const c = copy();
		// A nested map replaced offline: the old one's children are collected into GC structs.
		act(c, (d) => {
			const m = new Y.Map<unknown>();
			d.getMap('households').set('h1', m);
			m.set('name', '张三');
		});
		act(c, (d) => d.getMap('households').set('h1', new Y.Map()));
		const all = Y.encodeStateAsUpdate(c, Y.encodeStateVector(server));
		const i = inspectUpdate(server, all);
		expect(i.ok).toBe(true);
		expect([...reachOf(server, decode(all)).clients]).toEqual([c.clientID]);
		Y.applyUpdate(server, all);
		expect((server.getMap('households').get('h1') as Y.Map<unknown>).size).toBe(0);
	});

	it('lets through a write into something deleted meanwhile, as changing nothing', () => {
		const { server, copy, act } = pair();
		const base = copy();
		Y.applyUpdate(server, act(base, (d) => d.getMap('households').set('h1', new Y.Map())));
		const a = copy();
		const b = copy();
		const write = act(a, (d) => (d.getMap('households').get('h1') as Y.Map<unknown>).set('name', '王五'));
		Y.applyUpdate(server, act(b, (d) => d.getMap('households').delete('h1')));
		const i = inspectUpdate(server, write);
		expect(i.ok).toBe(true);
		expect(i.ok && i.writes).toEqual([]);
	});

	it('refuses what cannot be read or judged', () => {
		const { server, copy, act } = pair();
		expect(inspectUpdate(server, new Uint8Array([1, 2, 3, 250, 250])).ok).toBe(false);
		// An update that builds on something the server never received.
		const c = copy();
		act(c, (d) => d.getMap('households').set('h1', new Y.Map()));
		const onTop = act(c, (d) => (d.getMap('households').get('h1') as Y.Map<unknown>).set('name', 'x'));
		const i = inspectUpdate(server, onTop);
		expect(i.ok).toBe(false);
	});

	it('resolves a long chain of neighbours without recursion', () => {
		const { server, copy, act } = pair();
		const c = copy();
		const update = act(c, (d) => {
			const arr = d.getArray<number>('events');
			// Each put before the last: 20,000 items, each placed by its neighbour, none merged.
			for (let n = 0; n < 20_000; n++) arr.insert(0, [n]);
		});
		const i = inspectUpdate(server, update);
		expect(i.ok && i.writes.length).toBe(20_000);
	});

	it('refuses updates with more structs than any honest edit needs', () => {
		const { server, copy, act } = pair();
		const c = copy();
		const update = act(c, (d) => {
			const m = d.getMap('households');
			for (let n = 0; n <= MAX_STRUCTS; n++) m.set(`k${n}`, n);
		});
		expect(inspectUpdate(server, update)).toEqual({ ok: false, reason: 'Update too large to judge' });
	});
});

function decode(update: Uint8Array): DecodedUpdate {
	const read = decodeForJudging(update);
	if (!read.ok) throw new Error(read.reason);
	return read.decoded;
}

describe('reachOf', () => {
	it('names only the clients with content the server lacks', () => {
		const { server, copy, act } = pair();
		const a = copy();
		const first = act(a, (d) => d.getMap('m').set('x', 1));
		Y.applyUpdate(server, first);
		const b = copy();
		const second = act(b, (d) => d.getMap('m').set('y', 2));
		const both = Y.mergeUpdates([first, second]);
		expect(reachOf(server, decode(both))).toEqual({ clients: new Set([b.clientID]), unheldDelete: null });
	});

	it('finds a delete range over clocks nobody has written yet', () => {
		const { server, copy, act } = pair();
		const victim = copy();
		Y.applyUpdate(server, act(victim, (d) => d.getMap('m').set('x', 1)));
		// Hand-made: a delete set alone, over the victim's next 100,000 clocks.
		const encoder = new Y.UpdateEncoderV1();
		encoding.writeVarUint(encoder.restEncoder, 0);
		encoding.writeVarUint(encoder.restEncoder, 1);
		encoding.writeVarUint(encoder.restEncoder, victim.clientID);
		encoding.writeVarUint(encoder.restEncoder, 1);
		encoding.writeVarUint(encoder.restEncoder, 1);
		encoding.writeVarUint(encoder.restEncoder, 100_000);
		const forged = encoder.toUint8Array();
		expect(reachOf(server, decode(forged)).unheldDelete).toEqual({ client: victim.clientID, clock: 1 });
		// Deleting what the server holds, or what the update itself brings, is no such thing.
		const honest = act(victim, (d) => {
			d.getMap('m').set('y', 2);
			d.getMap('m').delete('x');
			d.getMap('m').delete('y');
		});
		expect(reachOf(server, decode(honest)).unheldDelete).toBeNull();
	});

	it('counts a content-less GC struct as a change: its clocks grow the state vector for good', () => {
		const { server } = pair();
		const encoder = new Y.UpdateEncoderV1();
		encoding.writeVarUint(encoder.restEncoder, 1);
		encoding.writeVarUint(encoder.restEncoder, 1); // one struct
		encoder.writeClient(4242);
		encoding.writeVarUint(encoder.restEncoder, 0); // from clock 0
		encoder.writeInfo(0); // GC
		encoder.writeLen(1000);
		encoding.writeVarUint(encoder.restEncoder, 0); // empty delete set
		const gc = encoder.toUint8Array();
		const decoded = decode(gc);
		expect([...reachOf(server, decoded).clients]).toEqual([4242]);
		expect(changesDocument(server, decoded)).toBe(true);
		expect(inspectUpdate(server, decoded)).toEqual({ ok: true, writes: [], deletes: false, deleted: [] });
	});
});
