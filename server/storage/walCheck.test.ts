import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkWal } from './walCheck';

/** Connections stay referenced until the process exits (see RETAINED in sqliteStore.ts). */
const RETAINED: unknown[] = [];
const dirs: string[] = [];
const scratch = () => {
	const dir = mkdtempSync(join(tmpdir(), 'dangka-wal-'));
	dirs.push(dir);
	return dir;
};

/** A database whose last 11 transactions (a table, then one row each) live only in its WAL. */
let db0: Buffer;
let wal0: Buffer;
/** The frame index of each transaction's commit frame, in order. */
let commits: number[];
let pageSize: number;
const frameBytes = () => 24 + pageSize;
const frameAt = (i: number) => 32 + i * frameBytes();

beforeAll(() => {
	const dir = scratch();
	const db = new Database(join(dir, 'a.sqlite'));
	RETAINED.push(db);
	db.exec('PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; CREATE TABLE t (n INTEGER, pad BLOB)');
	const insert = db.prepare('INSERT INTO t (n, pad) VALUES (?, ?)');
	RETAINED.push(insert);
	for (let n = 0; n < 10; n++) insert.run(n, Buffer.alloc(3000, n));
	// Copied while open: what a crash would leave on disk.
	db0 = readFileSync(join(dir, 'a.sqlite'));
	wal0 = readFileSync(join(dir, 'a.sqlite-wal'));
	db.close();
	pageSize = wal0.readUInt32BE(8);
	commits = [];
	for (let i = 0; frameAt(i) + frameBytes() <= wal0.length; i++) if (wal0.readUInt32BE(frameAt(i) + 4) !== 0) commits.push(i);
});
afterAll(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** What SQLite itself reads back of a database with this WAL: its rows, or null without the table. */
function rowsSqliteReads(wal: Buffer): number | null {
	const dir = scratch();
	writeFileSync(join(dir, 'b.sqlite'), db0);
	writeFileSync(join(dir, 'b.sqlite-wal'), wal);
	const db = new Database(join(dir, 'b.sqlite'));
	RETAINED.push(db);
	try {
		const exists = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 't'");
		const count = db.prepare('SELECT count(*) AS n FROM t');
		RETAINED.push(exists, count);
		if ((exists.get() as { n: number }).n === 0) return null;
		return (count.get() as { n: number }).n;
	} catch {
		return null;
	} finally {
		db.close();
	}
}

describe('the WAL check', () => {
	it('finds nothing wrong in a whole log, and counts what SQLite will replay', () => {
		expect(commits).toHaveLength(11);
		expect(checkWal(wal0)).toEqual({ readable: { frames: commits.at(-1)! + 1, transactions: 11 }, unreadable: null });
		expect(rowsSqliteReads(wal0)).toBe(10);
		expect(checkWal(new Uint8Array(0))).toBeNull();
	});

	it('says what a damaged frame in the middle costs: every transaction from it on', () => {
		const wal = Buffer.from(wal0);
		// The first frame of the seventh transaction (the sixth row).
		const bad = commits[5]! + 1;
		wal[frameAt(bad) + 24 + 100]! ^= 0xff;
		const report = checkWal(wal)!;
		expect(report.readable).toEqual({ frames: bad, transactions: 6 });
		expect(report.unreadable).toEqual({ reason: 'damaged', fromByte: frameAt(bad), bytes: wal.length - frameAt(bad), frames: commits.at(-1)! + 1 - bad, transactions: 5 });
		expect(rowsSqliteReads(wal)).toBe(5);
	});

	it('tells a log cut inside a frame, and one that merely ends before its commit frame', () => {
		const cut = wal0.subarray(0, frameAt(commits.at(-1)!) + 100);
		expect(checkWal(cut)).toEqual({
			readable: { frames: commits.at(-2)! + 1, transactions: 10 },
			// The last commit frame's header survives: that transaction was committed.
			unreadable: { reason: 'truncated', fromByte: frameAt(commits.at(-2)! + 1), bytes: cut.length - frameAt(commits.at(-2)! + 1), frames: commits.at(-1)! - commits.at(-2)!, transactions: 1 }
		});
		expect(rowsSqliteReads(cut)).toBe(9);
		// Cut inside a frame that is not a commit: nothing committed is lost.
		const torn = wal0.subarray(0, frameAt(commits.at(-2)! + 1) + 10);
		expect(checkWal(torn)?.unreadable).toMatchObject({ reason: 'truncated', frames: 1, transactions: 0 });
		// The last transaction has frames before its commit frame: stop just before that one.
		expect(commits.at(-1)! - commits.at(-2)!).toBeGreaterThan(1);
		const unfinished = wal0.subarray(0, frameAt(commits.at(-1)!));
		expect(checkWal(unfinished)?.unreadable).toMatchObject({ reason: 'unfinished', transactions: 0, frames: commits.at(-1)! - commits.at(-2)! - 1 });
		expect(rowsSqliteReads(unfinished)).toBe(9);
	});

	it('ignores frames of an earlier log behind this one', () => {
		// The log restarted with new salts after frame 3; later frames keep the old salts.
		const wal = Buffer.from(wal0.subarray(0, frameAt(commits.at(-1)! + 1)));
		const restarted = Buffer.from(wal.subarray(0, frameAt(commits[2]! + 1)));
		const older = Buffer.from(wal.subarray(frameAt(commits[2]! + 1)));
		for (let at = 0; at < older.length; at += frameBytes()) older.writeUInt32BE((older.readUInt32BE(at + 8) ^ 1) >>> 0, at + 8);
		expect(checkWal(Buffer.concat([restarted, older]))).toEqual({ readable: { frames: commits[2]! + 1, transactions: 3 }, unreadable: null });
	});

	it('reads nothing past a damaged header, as SQLite does', () => {
		const wal = Buffer.from(wal0);
		wal[3]! ^= 0x01 << 1;
		expect(checkWal(wal)).toEqual({ readable: { frames: 0, transactions: 0 }, unreadable: { reason: 'header', fromByte: 0, bytes: wal.length, frames: commits.at(-1)! + 1, transactions: 11 } });
		expect(rowsSqliteReads(wal)).toBeNull();
		expect(checkWal(wal0.subarray(0, 20))?.unreadable).toMatchObject({ reason: 'header' });
	});
});
