/**
 * Reading what a Yjs update would change before it is applied, so the server can refuse one
 * that goes beyond the sender's rights without ever letting it into the document.
 *
 * An update is a list of new items (each under a root, a nested map's key, or in an array) and a
 * delete set. An item names its parent only when it has no neighbour; otherwise its parent is
 * its neighbour's, which may be in the document already or elsewhere in the same update. This
 * module resolves every new item to where it lands (the root, the keys of the nested maps on the
 * way, its own key) without recursion and with indexed lookups, so neither a long chain nor a
 * crafted update costs more than a few passes over it.
 */
import * as Y from 'yjs';

export interface Write {
	root: string;
	/** Keys from the root down to the item's parent (each a map key; '#' for an array step). */
	path: string[];
	/** The item's key in its parent map; null for an array element. */
	key: string | null;
	/** The item's content: plain values, or the kind of a nested type, or another kind of content. */
	content: { kind: 'values'; values: unknown[] } | { kind: 'map' } | { kind: 'array' } | { kind: 'deleted' } | { kind: 'other'; name: string };
	/** A map key that already has a value (in the document, or earlier in this update). */
	replaces: boolean;
	/**
	 * An array element not added after an element of its array: placed before one, or at the
	 * start of an array that has elements (which rewrites the array's order).
	 */
	insertedBefore: boolean;
}

/** Where a live item of the document sits that an update would delete. */
export interface Deletion {
	root: string;
	path: string[];
	/** Its key in its parent map; null for an array element. */
	key: string | null;
}

export type Inspection = { ok: true; writes: Write[]; deletes: boolean; deleted: Deletion[] } | { ok: false; reason: string };

/**
 * Why an update cannot be judged when it builds on changes the server does not have yet: an
 * honest client can send one (an edit typed before its sync step 2 went out, over another tab's
 * offline work), so the sender is asked to reconnect and send everything, not refused for good.
 */
export const OUT_OF_ORDER = 'Update depends on changes the server does not have';

/** No honest update needs more (a 1,000 x 10 paste is about 10,000); more costs time to judge. */
export const MAX_STRUCTS = 100_000;

/** Yjs's delete set, as decodeUpdate returns it (the class is not exported). */
interface DeleteSet {
	clients: Map<number, { clock: number; len: number }[]>;
}

/** An update read once, then judged by each rule without decoding it again. */
export interface DecodedUpdate {
	structs: (Y.Item | Y.GC | Y.Skip)[];
	ds: DeleteSet;
}

export function decodeForJudging(update: Uint8Array): { ok: true; decoded: DecodedUpdate } | { ok: false; reason: string } {
	let decoded: DecodedUpdate;
	try {
		decoded = Y.decodeUpdate(update) as unknown as DecodedUpdate;
	} catch {
		return { ok: false, reason: 'Malformed update' };
	}
	if (decoded.structs.length > MAX_STRUCTS) return { ok: false, reason: 'Update too large to judge' };
	return { ok: true, decoded };
}

/**
 * What an update brings beyond what the document holds, read without resolving where anything
 * lands: cheap enough for every update of every sender.
 */
export interface Reach {
	/** Client ids under which it brings structs (items, GC or skips) past what the document holds. */
	clients: Set<number>;
	/**
	 * A delete range over clocks neither the document nor the update holds, or null. Such a range
	 * would mark a colleague's *future* edits deleted on arrival: acknowledged, shown on their
	 * screen, and seen by nobody else.
	 */
	unheldDelete: { client: number; clock: number } | null;
}

export function reachOf(doc: Y.Doc, decoded: DecodedUpdate): Reach {
	const clients = new Set<number>();
	const ends = new Map<number, number>();
	for (const s of decoded.structs) {
		const end = s.id.clock + s.length;
		if (end > Y.getState(doc.store, s.id.client)) clients.add(s.id.client);
		if (end > (ends.get(s.id.client) ?? 0)) ends.set(s.id.client, end);
	}
	let unheldDelete: Reach['unheldDelete'] = null;
	let pending: DeleteSet | null | undefined;
	for (const [client, ranges] of decoded.ds.clients) {
		const held = Math.max(Y.getState(doc.store, client), ends.get(client) ?? 0);
		for (const range of ranges) {
			if (range.clock + range.len <= held) continue;
			// Deletions the document already keeps pending (stored before this rule, and sent to
			// every client since) come back in each client's sync step 2: nothing new.
			if (pending === undefined) pending = doc.store.pendingDs ? (Y.decodeUpdateV2(doc.store.pendingDs) as unknown as DecodedUpdate).ds : null;
			if (!coveredBy(pending, client, Math.max(range.clock, held), range.clock + range.len)) {
				unheldDelete = { client, clock: Math.max(range.clock, held) };
				break;
			}
		}
		if (unheldDelete) break;
	}
	return { clients, unheldDelete };
}

