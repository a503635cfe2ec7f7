/**
 * The device's own index (Dexie over IndexedDB): which dossiers this device holds, when each
 * was last opened and synced, and the few settings that belong to the device, not a dossier.
 * The dossiers' contents live in their own y-indexeddb databases, one per dossier.
 */
import Dexie, { type Table } from 'dexie';

export interface LocalDossier {
	id: string;
	township: string;
	village: string;
	createdAt: string;
	createdBy: string;
	lastOpened: number;
	/** Whether the server's registry knows this dossier yet (created offline: not yet). */
	registered: boolean;
	households: number;
	/**
	 * Created on this device: only then does opening it write the village's identity into the
	 * document. A dossier opened from the server's list gets it by syncing (and a reader may not
	 * write it).
	 */
	createdHere?: boolean;
}

/** A synced document's state on this device (see SyncedDoc), by room name. */
export interface LocalRoom {
	name: string;
	/** Keys of what changed locally since the server last had everything. */
	pendingChanges: string[];
	/** When the server last held every change (ms), or 0. */
	lastSynced: number;
	/** Client ids this device wrote changes under that the server may not hold yet (SyncedDoc). */
	ownClients?: number[];
	/**
	 * The document's state with its changes moved to a new client id (the server said the old one
	 * is someone else's), kept here until it is back in the document's own database. Written by
	 * earlier versions of the app only (the database is now rewritten in place); still read.
	 */
	renamed?: Uint8Array;
}

/** A photo kept on this device until (and after) the server has it. */
export interface LocalBlob {
	hash: string;
	type: string;
	data: Blob;
	/** Nothing left to upload (pendingFor is empty). */
	uploaded: boolean;
	/**
	 * The dossiers the server has yet to receive this photo for: a photo belongs to the dossiers
	 * it was attached in, and is read through them.
	 */
	pendingFor?: string[];
}

export interface Setting {
	key: string;
	value: unknown;
}

class LocalIndex extends Dexie {
	dossiers!: Table<LocalDossier, string>;
	settings!: Table<Setting, string>;
	blobs!: Table<LocalBlob, string>;
	rooms!: Table<LocalRoom, string>;

	constructor() {
		super('dangka-index');
		this.version(1).stores({ dossiers: 'id, lastOpened', settings: 'key' });
		this.version(2).stores({ blobs: 'hash' });
		// v3: sync bookkeeping per room (a village now has a dossier and a review document). What
		// v2 kept on the dossier row moves over, so changes waiting offline are still counted.
		this.version(3)
			.stores({ rooms: 'name' })
			.upgrade(async (tx) => {
				await tx
					.table('dossiers')
					.toCollection()
					.each((d: { id: string; pendingChanges?: string[]; lastSynced?: number }) =>
						tx.table('rooms').put({ name: d.id, pendingChanges: d.pendingChanges ?? [], lastSynced: d.lastSynced ?? 0 })
					);
			});
		this.version(4).stores({ townships: 'id' });
		// v5: a device works in its account's township; the chosen-township list (v4) goes.
		this.version(5).stores({ townships: null });
	}
}

export const localIndex = new LocalIndex();

export async function getSetting<T>(key: string, fallback: T): Promise<T> {
	const row = await localIndex.settings.get(key);
	return row ? (row.value as T) : fallback;
}

export async function putSetting(key: string, value: unknown): Promise<void> {
	await localIndex.settings.put({ key, value });
}
