import * as Y from 'yjs';
import type { LoadedDoc, Store } from './store';

/**
 * Rebuilds a document from what the store holds. An update that cannot be applied is skipped
 * and reported (its seq) rather than making the whole dossier unloadable; the server validates
 * updates before storing them, so this is a last line of defence against a damaged store. A
 * snapshot that cannot be read is not skipped: serving the dossier without it, the next
 * snapshot would cover those updates without their content. Loading fails, saying which.
 */
export function docFromStored(loaded: LoadedDoc, onBadUpdate?: (seq: number, error: unknown) => void): Y.Doc {
	const doc = new Y.Doc({ gc: true });
	if (loaded.snapshot) {
		try {
			Y.applyUpdate(doc, loaded.snapshot);
		} catch (error) {
			doc.destroy();
			throw new Error(`the stored snapshot (updates up to seq ${loaded.snapshotSeq}) cannot be read: ${String(error)}`, { cause: error });
		}
	}
	for (const { seq, data } of loaded.updates) {
		try {
			Y.applyUpdate(doc, data);
		} catch (error) {
			onBadUpdate?.(seq, error);
		}
	}
	return doc;
}

/**
 * Folds a room's update log into a new snapshot. The snapshot is the state of everything loaded
 * (including updates still waiting for missing dependencies, which encodeStateAsUpdate keeps),
 * and only the updates it covers (seq <= the last one read) are deleted.
 */
export async function compactRoom(store: Store, room: string): Promise<{ folded: number; bytes: number }> {
	const loaded = await store.load(room);
	if (loaded.updates.length === 0) return { folded: 0, bytes: loaded.snapshot?.byteLength ?? 0 };
	const doc = docFromStored(loaded);
	const snapshot = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	const uptoSeq = loaded.updates[loaded.updates.length - 1]!.seq;
	await store.compact(room, snapshot, uptoSeq);
	return { folded: loaded.updates.length, bytes: snapshot.byteLength };
}
