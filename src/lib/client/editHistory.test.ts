import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EditHistory, type EditTarget } from './editHistory.svelte';

/** An EditTarget that keeps its pending keys and local origins the way SyncedDoc does. */
function target(doc: Y.Doc) {
	const pending = new Set<string>();
	const local = new Set<unknown>();
	const saved: unknown[] = [];
	doc.on('update', (_u: Uint8Array, origin: unknown) => {
		if (local.has(origin)) saved.push(origin);
	});
	const t: EditTarget = {
		change: (keys, edit, origin) =>
			doc.transact((tr) => {
				edit();
				if (tr.changed.size) for (const k of typeof keys === 'string' ? [keys] : keys) pending.add(k);
			}, origin),
		markPending: (keys) => keys.forEach((k) => pending.add(k)),
		trackOrigin: (origin) => {
			local.add(origin);
			return () => local.delete(origin);
		}
	};
	return { t, pending, saved };
}

describe('EditHistory', () => {
	it('undoes its own steps, counts what they touch as waiting, and saves the undo as a local edit', () => {
		const doc = new Y.Doc();
		const map = doc.getMap<string>('households');
		const { t, pending, saved } = target(doc);
		const history = new EditHistory(t, [map]);
		history.edit(['a'], () => map.set('a', '1'));
		history.edit(['b', 'c'], () => {
			map.set('b', '1');
			map.set('c', '1');
		});
		expect([...pending]).toEqual(['a', 'b', 'c']);
		pending.clear();
		expect(history.undo()).toBe(true);
		expect(map.toJSON()).toEqual({ a: '1' });
		expect([...pending].sort()).toEqual(['b', 'c']);
		expect(saved).toHaveLength(3);
		pending.clear();
		expect(history.redo()).toBe(true);
		expect([...pending].sort()).toEqual(['b', 'c']);
		expect(history.canUndo).toBe(true);
	});

	it('when others overwrote the last step, one undo takes the step before and counts its cells', () => {
		const doc = new Y.Doc();
		const map = doc.getMap<string>('households');
		const { t, pending } = target(doc);
		const history = new EditHistory(t, [map]);
		history.edit(['a'], () => map.set('a', 'mine'));
		history.edit(['b'], () => map.set('b', 'mine'));
		// Another cadre overwrites b.
		const other = new Y.Doc();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
		other.getMap('households').set('b', 'theirs');
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
		pending.clear();
		history.undo();
		expect(map.toJSON()).toEqual({ b: 'theirs' });
		expect([...pending]).toEqual(['a']);
	});

	it('counts nothing for an edit that changes nothing', () => {
		const doc = new Y.Doc();
		const map = doc.getMap<string>('households');
		const { t, pending } = target(doc);
		const history = new EditHistory(t, [map]);
		history.edit(['a'], () => map.delete('a'));
		expect(pending.size).toBe(0);
		expect(history.canUndo).toBe(false);
	});
});
