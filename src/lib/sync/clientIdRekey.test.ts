import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { rekeyUpdate, takenClientId, takenOwnClient } from './clientIdRekey';

function docWith(clientID: number): Y.Doc {
	const doc = new Y.Doc();
	doc.clientID = clientID;
	return doc;
}

describe('rekeyUpdate', () => {
	it('moves one client’s changes to a new id and keeps everything they say', () => {
		const server = docWith(1);
		server.getMap('households').set('h0', new Y.Map());
		const device = docWith(2);
		Y.applyUpdate(device, Y.encodeStateAsUpdate(server));
		// Offline work under the id that turns out to be taken: nested maps, an overwrite, a
		// deletion of the server's own item, an array, text.
		const households = device.getMap('households');
		const h = new Y.Map<unknown>();
		households.set('h1', h);
		h.set('card:head', '张三');
		h.set('card:head', '张三丰');
		h.set('members', Y.Array.from([1, 2, 3]));
		households.delete('h0');
		device.getMap('village').set('note', new Y.Text('村里'));

		const moved = rekeyUpdate(Y.encodeStateAsUpdate(device), 2, 77);
		const copy = docWith(3);
		Y.applyUpdate(copy, moved);
		expect(copy.getMap('households').toJSON()).toEqual(device.getMap('households').toJSON());
		expect(copy.getMap('village').toJSON()).toEqual({ note: '村里' });
		const clients = [...Y.decodeStateVector(Y.encodeStateVector(copy)).keys()].sort();
		expect(clients).toEqual([1, 77]);

		// The server, which never had client 2's changes, takes them under the new id and ends
		// where the device is.
		Y.applyUpdate(server, moved);
		expect(server.getMap('households').toJSON()).toEqual({ h1: { 'card:head': '张三丰', members: [1, 2, 3] } });
		expect(server.store.pendingStructs).toBeNull();
		expect(server.store.pendingDs).toBeNull();
	});

	it('refuses a target id the document already uses', () => {
		const doc = docWith(5);
		doc.getMap('m').set('a', 1);
		const other = docWith(6);
		other.getMap('m').set('b', 1);
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
		expect(() => rekeyUpdate(Y.encodeStateAsUpdate(doc), 5, 6)).toThrow();
	});

	it('reads the id from the server’s close reason', () => {
		expect(takenClientId('Client id 4242 is taken: take a new one and resend')).toBe(4242);
		expect(takenClientId('Forbidden: Read only')).toBeNull();
	});

	it('tells an update that writes under this device’s id past its own clock', () => {
		const device = new Y.Doc();
		device.getMap('households').set('h1', 'offline answer');
		const own = device.clientID;
		const held = (client: number) => Y.getState(device.store, client);
		// Someone else's GC struct over the device's id, longer than what the device wrote.
		const thief = new Y.Doc();
		thief.clientID = own;
		thief.getArray('x').insert(0, [1, 2, 3]);
		const stolen = Y.encodeStateAsUpdate(thief);
		expect(takenOwnClient(stolen, [own], held)).toBe(own);
		// A colleague's ordinary update, and the device's own changes coming back, are fine.
		const colleague = new Y.Doc();
		colleague.getMap('households').set('h2', 'x');
		expect(takenOwnClient(Y.encodeStateAsUpdate(colleague), [own], held)).toBeNull();
		expect(takenOwnClient(Y.encodeStateAsUpdate(device), [own], held)).toBeNull();
		expect(takenOwnClient(stolen, [], held)).toBeNull();
	});
});
