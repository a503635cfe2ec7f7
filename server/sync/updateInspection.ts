/**
 * Reading what a Yjs update would change before it is applied, so the server can refuse one
 * that goes beyond the sender's rights without ever letting it into the document.
 *
 * An update is a list of new items (each under a root, a nested map's key, or in an array) and a
 * delete set. An item names its parent only when it has no neighbour; otherwise its parent is
 * its neighbour's, which may be in the document already or earlier in the same update. This
 * module resolves every new item to where it lands: the root, the keys of the nested maps on the
 * way, and its own key (null for an array element).
 */
import * as Y from 'yjs';

export interface Write {
	root: string;
	/** Keys from the root down to the item's parent (each a map key; '#' for an array step). */
	path: string[];
	/** The item's key in its parent map; null for an array element. */
	key: string | null;
	/** The item's content: plain values, or the kind of a nested type, or another kind of content. */
	content: { kind: 'values'; values: unknown[] } | { kind: 'map' } | { kind: 'array' } | { kind: 'other'; name: string };
	/** The item replaces an earlier value under its key (it has a left neighbour). */
	replaces: boolean;
	/** The item was inserted before an existing element (not appended). */
	insertedBefore: boolean;
}

export type Inspection = { ok: true; writes: Write[]; deletes: boolean } | { ok: false; reason: string };

type Loc = { root: string; path: string[] };

/** Yjs's delete set, as decodeUpdate returns it (the class is not exported). */
interface DeleteSet {
	clients: Map<number, { clock: number; len: number }[]>;
}

/** Where an integrated type of the document sits: its root and the keys down to it. */
function typeLoc(type: Y.AbstractType<unknown>): Loc {
	const path: string[] = [];
	let t: Y.AbstractType<unknown> = type;
	while (t._item) {
		path.unshift(t._item.parentSub ?? '#');
		t = t._item.parent as Y.AbstractType<unknown>;
	}
	return { root: Y.findRootTypeKey(t), path };
}

const idKey = (id: Y.ID) => `${id.client}:${id.clock}`;

/**
 * What `update` would write into `doc`. Items the document already has are left out (a client
 * resending what the server holds); an item that depends on something neither the document nor
 * the update has cannot be judged and fails the inspection.
 */
export function inspectUpdate(doc: Y.Doc, update: Uint8Array): Inspection {
	let decoded: { structs: (Y.Item | Y.GC)[]; ds: DeleteSet };
	try {
		decoded = Y.decodeUpdate(update) as { structs: (Y.Item | Y.GC)[]; ds: DeleteSet };
	} catch {
		return { ok: false, reason: 'Malformed update' };
	}
	const state = Y.decodeStateVector(Y.encodeStateVector(doc));
	const known = (id: Y.ID) => id.clock < (state.get(id.client) ?? 0);

	// The new items of this update, by every id they cover, to resolve references between them.
	const fresh: Y.Item[] = [];
	const byStart = new Map<string, Y.Item>();
	for (const struct of decoded.structs) {
		if (!(struct instanceof Y.Item)) {
			// A GC struct stands for content already deleted and collected: a deletion.
			if (struct instanceof Y.GC && !known(struct.id)) return { ok: false, reason: 'Update carries deleted content' };
			continue;
		}
		const end = struct.id.clock + struct.length;
		const have = state.get(struct.id.client) ?? 0;
		if (end <= have) continue;
		if (struct.id.clock < have) return { ok: false, reason: 'Update overlaps what the server has' };
		fresh.push(struct);
		byStart.set(idKey(struct.id), struct);
	}
	const inUpdate = (id: Y.ID): Y.Item | undefined => {
		const exact = byStart.get(idKey(id));
		if (exact) return exact;
		return fresh.find((i) => i.id.client === id.client && i.id.clock <= id.clock && id.clock < i.id.clock + i.length);
	};

	const locs = new Map<Y.Item, { loc: Loc; key: string | null } | null>();
	const resolve = (item: Y.Item, depth = 0): { loc: Loc; key: string | null } | null => {
		if (locs.has(item)) return locs.get(item)!;
		if (depth > 10_000) return null;
		let found: { loc: Loc; key: string | null } | null = null;
		const parent = item.parent as unknown;
		if (typeof parent === 'string') {
			found = { loc: { root: parent, path: [] }, key: item.parentSub };
		} else if (parent && typeof parent === 'object' && 'client' in parent) {
			const ref = parent as Y.ID;
			const owner = inUpdate(ref);
			if (owner) {
				const ownerLoc = resolve(owner, depth + 1);
				if (ownerLoc) found = { loc: { root: ownerLoc.loc.root, path: [...ownerLoc.loc.path, ownerLoc.key ?? '#'] }, key: item.parentSub };
			} else if (known(ref)) {
				const existing = Y.getItem(doc.store, ref);
				if (existing instanceof Y.Item && existing.content instanceof Y.ContentType) found = { loc: typeLoc(existing.content.type), key: item.parentSub };
			}
		} else {
			// No parent written: it is the parent of a neighbour, with the neighbour's key.
			for (const ref of [item.origin, item.rightOrigin]) {
				if (!ref) continue;
				const neighbour = inUpdate(ref);
				if (neighbour) {
					const n = resolve(neighbour, depth + 1);
					if (n) found = { loc: n.loc, key: n.key };
				} else if (known(ref)) {
					const existing = Y.getItem(doc.store, ref);
					if (existing instanceof Y.Item && existing.parent) found = { loc: typeLoc(existing.parent as Y.AbstractType<unknown>), key: existing.parentSub };
				}
				if (found) break;
			}
		}
		locs.set(item, found);
		return found;
	};

	const writes: Write[] = [];
	for (const item of fresh) {
		const where = resolve(item);
		if (!where) return { ok: false, reason: 'Update depends on changes the server does not have' };
		const c = item.content;
		const content: Write['content'] =
			c instanceof Y.ContentAny
				? { kind: 'values', values: c.arr }
				: c instanceof Y.ContentType
					? c.type instanceof Y.Map
						? { kind: 'map' }
						: c.type instanceof Y.Array
							? { kind: 'array' }
							: { kind: 'other', name: c.type.constructor.name }
					: { kind: 'other', name: c.constructor.name };
		writes.push({ root: where.loc.root, path: where.loc.path, key: where.key, content, replaces: item.origin !== null && where.key !== null, insertedBefore: item.rightOrigin !== null });
	}
	return { ok: true, writes, deletes: hasNewDeletions(doc, decoded.ds, state) };
}

/** Whether the delete set removes anything the document still has (or anything new). */
function hasNewDeletions(doc: Y.Doc, ds: DeleteSet, state: Map<number, number>): boolean {
	for (const [client, ranges] of ds.clients) {
		const have = state.get(client) ?? 0;
		for (const range of ranges) {
			const end = range.clock + range.len;
			// Deleting something the update itself brings, or that the server never had, is new.
			if (end > have) return true;
			for (let clock = range.clock; clock < end; ) {
				const struct = Y.getItem(doc.store, Y.createID(client, clock)) as Y.Item | Y.GC;
				if (struct instanceof Y.Item && !struct.deleted) return true;
				clock = struct.id.clock + struct.length;
			}
		}
	}
	return false;
}

/** Whether an update would change the document at all: new items, or deletions of items it has. */
export function changesDocument(doc: Y.Doc, update: Uint8Array): boolean | null {
	const inspection = inspectUpdate(doc, update);
	if (!inspection.ok) return null;
	return inspection.writes.length > 0 || inspection.deletes;
}