function coveredBy(ds: DeleteSet | null, client: number, from: number, to: number): boolean {
	if (!ds) return false;
	let at = from;
	for (const r of [...(ds.clients.get(client) ?? [])].sort((a, b) => a.clock - b.clock)) {
		if (r.clock > at) break;
		at = Math.max(at, r.clock + r.len);
		if (at >= to) return true;
	}
	return at >= to;
}

type Parent = { kind: 'root'; name: string } | { kind: 'doc'; type: Y.AbstractType<unknown> } | { kind: 'new'; item: Y.Item };

interface Where {
	root: string;
	path: string[];
	key: string | null;
	parent: Parent;
}

/** Where an integrated type of the document sits: its root and the keys down to it. */
function typeLoc(type: Y.AbstractType<unknown>): { root: string; path: string[] } {
	const path: string[] = [];
	let t: Y.AbstractType<unknown> = type;
	while (t._item) {
		path.unshift(t._item.parentSub ?? '#');
		t = t._item.parent as Y.AbstractType<unknown>;
	}
	return { root: Y.findRootTypeKey(t), path };
}

/**
 * What `update` would write into `doc`. Items the document already has are left out (a client
 * resending what the server holds); an item that depends on something neither the document nor
 * the update has cannot be judged and fails the inspection.
 */
