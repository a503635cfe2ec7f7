import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DossierRecord, LoadedDoc, Store, StoredBlob, StoredChange, TownshipRecord, UpdateToStore } from './store';
import { AccountExists, normaliseUsername, type Session, type User } from '../accounts/accounts';

/**
 * The embedded default store: one SQLite file in WAL mode with synchronous=FULL, so a commit
 * has reached the disk (fsync of the WAL) before `append` returns. better-sqlite3 is synchronous;
 * the sync server batches everything that arrived in one event-loop turn into one `append`
 * (group commit), which keeps the cost to one fsync per batch rather than per update.
 */
/**
 * better-sqlite3 12 wraps Database and Statement in node::ObjectWrap; on Node 24.19+ an
 * ObjectWrap destroyed by a garbage collection outside a JS context aborts the process
 * (WiseLibs/better-sqlite3#1515, fixed only in 13, which needs Node 22). So this store never lets
 * one become garbage: statements are prepared once, pragmas go through exec (no Statement object),
 * and a closed store's objects stay referenced here until the process exits.
 */
const RETAINED: unknown[] = [];

interface TownshipRow {
	id: string;
	name: string;
	created_at: string;
	created_by: string;
}

interface UserRow {
	id: string;
	username: string;
	name: string;
	township_id: string;
	admin: number;
	disabled_at: string | null;
	password_hash: string;
	password_changed_at: string;
	created_at: string;
}

interface SessionRow {
	id_hash: string;
	user_id: string;
	device: string;
	created_at: string;
	expires_at: string;
}

const userOf = (row: UserRow): User => ({
	id: row.id,
	username: row.username,
	name: row.name,
	townshipId: row.township_id,
	admin: row.admin === 1,
	disabledAt: row.disabled_at,
	passwordHash: row.password_hash,
	passwordChangedAt: row.password_changed_at,
	createdAt: row.created_at
});

interface DossierRow {
	id: string;
	township_id: string;
	township: string;
	village: string;
	created_at: string;
	created_by: string;
}

const dossierOf = (row: DossierRow): DossierRecord => ({
	id: row.id,
	townshipId: row.township_id,
	township: row.township,
	village: row.village,
	createdAt: row.created_at,
	createdBy: row.created_by
});

const townshipOf = (row: TownshipRow): TownshipRecord => ({ id: row.id, name: row.name, createdAt: row.created_at, createdBy: row.created_by });

export class SqliteStore implements Store {
	private readonly db: Database.Database;
	private readonly stmts;
	private readonly tx;
	/** Statements whose text depends on the call, prepared once per text and never let go. */
	private readonly adHoc = new Map<string, Database.Statement>();

