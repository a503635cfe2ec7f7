import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { CLOSE } from '../../src/lib/sync/protocol';
import { closed, connect, rawSocket, startServer, synced, until, type ServerProcess } from './harness';

let server: ServerProcess;
beforeAll(async () => {
	server = await startServer({ env: { ROOM_IDLE_MS: '200' } });
});
afterAll(async () => {
	await server?.dispose();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const bytes = (write: (e: encoding.Encoder) => void) => {
	const e = encoding.createEncoder();
	write(e);
	return encoding.toUint8Array(e);
};
const syncFrame = (syncType: number, payload: Uint8Array) =>
	bytes((e) => {
		encoding.writeVarUint(e, 0);
		encoding.writeVarUint(e, syncType);
		encoding.writeVarUint8Array(e, payload);
	});

/** What a fresh reader gets from the server for a room. */
async function serverState(room: string): Promise<Record<string, unknown>> {
	const ws = await rawSocket(server, room);
	const doc = new Y.Doc();
	ws.on('message', (m: Buffer) => {
		const d = decoding.createDecoder(new Uint8Array(m));
		if (decoding.readVarUint(d) === 0 && decoding.readVarUint(d) === 1) Y.applyUpdate(doc, decoding.readVarUint8Array(d));
	});
	ws.send(syncFrame(0, Y.encodeStateVector(new Y.Doc())));
	await sleep(300);
	ws.close();
	return doc.getMap('village').toJSON();
}

describe('an update that parses but does not integrate', () => {
	it('is refused, and cannot make the server lose or drop honest updates', async () => {
		const room = 'poisonroom01';
		// B: an item whose right origin is a later clock of its own client, so it waits as
		// pending; Z then "satisfies" it and its integration throws inside Yjs.
		const X = 900001;
		const Zc = 900002;
		const B = bytes((e) => {
			encoding.writeVarUint(e, 1);
			encoding.writeVarUint(e, 1);
			encoding.writeVarUint(e, X);
			encoding.writeVarUint(e, 0);
			encoding.writeUint8(e, 4 | 0x80 | 0x40);
			encoding.writeVarUint(e, Zc);
			encoding.writeVarUint(e, 0);
			encoding.writeVarUint(e, X);
			encoding.writeVarUint(e, 5);
			encoding.writeVarString(e, 'b');
			encoding.writeVarUint(e, 0);
		});
		const Z = bytes((e) => {
			encoding.writeVarUint(e, 1);
			encoding.writeVarUint(e, 1);
			encoding.writeVarUint(e, Zc);
			encoding.writeVarUint(e, 0);
			encoding.writeUint8(e, 4);
			encoding.writeVarUint(e, 1);
			encoding.writeVarString(e, 't');
			encoding.writeVarString(e, 'z');
			encoding.writeVarUint(e, 0);
		});
		// Two honest tabs: tab 2 corrects tab 1's answer; its update reaches the server first.
		const tab1 = new Y.Doc();
		const tab2 = new Y.Doc();
		let h1: Uint8Array = new Uint8Array();
		tab1.on('update', (u: Uint8Array) => (h1 = u));
		tab1.getMap('village').set('a', 'answer-from-tab1');
		Y.applyUpdate(tab2, h1);
		tab2.getMap('village').set('a', 'corrected-by-tab2');
		tab2.getMap('village').set('b', 'tab2-only');
		// Tab 2 syncs as a provider does: its sync step 2 carries all the server lacks, tab 1's
		// answer with the deletion of it (a deletion alone, of clocks the server lacks, is refused).
		const h2 = Y.encodeStateAsUpdate(tab2);

		const attacker = await rawSocket(server, room);
		const honest2 = await rawSocket(server, room);
		let honestClosedEarly = false;
		honest2.once('close', () => (honestClosedEarly = true));
		const attackerClosed = closed(attacker);
		// B builds on a struct nobody has sent: it is not taken (before this was judged, the server
		// held it pending until Z made Yjs throw half-way through applying).
		attacker.send(syncFrame(2, B));
		expect((await attackerClosed).code).toBe(CLOSE.outOfOrder);
		honest2.send(syncFrame(2, h2));
		await sleep(150);
		// Z alone, from another socket: not a value the layouts hold (a Y.Text string), refused.
		const second = await rawSocket(server, room);
		const secondClosed = closed(second);
		second.send(syncFrame(2, Z));
		expect((await secondClosed).code).toBe(CLOSE.forbidden);
		expect(honestClosedEarly).toBe(false);
		honest2.close();

		const honest1 = await rawSocket(server, room);
		honest1.send(syncFrame(2, h1));
		await sleep(150);
		honest1.close();
		await sleep(600); // idle: the room is compacted and unloaded
		expect(await serverState(room)).toEqual({ a: 'corrected-by-tab2', b: 'tab2-only' });
	});
});

describe('a frame with trailing bytes', () => {
	it('is refused whole: nothing of it is stored or broadcast', async () => {
		const room = 'trailroom001';
		const peer = await connect(server, room);
		await synced(peer);
		const doc = new Y.Doc();
		doc.getMap('village').set('x', 'should not land');
		const ws = await rawSocket(server, room);
		const c = closed(ws);
		ws.send(new Uint8Array([...syncFrame(2, Y.encodeStateAsUpdate(doc)), 7, 7]));
		expect((await c).code).toBe(CLOSE.malformed);
		await sleep(200);
		expect(peer.doc.getMap('village').toJSON()).toEqual({});
		expect(await serverState(room)).toEqual({});
		peer.destroy();
	});
});

describe('durable acknowledgement', () => {
	it('is not given for a deletion until the server has it', async () => {
		const room = 'deletion0001';
		const a = await connect(server, room);
		await synced(a);
		a.doc.getMap('village').set('x', 1);
		await a.durable.whenDurable();
		a.provider.disconnect();
		// Offline, clear the answer: the state vector does not change with a deletion.
		a.doc.getMap('village').delete('x');
		// At the moment the socket is back, the server cannot yet have the deletion.
		let atReconnect: boolean | null = null;
		a.provider.on('status', ({ status }: { status: string }) => {
			if (status === 'connected' && atReconnect === null) atReconnect = a.durable.serverHasEverything;
		});
		a.provider.connect();
		await until(() => atReconnect !== null, 5000, 'reconnect');
		expect(atReconnect).toBe(false);
		await a.durable.whenDurable();
		expect(await serverState(room)).toEqual({});
		a.destroy();
	});
});
