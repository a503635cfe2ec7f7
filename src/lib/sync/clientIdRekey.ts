/**
 * Moving a document's changes from one Yjs client id to another.
 *
 * The server binds each client id to the first person it sees using it (server/sync/clientIds.ts)
 * and closes a connection that writes or announces an id someone else holds (CLOSE.clientIdTaken).
 * For an honest device that can only mean a collision of random ids; its changes under that id
 * never reached the server, so they can be renamed to a fresh id, with every reference to them
 * (neighbours, parents, deletions), and sent again. Nothing about them changes but their name.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';

interface DeleteSet {
	clients: Map<number, { clock: number; len: number }[]>;
}

type Struct = Y.Item | Y.GC | Y.Skip;

/** A fresh random client id, as Yjs makes them (uint32). */
export function freshClientId(avoid: { has(id: number): boolean }): number {
	for (;;) {
		const id = crypto.getRandomValues(new Uint32Array(1))[0]!;
		if (!avoid.has(id)) return id;
	}
}

/** The same update with every struct, reference and deletion of client `from` under `to`. */
export function rekeyUpdate(update: Uint8Array, from: number, to: number): Uint8Array {
	const { structs, ds } = Y.decodeUpdate(update) as unknown as { structs: Struct[]; ds: DeleteSet };
	const swap = <T extends Y.ID | null>(id: T): T => (id !== null && id.client === from ? (Y.createID(to, id.clock) as T) : id);
	const byClient = new Map<number, Struct[]>();
	for (const s of structs) {
		if (s.id.client === to) throw new Error('the new client id is already in the document');
		(s as { id: Y.ID }).id = swap(s.id);
		if (s instanceof Y.Item) {
			s.origin = swap(s.origin);
			s.rightOrigin = swap(s.rightOrigin);
			const parent = s.parent as unknown;
			// A decoded item names its parent by root name (string) or by the parent item's id.
			if (parent instanceof Object && 'client' in parent && 'clock' in parent) (s as { parent: unknown }).parent = swap(parent as Y.ID);
		}
		let list = byClient.get(s.id.client);
		if (!list) byClient.set(s.id.client, (list = []));
		list.push(s);
	}
	const encoder = new Y.UpdateEncoderV1();
	encoding.writeVarUint(encoder.restEncoder, byClient.size);
	for (const [client, list] of [...byClient].sort((a, b) => b[0] - a[0])) {
		list.sort((a, b) => a.id.clock - b.id.clock);
		encoding.writeVarUint(encoder.restEncoder, list.length);
		encoder.writeClient(client);
		encoding.writeVarUint(encoder.restEncoder, list[0]!.id.clock);
		for (const s of list) s.write(encoder, 0);
	}
	const deletions = new Map<number, { clock: number; len: number }[]>();
	for (const [client, ranges] of ds.clients) deletions.set(client === from ? to : client, ranges);
	encoding.writeVarUint(encoder.restEncoder, deletions.size);
	for (const [client, ranges] of [...deletions].sort((a, b) => b[0] - a[0])) {
		encoder.resetDsCurVal();
		encoding.writeVarUint(encoder.restEncoder, client);
		encoding.writeVarUint(encoder.restEncoder, ranges.length);
		for (const r of ranges) {
			encoder.writeDsClock(r.clock);
			encoder.writeDsLen(r.len);
		}
	}
	return encoder.toUint8Array();
}

/** The client id a CLOSE.clientIdTaken reason names, or null. */
export function takenClientId(reason: string): number | null {
	const match = /Client id (\d+) is taken/.exec(reason);
	return match ? Number(match[1]) : null;
}

/**
 * Which of this device's own client ids an incoming update shows someone else writing under,
 * or null: structs under one of them past the clock this device holds. Only the device writes
 * under its ids, so such structs mean the id was taken before its changes reached the server.
 * They must not be applied: their delete set would erase the device's unsent changes at those
 * clocks before the server's "taken" notice arrives, and the rename would carry the erasure.
 */
export function takenOwnClient(update: Uint8Array, own: Iterable<number>, held: (client: number) => number): number | null {
	let meta: { to: Map<number, number> } | null = null;
	for (const client of own) {
		meta ??= Y.parseUpdateMeta(update);
		if ((meta.to.get(client) ?? 0) > held(client)) return client;
	}
	return null;
}