	constructor(file: string) {
		if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
		this.db = new Database(file);
		this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;');
		this.db.exec(`
			CREATE TABLE IF NOT EXISTS doc_updates (
				seq INTEGER PRIMARY KEY AUTOINCREMENT,
				room TEXT NOT NULL,
				data BLOB NOT NULL,
				user TEXT NOT NULL,
				at INTEGER NOT NULL
			);
			CREATE INDEX IF NOT EXISTS doc_updates_room_seq ON doc_updates (room, seq);
			CREATE TABLE IF NOT EXISTS doc_snapshots (
				room TEXT PRIMARY KEY,
				data BLOB NOT NULL,
				upto_seq INTEGER NOT NULL,
				at INTEGER NOT NULL
			);
			CREATE TABLE IF NOT EXISTS blobs (
				hash TEXT PRIMARY KEY,
				type TEXT NOT NULL,
				data BLOB NOT NULL,
				created_at INTEGER NOT NULL,
				created_by TEXT NOT NULL
			);
			CREATE TABLE IF NOT EXISTS blob_refs (
				hash TEXT NOT NULL,
				dossier_id TEXT NOT NULL,
				PRIMARY KEY (hash, dossier_id)
			);
			CREATE TABLE IF NOT EXISTS dossiers (
				id TEXT PRIMARY KEY,
				township TEXT NOT NULL,
				village TEXT NOT NULL,
				created_at TEXT NOT NULL,
				created_by TEXT NOT NULL
			);
			CREATE TABLE IF NOT EXISTS townships (
				id TEXT PRIMARY KEY,
				name TEXT NOT NULL,
				created_at TEXT NOT NULL,
				created_by TEXT NOT NULL
			);
			CREATE TABLE IF NOT EXISTS users (
				id TEXT PRIMARY KEY,
				username TEXT NOT NULL UNIQUE,
				name TEXT NOT NULL,
				township_id TEXT NOT NULL,
				admin INTEGER NOT NULL,
				disabled_at TEXT,
				password_hash TEXT NOT NULL,
				password_changed_at TEXT NOT NULL,
				created_at TEXT NOT NULL
			);
			CREATE INDEX IF NOT EXISTS users_township ON users (township_id);
			CREATE TABLE IF NOT EXISTS sessions (
				id_hash TEXT PRIMARY KEY,
				user_id TEXT NOT NULL,
				device TEXT NOT NULL,
				created_at TEXT NOT NULL,
				expires_at TEXT NOT NULL
			);
			CREATE INDEX IF NOT EXISTS sessions_user ON sessions (user_id);
			CREATE TABLE IF NOT EXISTS doc_changes (
				seq INTEGER NOT NULL,
				room TEXT NOT NULL,
				kind TEXT NOT NULL,
				target TEXT NOT NULL,
				key TEXT NOT NULL,
				value TEXT
			);
			CREATE INDEX IF NOT EXISTS doc_changes_room_target ON doc_changes (room, target, key, seq);
			CREATE TABLE IF NOT EXISTS room_clients (
				room TEXT NOT NULL,
				client INTEGER NOT NULL,
				user TEXT NOT NULL,
				PRIMARY KEY (room, client)
			);
		`);
		// v2 of the schema records the device each update came from.
		const tableInfo = this.db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('doc_updates')");
		RETAINED.push(tableInfo);
		const columns = tableInfo.all();
		if (!columns.some((c) => c.name === 'device')) this.db.exec("ALTER TABLE doc_updates ADD COLUMN device TEXT NOT NULL DEFAULT ''");
		// v3 records which township each dossier belongs to.
		const dossierColumns = this.db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('dossiers')");
		RETAINED.push(dossierColumns);
		if (!dossierColumns.all().some((c) => c.name === 'township_id')) this.db.exec("ALTER TABLE dossiers ADD COLUMN township_id TEXT NOT NULL DEFAULT ''");
		// v4 records when each client id was first seen (new ids are bounded per person and day).
		const clientColumns = this.db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('room_clients')");
		RETAINED.push(clientColumns);
		if (!clientColumns.all().some((c) => c.name === 'at')) this.db.exec('ALTER TABLE room_clients ADD COLUMN at INTEGER NOT NULL DEFAULT 0');
		this.stmts = {
			snapshot: this.db.prepare<[string], { data: Buffer; upto_seq: number }>(
				'SELECT data, upto_seq FROM doc_snapshots WHERE room = ?'
			),
			updates: this.db.prepare<[string, number], { seq: number; data: Buffer }>(
				'SELECT seq, data FROM doc_updates WHERE room = ? AND seq > ? ORDER BY seq'
			),
			insert: this.db.prepare<[string, Uint8Array, string, string, number]>(
				'INSERT INTO doc_updates (room, data, user, device, at) VALUES (?, ?, ?, ?, ?)'
			),
			upsertSnapshot: this.db.prepare<[string, Uint8Array, number, number]>(
				`INSERT INTO doc_snapshots (room, data, upto_seq, at) VALUES (?, ?, ?, ?)
				 ON CONFLICT(room) DO UPDATE SET data = excluded.data, upto_seq = excluded.upto_seq, at = excluded.at
				 WHERE excluded.upto_seq > doc_snapshots.upto_seq`
			),
			owners: this.db.prepare<[string], { client: number; user: string; at: number }>('SELECT client, user, at FROM room_clients WHERE room = ?'),
			claim: this.db.prepare<[string, number, string, number]>('INSERT INTO room_clients (room, client, user, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING'),
			insertChange: this.db.prepare<[number, string, string, string, string, string | null]>(
				'INSERT INTO doc_changes (seq, room, kind, target, key, value) VALUES (?, ?, ?, ?, ?, ?)'
			),
			updateLog: this.db.prepare<[string], { seq: number; at: number; user: string; device: string; bytes: number }>(
				'SELECT seq, at, user, device, length(data) AS bytes FROM doc_updates WHERE room = ? ORDER BY seq'
			),
			countAfter: this.db.prepare<[string, number], { n: number }>(
				'SELECT COUNT(*) AS n FROM doc_updates WHERE room = ? AND seq > ?'
			),
			putBlob: this.db.prepare<[string, string, Uint8Array, number, string]>(
				'INSERT INTO blobs (hash, type, data, created_at, created_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT(hash) DO NOTHING'
			),
			putBlobRef: this.db.prepare<[string, string]>('INSERT INTO blob_refs (hash, dossier_id) VALUES (?, ?) ON CONFLICT DO NOTHING'),
			getBlob: this.db.prepare<[string, string], { type: string; data: Buffer }>(
				'SELECT b.type, b.data FROM blobs b JOIN blob_refs r ON r.hash = b.hash WHERE b.hash = ? AND r.dossier_id = ?'
			),
			insertDossier: this.db.prepare<[string, string, string, string, string, string]>(
				'INSERT INTO dossiers (id, township_id, township, village, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING'
			),
			bindDossier: this.db.prepare<[string, string]>("UPDATE dossiers SET township_id = ? WHERE id = ? AND township_id = ''"),
			getDossier: this.db.prepare<[string], DossierRow>('SELECT id, township_id, township, village, created_at, created_by FROM dossiers WHERE id = ?'),
			listDossiers: this.db.prepare<[], DossierRow>('SELECT id, township_id, township, village, created_at, created_by FROM dossiers ORDER BY township, village, id'),
			insertTownship: this.db.prepare<[string, string, string, string]>(
				'INSERT INTO townships (id, name, created_at, created_by) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO NOTHING'
			),
			getTownship: this.db.prepare<[string], TownshipRow>('SELECT id, name, created_at, created_by FROM townships WHERE id = ?'),
			listTownships: this.db.prepare<[], TownshipRow>('SELECT id, name, created_at, created_by FROM townships ORDER BY name, id'),
			insertUser: this.db.prepare<[string, string, string, string, number, string | null, string, string, string]>(
				'INSERT INTO users (id, username, name, township_id, admin, disabled_at, password_hash, password_changed_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'
			),
			userById: this.db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?'),
			userByUsername: this.db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?'),
			listUsers: this.db.prepare<[string], UserRow>('SELECT * FROM users WHERE township_id = ? ORDER BY name, username'),
			countUsers: this.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM users'),
			updateUser: this.db.prepare<[string, number, string | null, string, string, string]>(
				'UPDATE users SET name = ?, admin = ?, disabled_at = ?, password_hash = ?, password_changed_at = ? WHERE id = ?'
			),
			insertSession: this.db.prepare<[string, string, string, string, string]>(
				'INSERT INTO sessions (id_hash, user_id, device, created_at, expires_at) VALUES (?, ?, ?, ?, ?)'
			),
			session: this.db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id_hash = ?'),
			deleteSession: this.db.prepare<[string]>('DELETE FROM sessions WHERE id_hash = ?'),
			sessionsOf: this.db.prepare<[string], { id_hash: string }>('SELECT id_hash FROM sessions WHERE user_id = ?'),
			deleteExpiredSessions: this.db.prepare<[string]>('DELETE FROM sessions WHERE expires_at < ?'),
			quickCheck: this.db.prepare<[], { quick_check: string }>('PRAGMA quick_check(20)')
		};
		// Transaction wrappers are made once: each call of db.transaction() would otherwise make
		// a new function object around the same cached BEGIN/COMMIT statements.
		this.tx = {
			load: this.db.transaction((room: string): LoadedDoc => {
				const snapshot = this.snapshotOf(room);
				const snapshotSeq = snapshot?.uptoSeq ?? 0;
				const updates = this.stmts.updates.all(room, snapshotSeq).map((r) => ({ seq: r.seq, data: new Uint8Array(r.data) }));
				const owners = new Map(this.stmts.owners.all(room).map((r) => [r.client, { user: r.user, at: r.at }]));
				return { snapshot: snapshot?.data ?? null, snapshotSeq, updates, owners };
			}),
			append: this.db.transaction((entries: UpdateToStore[], at: number): number[] =>
				entries.map((e) => {
					const seq = Number(this.stmts.insert.run(e.room, e.data, e.user, e.device, at).lastInsertRowid);
					for (const c of e.changes ?? []) this.stmts.insertChange.run(seq, e.room, c.kind, c.target, c.key, c.value);
					for (const client of e.claims ?? []) this.stmts.claim.run(e.room, client, e.user, at);
					return seq;
				})
			),
			putBlob: this.db.transaction((hash: string, blob: StoredBlob, user: string, dossierId: string) => {
				this.stmts.putBlob.run(hash, blob.type, blob.data, Date.now(), user);
				this.stmts.putBlobRef.run(hash, dossierId);
			}),
			claim: this.db.transaction((room: string, user: string, clients: readonly number[], at: number) => {
				for (const client of clients) this.stmts.claim.run(room, client, user, at);
			}),
			compact: this.db.transaction((room: string, snapshot: Uint8Array, uptoSeq: number) => {
				// A stale compaction (an older uptoSeq) loses the upsert; the log itself is never cut.
				this.stmts.upsertSnapshot.run(room, snapshot, uptoSeq, Date.now());
			})
		};
	}