export function inspectUpdate(doc: Y.Doc, update: Uint8Array | DecodedUpdate): Inspection {
	let decoded: DecodedUpdate;
	if (update instanceof Uint8Array) {
		const read = decodeForJudging(update);
		if (!read.ok) return read;
		decoded = read.decoded;
	} else decoded = update;
	// Per-client lookups, not a copy of the state vector: a room may hold thousands of client ids.
	const have = (client: number) => Y.getState(doc.store, client);
	const known = (id: Y.ID) => id.clock < have(id.client);

	// The new items of this update, per client in clock order, found by binary search.
	const fresh: Y.Item[] = [];
	const byClient = new Map<number, Y.Item[]>();
	for (const struct of decoded.structs) {
		const end = struct.id.clock + struct.length;
		// GC structs and skips show nothing; who may send them is the client ids' rule (reachOf).
		if (!(struct instanceof Y.Item)) continue;
		if (end <= have(struct.id.client)) continue;
		if (struct.id.clock < have(struct.id.client)) return { ok: false, reason: OUT_OF_ORDER };
		fresh.push(struct);
		let list = byClient.get(struct.id.client);
		if (!list) byClient.set(struct.id.client, (list = []));
		list.push(struct);
	}
	for (const list of byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
	const inUpdate = (id: Y.ID): Y.Item | undefined => {
		const list = byClient.get(id.client);
		if (!list) return undefined;
		let lo = 0;
		let hi = list.length - 1;
		while (lo <= hi) {
			const mid = (lo + hi) >> 1;
			const item = list[mid]!;
			if (id.clock < item.id.clock) hi = mid - 1;
			else if (id.clock >= item.id.clock + item.length) lo = mid + 1;
			else return item;
		}
		return undefined;
	};
	/** The document's item at an id; 'gone' where it was deleted and collected; null if unknown. */
	const inDoc = (id: Y.ID): Y.Item | 'gone' | null => {
		if (!known(id)) return null;
		const struct = Y.getItem(doc.store, id) as Y.Item | Y.GC;
		return struct instanceof Y.Item ? struct : 'gone';
	};

	// Resolve in passes, each using only what earlier passes found: no recursion, however long the
	// chain of neighbours; an update that stops making progress cannot be judged.
	// An item that lands in a type someone deleted (concurrently, so honestly) changes nothing
	// visible: Yjs stores it as deleted. It is 'dead', and so is anything placed by it.
	const where = new Map<Y.Item, Where | 'dead'>();
	const tryResolve = (item: Y.Item): Where | 'dead' | null | undefined => {
		const parent = item.parent as unknown;
		if (typeof parent === 'string') return { root: parent, path: [], key: item.parentSub, parent: { kind: 'root', name: parent } };
		if (parent && typeof parent === 'object' && 'client' in parent) {
			const ref = parent as Y.ID;
			const owner = inUpdate(ref);
			if (owner) {
				const w = where.get(owner);
				if (!w) return undefined; // not yet
				if (w === 'dead') return 'dead';
				return { root: w.root, path: [...w.path, w.key ?? '#'], key: item.parentSub, parent: { kind: 'new', item: owner } };
			}
			const existing = inDoc(ref);
			if (existing === 'gone') return 'dead';
			if (existing && existing.content instanceof Y.ContentType) {
				const loc = typeLoc(existing.content.type);
				return { ...loc, key: item.parentSub, parent: { kind: 'doc', type: existing.content.type } };
			}
			if (existing && existing.deleted) return 'dead'; // a deleted type whose content is already dropped
			return null;
		}
		// No parent written: it is the parent of a neighbour, with the neighbour's key.
		let pending = false;
		for (const ref of [item.origin, item.rightOrigin]) {
			if (!ref) continue;
			const neighbour = inUpdate(ref);
			if (neighbour) {
				const w = where.get(neighbour);
				if (w) return w === 'dead' ? 'dead' : { ...w };
				pending = true;
				continue;
			}
			const existing = inDoc(ref);
			if (existing === 'gone') return 'dead';
			if (existing && existing.parent) {
				const type = existing.parent as Y.AbstractType<unknown>;
				return { ...typeLoc(type), key: existing.parentSub, parent: { kind: 'doc', type } };
			}
		}
		return pending ? undefined : null;
	};
	let unresolved = fresh;
	while (unresolved.length) {
		const next: Y.Item[] = [];
		for (const item of unresolved) {
			const w = tryResolve(item);
			if (w === null) return { ok: false, reason: OUT_OF_ORDER };
			if (w === undefined) next.push(item);
			else where.set(item, w);
		}
		if (next.length === unresolved.length) return { ok: false, reason: OUT_OF_ORDER };
		unresolved = next;
	}

	const seenKeys = new Set<string>();
	const parentId = (p: Parent) => (p.kind === 'root' ? `r:${p.name}` : p.kind === 'new' ? `n:${p.item.id.client}:${p.item.id.clock}` : `d:${typeLoc(p.type).root}/${typeLoc(p.type).path.join('/')}`);
	const writes: Write[] = [];
	for (const item of fresh) {
		const w = where.get(item)!;
		if (w === 'dead') continue;
		const c = item.content;
		const content: Write['content'] =
			c instanceof Y.ContentAny
				? { kind: 'values', values: c.arr }
				: c instanceof Y.ContentDeleted
					? { kind: 'deleted' }
				: c instanceof Y.ContentType
					? c.type instanceof Y.Map
						? { kind: 'map' }
						: c.type instanceof Y.Array
							? { kind: 'array' }
							: { kind: 'other', name: c.type.constructor.name }
					: { kind: 'other', name: c.constructor.name };
		let replaces = false;
		let insertedBefore = false;
		if (w.key !== null) {
			const slot = `${parentId(w.parent)}|${w.key}`;
			replaces = seenKeys.has(slot) || item.origin !== null || existingKey(doc, w.parent, w.key);
			seenKeys.add(slot);
		} else {
			insertedBefore = item.rightOrigin !== null || (item.origin === null && nonEmptyArray(doc, w.parent));
		}
		writes.push({ root: w.root, path: w.path, key: w.key, content, replaces, insertedBefore });
	}
	const { found, past } = deletedItems(doc, decoded.ds);
	return { ok: true, writes, deletes: found.length > 0 || past, deleted: found };
}

/** Whether a map already holds (or held) a value under a key. */
function existingKey(doc: Y.Doc, parent: Parent, key: string): boolean {
	const type = parent.kind === 'root' ? doc.share.get(parent.name) : parent.kind === 'doc' ? parent.type : null;
	return !!type && type._map.has(key);
}

/** Whether an array of the document already has elements (an element at its start comes before them). */
function nonEmptyArray(doc: Y.Doc, parent: Parent): boolean {
	const type = parent.kind === 'root' ? doc.share.get(parent.name) : parent.kind === 'doc' ? parent.type : null;
	return !!type && type._start !== null;
}

/**
 * Where each live item of the document sits that the delete set would delete, and whether it
 * reaches past what the document holds (deleting what the update itself brings is new too).
 */
function deletedItems(doc: Y.Doc, ds: DeleteSet): { found: Deletion[]; past: boolean } {
	const found: Deletion[] = [];
	let past = false;
	for (const [client, ranges] of ds.clients) {
		const have = Y.getState(doc.store, client);
		for (const range of ranges) {
			if (range.clock + range.len > have) past = true;
			const end = Math.min(range.clock + range.len, have);
			for (let clock = range.clock; clock < end; ) {
				const struct = Y.getItem(doc.store, Y.createID(client, clock)) as Y.Item | Y.GC;
				if (struct instanceof Y.Item && !struct.deleted && struct.parent) {
					found.push({ ...typeLoc(struct.parent as Y.AbstractType<unknown>), key: struct.parentSub });
				}
				clock = struct.id.clock + struct.length;
			}
		}
	}
	return { found, past };
}

/** Whether the delete set removes anything the document still has (or anything new). */
export function hasNewDeletions(doc: Y.Doc, ds: DeleteSet): boolean {
	for (const [client, ranges] of ds.clients) {
		const have = Y.getState(doc.store, client);
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

/**
 * Whether an update would change anything stored: a struct of any kind past what the document
 * holds (a content-less GC struct still takes clocks and grows the state vector for good), or a
 * deletion of something the document has. What a read-only sender may send is what this is false for.
 */
export function changesDocument(doc: Y.Doc, decoded: DecodedUpdate): boolean {
	const reach = reachOf(doc, decoded);
	return reach.clients.size > 0 || reach.unheldDelete !== null || hasNewDeletions(doc, decoded.ds);
}
