/**
 * Whose documents this device holds. Dossiers synced for one person are theirs to read offline;
 * when another person signs in on the same phone, those copies are forgotten, so nobody reads on
 * a shared device what their own rights would not show them. Unsynced changes are never among
 * what is forgotten: sign-in waits for their author (see CurrentUser.signIn).
 */
import { parseRoom } from '../sync/protocol';
import { getSetting, localIndex, putSetting } from './localIndex';
import { databaseName } from './syncedDoc.svelte';

const OWNER = 'dataOwner';
const FORGET = 'forgetPending';

/** The account whose documents the device holds (null: none recorded yet). */
export function dataOwner(): Promise<string | null> {
	return getSetting<string | null>(OWNER, null);
}

/**
 * Records that `accountId` signed in. Returns true when the device held another person's
 * documents: they are then forgotten at the next start of the app (`forgetIfAsked`), before any
 * document is opened, which is why the caller reloads.
 */
export async function claimDevice(accountId: string, previous: string | null): Promise<boolean> {
	const owner = (await dataOwner()) ?? previous;
	await putSetting(OWNER, accountId);
	if (!owner || owner === accountId) return false;
	const held = (await localIndex.dossiers.count()) + (await localIndex.rooms.count());
	if (held === 0) return false;
	await putSetting(FORGET, true);
	return true;
}

/** Run at start-up, before anything opens a document. */
export async function forgetIfAsked(): Promise<void> {
	if (!(await getSetting(FORGET, false))) return;
	// Sign-in already waited for anything unsynced; should some remain, its documents stay.
	const rooms = await localIndex.rooms.toArray();
	const keep = new Set(rooms.filter((r) => r.pendingChanges.length > 0).map((r) => dbOf(r.name)));
	const names = new Set(rooms.map((r) => dbOf(r.name)).filter(Boolean));
	const dossiers = await localIndex.dossiers.toArray();
	for (const d of dossiers) {
		names.add(databaseName({ kind: 'dossier', dossierId: d.id }));
		names.add(databaseName({ kind: 'review', dossierId: d.id }));
	}
	// Documents whose record was lost still have a database: take every one the app made.
	const all = typeof indexedDB.databases === 'function' ? await indexedDB.databases().catch(() => []) : [];
	for (const db of all) if (db.name && /^dangka-(dossier|review|organisation)-/.test(db.name)) names.add(db.name);
	const gone = [...names].filter((name) => !keep.has(name));
	await Promise.all(gone.map(deleteDatabase));
	const goneSet = new Set(gone);
	await localIndex.transaction('rw', [localIndex.rooms, localIndex.dossiers, localIndex.blobs], async () => {
		await localIndex.rooms.bulkDelete(rooms.filter((r) => !keep.has(dbOf(r.name))).map((r) => r.name));
		await localIndex.dossiers.bulkDelete(dossiers.filter((d) => goneSet.has(databaseName({ kind: 'dossier', dossierId: d.id }))).map((d) => d.id));
		// Photos still waiting to upload belong to someone's unsynced work: kept.
		await localIndex.blobs.filter((b) => b.uploaded).delete();
	});
	await putSetting(FORGET, false);
}

function dbOf(room: string): string {
	const ref = parseRoom(room);
	return ref ? databaseName(ref) : '';
}

function deleteDatabase(name: string): Promise<void> {
	return new Promise((resolve) => {
		const request = indexedDB.deleteDatabase(name);
		request.onsuccess = () => resolve();
		request.onerror = () => resolve();
	});
}