	private snapshotOf(room: string) {
		const row = this.stmts.snapshot.get(room);
		return row ? { data: new Uint8Array(row.data), uptoSeq: row.upto_seq } : null;
	}

	async load(room: string): Promise<LoadedDoc> {
		return this.tx.load(room);
	}

	async append(entries: UpdateToStore[]): Promise<number[]> {
		return this.tx.append(entries, Date.now());
	}

	async claimClients(room: string, user: string, clients: readonly number[], at: number): Promise<void> {
		this.tx.claim(room, user, clients, at);
	}

	async compact(room: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
		this.tx.compact(room, snapshot, uptoSeq);
	}

	async pendingUpdates(room: string): Promise<number> {
		const snapshotSeq = this.snapshotOf(room)?.uptoSeq ?? 0;
		return this.stmts.countAfter.get(room, snapshotSeq)?.n ?? 0;
	}

	async updateLog(room: string): Promise<{ seq: number; at: number; user: string; device: string; bytes: number }[]> {
		return this.stmts.updateLog.all(room);
	}

	async changes(rooms: string[], filter: { target?: string; key?: string } = {}): Promise<StoredChange[]> {
		if (rooms.length === 0) return [];
		// Built per call (the number of rooms varies), then kept referenced (see RETAINED).
		const where = [`c.room IN (${rooms.map(() => '?').join(', ')})`];
		const params: string[] = [...rooms];
		if (filter.target !== undefined) {
			where.push('c.target = ?');
			params.push(filter.target);
		}
		if (filter.key !== undefined) {
			where.push('c.key = ?');
			params.push(filter.key);
		}
		const sql = `SELECT c.seq, c.room, c.kind, c.target, c.key, c.value, u.at, u.user, u.device
			FROM doc_changes c JOIN doc_updates u ON u.seq = c.seq WHERE ${where.join(' AND ')} ORDER BY c.seq, c.rowid`;
		let stmt = this.adHoc.get(sql);
		if (!stmt) {
			stmt = this.db.prepare(sql);
			this.adHoc.set(sql, stmt);
		}
		return stmt.all(...params) as StoredChange[];
	}

