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
	/** When the server last held every change of this dossier (ms), or 0. */
	lastSynced: number;
	/** Whether the server's registry knows this dossier yet (created offline: not yet). */
	registered: boolean;
	/** Keys of what changed locally since the server last had everything (see DossierSession). */
	pendingChanges: string[];
	households: number;
}

/** A photo kept on this device until (and after) the server has it. */
export interface LocalBlob {
	hash: string;
	type: string;
	data: Blob;
	uploaded: boolean;
}

export interface Setting {
	key: string;
	value: unknown;
}

class LocalIndex extends Dexie {
	dossiers!: Table<LocalDossier, string>;
	settings!: Table<Setting, string>;
	blobs!: Table<LocalBlob, string>;

	constructor() {
		super('dangka-index');
		this.version(1).stores({ dossiers: 'id, lastOpened', settings: 'key' });
		this.version(2).stores({ blobs: 'hash' });
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
