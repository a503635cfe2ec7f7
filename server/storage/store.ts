/**
 * The server's one storage interface. The embedded SQLite store implements it first; the
 * scale-out stores (PostgreSQL, Redis) implement the same contract and run the same test suite.
 *
 * The contract that keeps edits safe:
 * - `append` resolves only once every entry is durable (committed and on disk), in one commit;
 *   the sync server broadcasts and acknowledges an update only after that.
 * - `compact` replaces the snapshot, which then covers the updates with seq <= uptoSeq, in one
 *   commit. Updates are never deleted: the log is the audit trail (who sent what, from which
 *   device, when), kept for good; the snapshot only spares loading from replaying all of it.
 */
import type { AccountStore } from '../accounts/accounts';
import type { ClientOwner } from '../sync/clientIds';

export interface StoredUpdate {
	seq: number;
	data: Uint8Array;
}

export interface LoadedDoc {
	snapshot: Uint8Array | null;
	/** The highest seq folded into the snapshot (0 when there is none). */
	snapshotSeq: number;
	/** Updates after the snapshot, in seq order. */
	updates: StoredUpdate[];
	/** Which person each Yjs client id of this room belongs to (see UpdateToStore.claims). */
	owners: Map<number, ClientOwner>;
}

/** One thing an update changed, indexed for the audit trail (an answer's history, the export). */
export interface Change {
	/** answer, household, village, signature, campaign, meta, finding, event, comment, org */
	kind: string;
	/** The record changed: a household id, a finding id, a comment id, an organisation root. */
	target: string;
	/** The field within it (an answer key), or '' for the record as a whole. */
	key: string;
	/** The new value as JSON; over 2,000 characters, a JSON string of its start; null when removed. */
	value: string | null;
}

/** A change as stored, with when, who and from which device. */
export interface StoredChange extends Change {
	seq: number;
	room: string;
	at: number;
	user: string;
	device: string;
}

export interface UpdateToStore {
	room: string;
	data: Uint8Array;
	/** Who sent it: the signed-in user's id, for the audit trail. */
	user: string;
	/** From which device (the session's device id). */
	device: string;
	/** What it changed, as the server read it while applying it. */
	changes?: Change[];
	/**
	 * Yjs client ids this update is the first to use in its room: from now on they belong to
	 * `user`, so nobody else can write under them (and pre-empt that person's next edits).
	 */
	claims?: number[];
}

export interface DossierRecord {
	id: string;
	/** The township (its id) the dossier belongs to: whoever registered it, for good. */
	townshipId: string;
	/** The township's name as the registering device wrote it (a label). */
	township: string;
	village: string;
	createdAt: string;
	createdBy: string;
}

/** A township (乡镇) as registered by the device that set it up; its organisation is a document. */
export interface TownshipRecord {
	id: string;
	name: string;
	createdAt: string;
	createdBy: string;
}

export interface StoredBlob {
	type: string;
	data: Uint8Array;
}

export interface Store extends AccountStore {
	/**
	 * Content-addressed files (photos): stored once per SHA-256, and recorded as belonging to the
	 * dossier they were attached in (one photo may belong to several). Putting one twice is a no-op.
	 */
	putBlob(hash: string, blob: StoredBlob, user: string, dossierId: string): Promise<void>;
	/** A blob, if it belongs to that dossier: who may read the dossier may read its photos. */
	getBlob(hash: string, dossierId: string): Promise<StoredBlob | null>;

	load(room: string): Promise<LoadedDoc>;
	/** Durably stores a batch of updates in one commit; resolves with their seqs, in order. */
	append(entries: UpdateToStore[]): Promise<number[]>;
	compact(room: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>;
	/**
	 * Records Yjs client ids a person announced (in awareness, or a sync step 1) before writing
	 * under them: they are that person's from now on, like an update's claims.
	 */
	claimClients(room: string, user: string, clients: readonly number[], at: number): Promise<void>;
	/** Count of updates stored after the snapshot. */
	pendingUpdates(room: string): Promise<number>;
	/** Every stored update of a room (the audit log), oldest first, without its bytes. */
	updateLog(room: string): Promise<{ seq: number; at: number; user: string; device: string; bytes: number }[]>;
	/** The changes recorded in these rooms, oldest first; optionally of one record, or one field of it. */
	changes(rooms: string[], filter?: { target?: string; key?: string }): Promise<StoredChange[]>;

	/** Registers a dossier unless its id is taken; resolves with the record that stands. */
	registerDossier(record: DossierRecord): Promise<DossierRecord>;
	/** Gives a dossier registered before townships were recorded (townshipId '') its township. */
	bindDossier(id: string, townshipId: string): Promise<void>;
	getDossier(id: string): Promise<DossierRecord | null>;
	listDossiers(): Promise<DossierRecord[]>;

	/** Idempotent like registerDossier: the first registration's name stands. */
	registerTownship(record: TownshipRecord): Promise<TownshipRecord>;
	getTownship(id: string): Promise<TownshipRecord | null>;
	listTownships(): Promise<TownshipRecord[]>;

	close(): Promise<void>;
}
