import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { SqliteStore } from './sqliteStore';
import { compactRoom, docFromStored } from './compaction';

/** A random edit on one of a few shared types, so concurrent edits collide on the same keys. */
const edit = fc.oneof(
	fc.record({ kind: fc.constant('set' as const), key: fc.constantFrom('a', 'b', 'c', 'd'), value: fc.integer() }),
	fc.record({ kind: fc.constant('delete' as const), key: fc.constantFrom('a', 'b', 'c', 'd') }),
	fc.record({ kind: fc.constant('push' as const), value: fc.string({ maxLength: 4 }) }),
	fc.record({ kind: fc.constant('text' as const), at: fc.nat(20), value: fc.string({ minLength: 1, maxLength: 3 }) }),
	fc.record({ kind: fc.constant('cut' as const), at: fc.nat(20), len: fc.integer({ min: 1, max: 3 }) })
);

type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function apply(doc: Y.Doc, e: Edit) {
	const map = doc.getMap<number>('m');
	const list = doc.getArray<string>('l');
	const text = doc.getText('t');
	if (e.kind === 'set') map.set(e.key, e.value);
	else if (e.kind === 'delete') map.delete(e.key);
	else if (e.kind === 'push') list.push([e.value]);
	else if (e.kind === 'text') text.insert(Math.min(e.at, text.length), e.value);
	else if (text.length > 0) {
		const at = Math.min(e.at, text.length - 1);
		text.delete(at, Math.min(e.len, text.length - at));
	}
}

const step = fc.record({
	client: fc.integer({ min: 0, max: 2 }),
	edit,
	/** Before this edit, the client receives what the others did (or stays offline). */
	syncFirst: fc.boolean(),
	compactAfter: fc.boolean()
});

function content(doc: Y.Doc) {
	return { m: doc.getMap('m').toJSON(), l: doc.getArray('l').toJSON(), t: doc.getText('t').toString() };
}

const stores: SqliteStore[] = [];
function memoryStore() {
	const store = new SqliteStore(':memory:');
	stores.push(store);
	return store;
}
afterAll(async () => {
	for (const store of stores.splice(0)) await store.close();
});

describe('compaction', () => {
	it('keeps every update: loading after random compactions equals loading the full log', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), fc.boolean(), async (steps, shuffle) => {
				const compacted = memoryStore();
				const full = memoryStore();
				const clients = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
				const log: Uint8Array[] = [];
				clients.forEach((doc) => doc.on('update', (u: Uint8Array) => log.push(u)));
				const written: Uint8Array[] = [];
				for (const s of steps) {
					const doc = clients[s.client]!;
					if (s.syncFirst) for (const u of written) Y.applyUpdate(doc, u);
					const before = log.length;
					apply(doc, s.edit);
					for (const u of log.slice(before)) {
						written.push(u);
						// Stored out of order when shuffling: the log then holds updates whose
						// dependencies arrive later, which a snapshot must not lose.
						const batch = [{ room: 'room0001', data: u, user: 'x', device: 'd' }];
						await compacted.append(batch);
						await full.append(batch);
					}
					if (s.compactAfter) await compactRoom(compacted, 'room0001');
				}
				if (shuffle) {
					// Replay the whole log into a third store in reverse, compacting half way.
					const reversed = memoryStore();
					const reversedLog = [...written].reverse();
					for (let i = 0; i < reversedLog.length; i++) {
						await reversed.append([{ room: 'room0001', data: reversedLog[i]!, user: 'x', device: 'd' }]);
						if (i === Math.floor(reversedLog.length / 2)) await compactRoom(reversed, 'room0001');
					}
					const r = docFromStored(await reversed.load('room0001'));
					expect(content(r)).toEqual(content(docFromStored(await full.load('room0001'))));
				}
				const a = docFromStored(await compacted.load('room0001'));
				const b = docFromStored(await full.load('room0001'));
				expect(content(a)).toEqual(content(b));
				expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b));
			}),
			{ numRuns: 150 }
		);
	});

	it('skips a stored update that cannot be read, naming its seq; an unreadable snapshot fails the load, saying so', async () => {
		const store = memoryStore();
		const doc = new Y.Doc();
		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => updates.push(u));
		doc.getMap('m').set('a', 1);
		doc.getMap('m').set('b', 2);
		const [first, second] = updates as [Uint8Array, Uint8Array];
		const seqs = await store.append([first, second.slice(0, second.length - 3)].map((data) => ({ room: 'room0002', data, user: 'x', device: 'd' })));
		const bad: number[] = [];
		const loaded = docFromStored(await store.load('room0002'), (seq) => bad.push(seq));
		expect(bad).toEqual([seqs[1]]);
		expect(loaded.getMap('m').toJSON()).toEqual({ a: 1 });
		await store.compact('room0002', first.slice(0, first.length - 3), seqs[1]!);
		const damaged = await store.load('room0002');
		expect(() => docFromStored(damaged)).toThrow(`the stored snapshot (updates up to seq ${seqs[1]}) cannot be read`);
	});

	it('never deletes an update appended after the snapshot was taken', async () => {
		const store = memoryStore();
		const doc = new Y.Doc();
		doc.on('update', (u: Uint8Array) => void store.append([{ room: 'room0001', data: u, user: 'x', device: 'd' }]));
		doc.getMap('m').set('a', 1);
		const loaded = await store.load('room0001');
		const snapshot = Y.encodeStateAsUpdate(docFromStored(loaded));
		doc.getMap('m').set('b', 2); // arrives while the snapshot is being built
		await store.compact('room0001', snapshot, loaded.updates.at(-1)!.seq);
		const after = docFromStored(await store.load('room0001'));
		expect(after.getMap('m').toJSON()).toEqual({ a: 1, b: 2 });
		expect(await store.pendingUpdates('room0001')).toBe(1);
	});

	it('ignores a stale compaction that would move the snapshot backwards', async () => {
		const store = memoryStore();
		const doc = new Y.Doc();
		doc.on('update', (u: Uint8Array) => void store.append([{ room: 'room0001', data: u, user: 'x', device: 'd' }]));
		doc.getMap('m').set('a', 1);
		const early = await store.load('room0001');
		const earlySnapshot = Y.encodeStateAsUpdate(docFromStored(early));
		doc.getMap('m').set('b', 2);
		await compactRoom(store, 'room0001');
		await store.compact('room0001', earlySnapshot, early.updates.at(-1)!.seq);
		expect(docFromStored(await store.load('room0001')).getMap('m').toJSON()).toEqual({ a: 1, b: 2 });
	});
});
