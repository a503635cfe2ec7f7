/**
 * Updates a crafted client can send that the stock Yjs API never writes: what the insider tests
 * (server and browser) send to show the server refuses them. Tests only.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';

/** A hand-made update: one content-less GC struct of `len` clocks under each of `clients`, from clock 0. */
export function gcUpdate(clients: number[], len: number): Uint8Array {
	const encoder = new Y.UpdateEncoderV1();
	encoding.writeVarUint(encoder.restEncoder, clients.length);
	for (const client of clients) {
		encoding.writeVarUint(encoder.restEncoder, 1);
		encoder.writeClient(client);
		encoding.writeVarUint(encoder.restEncoder, 0);
		encoder.writeInfo(0);
		encoder.writeLen(len);
	}
	encoding.writeVarUint(encoder.restEncoder, 0);
	return encoder.toUint8Array();
}

/** A y-websocket sync message carrying an update (sync step 2 / update), as a stock provider frames it. */
export function syncUpdate(update: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0);
	encoding.writeVarUint(e, 2);
	encoding.writeVarUint8Array(e, update);
	return encoding.toUint8Array(e);
}
