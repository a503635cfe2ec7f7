/**
 * Opens the embedded store for the server, saying first what a damaged one has lost. A store
 * that SQLite can open is served even when damaged: what can be read is still every cadre's work,
 * and refusing to start would take all of it away. The damage goes to the log at error level
 * with what could not be read, and a damaged write-ahead log is copied aside before SQLite,
 * which ignores what it cannot read, checkpoints over it. A store that cannot be opened at all
 * stops the start, with the reason.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../logger';
import { SqliteStore } from './sqliteStore';
import { checkWalFile } from './walCheck';

export const STORE_FILE = 'dangka.sqlite';

/** Call only while holding the data folder's lock: a live server's log is not a damaged one. */
export function openServerStore(dataDir: string, logger: Logger): SqliteStore {
	const file = join(dataDir, STORE_FILE);
	reportWal(file + '-wal', logger);
	let store: SqliteStore;
	try {
		store = new SqliteStore(file);
	} catch (error) {
		throw new Error(`the store ${file} cannot be opened: ${String(error)}`, { cause: error });
	}
	const started = performance.now();
	const problems = store.integrityProblems();
	if (problems.length > 0) {
		logger.error('store damaged: SQLite found these problems in the database; what it can read is served', { file, problems });
	} else {
		logger.debug('store checked', { file, ms: Math.round(performance.now() - started) });
	}
	return store;
}

function reportWal(wal: string, logger: Logger): void {
	let report;
	try {
		report = checkWalFile(wal);
	} catch (error) {
		logger.error('store damaged: the write-ahead log cannot be read', { wal, error: String(error) });
		return;
	}
	if (!report) return;
	const { readable, unreadable } = report;
	if (!unreadable) {
		if (readable.frames > 0) logger.info('replaying the write-ahead log of a server that did not stop cleanly', { wal, transactions: readable.transactions });
		return;
	}
	if (unreadable.reason !== 'header' && unreadable.transactions === 0) {
		// No commit frame among what is left out: a crash mid-write, and that write was never
		// acknowledged (a commit is acknowledged only once its commit frame is on disk).
		logger.warn('the write-ahead log ends in a write that never committed; it is left out', { wal, readable, unreadable });
		return;
	}
	let copy: string | null = `${wal}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
	try {
		copyFileSync(wal, copy);
	} catch (error) {
		logger.warn('could not keep a copy of the damaged write-ahead log', { wal, error: String(error) });
		copy = null;
	}
	logger.error(
		{
			header: 'store damaged: the write-ahead log header is damaged, so none of the log can be read; transactions not yet in the database are missing',
			damaged: 'store damaged: the write-ahead log cannot be read past a damaged frame; the transactions from there on are missing',
			truncated: 'store damaged: the write-ahead log is cut short inside a frame; the transactions from there on are missing',
			unfinished: 'store damaged: the write-ahead log holds committed transactions SQLite will not read'
		}[unreadable.reason],
		{
			wal,
			reason: unreadable.reason,
			// What is served: the database plus these transactions of the log.
			readable,
			// What is not: from this byte of the log on, this many frames, ending this many committed transactions.
			unreadable: { fromByte: unreadable.fromByte, bytes: unreadable.bytes, frames: unreadable.frames, transactions: unreadable.transactions },
			copy
		}
	);
}