	async putBlob(hash: string, blob: StoredBlob, user: string, dossierId: string): Promise<void> {
		this.tx.putBlob(hash, blob, user, dossierId);
	}

	async getBlob(hash: string, dossierId: string): Promise<StoredBlob | null> {
		const row = this.stmts.getBlob.get(hash, dossierId);
		return row ? { type: row.type, data: new Uint8Array(row.data) } : null;
	}

	async registerDossier(record: DossierRecord): Promise<DossierRecord> {
		this.stmts.insertDossier.run(record.id, record.townshipId, record.township, record.village, record.createdAt, record.createdBy);
		return (await this.getDossier(record.id))!;
	}

	async bindDossier(id: string, townshipId: string): Promise<void> {
		this.stmts.bindDossier.run(townshipId, id);
	}

	async getDossier(id: string): Promise<DossierRecord | null> {
		const row = this.stmts.getDossier.get(id);
		return row ? dossierOf(row) : null;
	}

	async listDossiers(): Promise<DossierRecord[]> {
		return this.stmts.listDossiers.all().map(dossierOf);
	}

	async registerTownship(record: TownshipRecord): Promise<TownshipRecord> {
		this.stmts.insertTownship.run(record.id, record.name, record.createdAt, record.createdBy);
		return (await this.getTownship(record.id))!;
	}

