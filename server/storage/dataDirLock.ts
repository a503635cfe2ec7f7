/**
 * One server per data folder. Two servers on one DATA_DIR each keep their own in-memory copy of
 * a dossier: each acknowledges edits the other never applies, and the next snapshot either writes
 * covers the other's updates without their content, so acknowledged answers vanish from the
 * document (the log still has them). Until several nodes are supported (the scale-out mode, with
 * a shared store), a server holds this lock for as long as it runs and a second one refuses to start.
 *
 * The lock is SQLite's own exclusive lock (a POSIX advisory lock) on a file of its own,
 * `DATA_DIR/server.lock`, held by an open transaction: the operating system releases it when the
 * process ends however it ends, kill -9 included, so there is never a stale lock to clean up. It
 * is not the store's file, so the admin command line and backups still open the store meanwhile.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'server.lock';

/** Held locks stay referenced: a connection that is garbage collected would let its lock go. */
const HELD = new Set<Database.Database>();
/** Released ones too, never collected (see RETAINED in sqliteStore.ts). */
const RETAINED: Database.Database[] = [];

export class DataDirInUse extends Error {
	constructor(readonly dataDir: string) {
		super(
			`another Dangka server is already using DATA_DIR ${dataDir} (it holds ${LOCK_FILE}); ` +
				'run one server per data folder: several nodes need the scale-out mode'
		);
	}
}

export interface DataDirLock {
	release(): void;
}

/** Takes the data folder for this process, or throws DataDirInUse at once (no waiting). */
export function lockDataDir(dataDir: string): DataDirLock {
	mkdirSync(dataDir, { recursive: true });
	// timeout 0: a busy lock is an answer, not something to wait five seconds for.
	const db = new Database(join(dataDir, LOCK_FILE), { timeout: 0 });
	RETAINED.push(db);
	try {
		db.exec('PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE');
	} catch (error) {
		db.close();
		if ((error as { code?: string }).code === 'SQLITE_BUSY') throw new DataDirInUse(dataDir);
		throw error;
	}
	HELD.add(db);
	return {
		release() {
			if (!HELD.delete(db)) return;
			db.close();
		}
	};
}