	async getTownship(id: string): Promise<TownshipRecord | null> {
		const row = this.stmts.getTownship.get(id);
		return row ? townshipOf(row) : null;
	}

	async listTownships(): Promise<TownshipRecord[]> {
		return this.stmts.listTownships.all().map(townshipOf);
	}

	async createUser(user: User): Promise<void> {
		const username = normaliseUsername(user.username);
		if (this.stmts.userByUsername.get(username)) throw new AccountExists(username);
		this.stmts.insertUser.run(
			user.id,
			username,
			user.name,
			user.townshipId,
			user.admin ? 1 : 0,
			user.disabledAt,
			user.passwordHash,
			user.passwordChangedAt,
			user.createdAt
		);
	}

	async userById(id: string): Promise<User | null> {
		const row = this.stmts.userById.get(id);
		return row ? userOf(row) : null;
	}

	async userByUsername(username: string): Promise<User | null> {
		const row = this.stmts.userByUsername.get(normaliseUsername(username));
		return row ? userOf(row) : null;
	}

	async listUsers(townshipId: string): Promise<User[]> {
		return this.stmts.listUsers.all(townshipId).map(userOf);
	}

	async countUsers(): Promise<number> {
		return this.stmts.countUsers.get()?.n ?? 0;
	}

	async updateUser(id: string, change: Partial<Pick<User, 'name' | 'admin' | 'disabledAt' | 'passwordHash' | 'passwordChangedAt'>>): Promise<void> {
		const current = await this.userById(id);
		if (!current) throw new Error(`no user ${id}`);
		const next = { ...current, ...change };
		this.stmts.updateUser.run(next.name, next.admin ? 1 : 0, next.disabledAt, next.passwordHash, next.passwordChangedAt, id);
	}

	async createSession(session: Session): Promise<void> {
		this.stmts.deleteExpiredSessions.run(new Date().toISOString());
		this.stmts.insertSession.run(session.idHash, session.userId, session.device, session.createdAt, session.expiresAt);
	}

	async session(idHash: string): Promise<Session | null> {
		const row = this.stmts.session.get(idHash);
		return row ? { idHash: row.id_hash, userId: row.user_id, device: row.device, createdAt: row.created_at, expiresAt: row.expires_at } : null;
	}

	async deleteSession(idHash: string): Promise<void> {
		this.stmts.deleteSession.run(idHash);
	}

	async deleteSessionsOf(userId: string, except?: string): Promise<string[]> {
		const ended = this.stmts.sessionsOf
			.all(userId)
			.map((r) => r.id_hash)
			.filter((h) => h !== except);
		for (const h of ended) this.stmts.deleteSession.run(h);
		return ended;
	}

	/**
	 * SQLite's own check of the file (PRAGMA quick_check): every page of every table and index
	 * reachable and well formed, none used twice or lost; it does not match indexes against their
	 * tables. What it reports (20 findings at most); none when the file is sound. Reads the whole file.
	 */
	integrityProblems(): string[] {
		// A row may hold several lines (one tree's problems together).
		const lines = this.stmts.quickCheck.all().flatMap((r) => r.quick_check.split('\n').filter((line) => line !== ''));
		return lines.length === 1 && lines[0] === 'ok' ? [] : lines;
	}

	async close(): Promise<void> {
		if (this.db.open) this.db.close();
		RETAINED.push(this.db, this.stmts, this.tx, this.adHoc);
	}
}
