/**
 * Reads a SQLite write-ahead log the way SQLite recovers it, to say what it will leave out.
 *
 * After a crash the committed transactions not yet copied into the database live only in the
 * WAL (`dangka.sqlite-wal`). On opening, SQLite replays it frame by frame while each frame's
 * salt matches the log's header and its running checksum holds, up to the last commit frame
 * before the first frame that fails; everything after that is silently ignored. A torn or
 * damaged WAL therefore loses transactions without a word. This check runs before the store is
 * opened and reports what will not be read, so the server can say so.
 *
 * Format (https://www.sqlite.org/fileformat2.html#walformat): a 32-byte header (magic, version,
 * page size, checkpoint sequence, two salts, a checksum of the first 24 bytes), then frames of a
 * 24-byte header (page number, database size in pages for a commit frame else 0, the two salts,
 * the running checksum) and one page. Header fields are big-endian; the checksum reads the data
 * as 32-bit words in the byte order the magic number's low bit names.
 */
import { closeSync, openSync, readSync, fstatSync } from 'node:fs';

const MAGIC = 0x377f0682;
const VERSION = 3007000;
const WAL_HEADER = 32;
const FRAME_HEADER = 24;

export interface WalReport {
	/** Frames and transactions SQLite will read back: what the log holds that survives. */
	readable: { frames: number; transactions: number };
	/**
	 * What it will not read, if anything: from `fromByte` on, `bytes` of this log's own frames,
	 * among them the commit frames of `transactions` transactions. With none, what is left out
	 * never committed: a crash mid-write leaves that (`unfinished`, or a last frame `truncated`),
	 * and such a write was never acknowledged. With some, committed work is lost: the log is
	 * `damaged` in the middle, `truncated` past a commit, or its `header` is.
	 */
	unreadable: null | {
		reason: 'header' | 'damaged' | 'truncated' | 'unfinished';
		fromByte: number;
		bytes: number;
		frames: number;
		transactions: number;
	};
}

/** Sums 32-bit words as SQLite's walChecksumBytes does, continuing from `seed`. */
function checksum(data: Uint8Array, bigEndian: boolean, seed: readonly [number, number]): [number, number] {
	const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
	let s1 = seed[0];
	let s2 = seed[1];
	for (let i = 0; i < data.byteLength; i += 8) {
		s1 = (s1 + view.getUint32(i, !bigEndian) + s2) >>> 0;
		s2 = (s2 + view.getUint32(i + 4, !bigEndian) + s1) >>> 0;
	}
	return [s1, s2];
}

interface Frame {
	page: number;
	commit: boolean;
	saltsMatch: boolean;
	stored: [number, number];
	header: Uint8Array;
	data: Uint8Array | null;
}

/** What SQLite will and will not read of the WAL in `bytes` (null: no log, or an empty one). */
export function checkWal(bytes: Uint8Array): WalReport | null {
	if (bytes.byteLength === 0) return null;
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const nothingRead = { frames: 0, transactions: 0 };
	const pageSize = bytes.byteLength >= WAL_HEADER ? view.getUint32(8) : 0;
	if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
		// Not even the frame size can be read: SQLite ignores the file, and so must we.
		return { readable: nothingRead, unreadable: { reason: 'header', fromByte: 0, bytes: bytes.byteLength, frames: 0, transactions: 0 } };
	}
	const magic = view.getUint32(0);
	const bigEndian = (magic & 1) === 1;
	const headerSum = checksum(bytes.subarray(0, 24), bigEndian, [0, 0]);
	const headerOk = (magic & ~1) >>> 0 === MAGIC && view.getUint32(4) === VERSION && headerSum[0] === view.getUint32(24) && headerSum[1] === view.getUint32(28);
	const frameBytes = FRAME_HEADER + pageSize;
	const frameCount = Math.ceil((bytes.byteLength - WAL_HEADER) / frameBytes);
	const frameAt = (i: number): Frame | null => {
		const at = WAL_HEADER + i * frameBytes;
		if (i < 0 || at + FRAME_HEADER > bytes.byteLength) return null;
		const end = at + frameBytes;
		return {
			page: view.getUint32(at),
			commit: view.getUint32(at + 4) !== 0,
			saltsMatch: view.getUint32(at + 8) === view.getUint32(16) && view.getUint32(at + 12) === view.getUint32(20),
			stored: [view.getUint32(at + 16), view.getUint32(at + 20)],
			header: bytes.subarray(at, at + FRAME_HEADER),
			data: end <= bytes.byteLength ? bytes.subarray(at + FRAME_HEADER, end) : null
		};
	};
	/** Whether a frame is whole and its checksum holds, continuing from what its predecessor recorded. */
	const intact = (frame: Frame, seed: readonly [number, number]): boolean => {
		if (!frame.saltsMatch || frame.page === 0 || !frame.data) return false;
		const sum = checksum(frame.data, bigEndian, checksum(frame.header.subarray(0, 8), bigEndian, seed));
		return sum[0] === frame.stored[0] && sum[1] === frame.stored[1];
	};

	// SQLite's own pass: frames while they hold, up to the last commit among them. A damaged
	// header makes it read nothing at all.
	let read = 0;
	let readTransactions = 0;
	let firstBad = headerOk ? -1 : 0;
	for (let i = 0, seed = headerSum; headerOk && i < frameCount; i++) {
		const frame = frameAt(i);
		if (!frame || !intact(frame, seed)) {
			firstBad = i;
			break;
		}
		seed = frame.stored;
		if (frame.commit) {
			read = i + 1;
			readTransactions++;
		}
	}
	// What follows: this log's frames (its salts), not read. Frames with other salts are an
	// earlier log's, partly overwritten, and rightly ignored. Each commit frame among this log's
	// ends a transaction that had been committed: those are what is lost.
	let lastOwn = read - 1;
	let lost = 0;
	let partial = false;
	for (let i = read; i < frameCount; i++) {
		const frame = frameAt(i);
		const previous = frameAt(i - 1);
		if (!frame?.data) {
			// The file ends inside this frame: this log's if its salts say so, or (header cut
			// too) if the one before it was. A commit frame cut short still ends a transaction.
			if (frame ? frame.saltsMatch : i === read || previous?.saltsMatch) {
				partial = true;
				lastOwn = i;
				if (frame?.commit) lost++;
			}
			break;
		}
		if (!frame.saltsMatch) continue;
		lastOwn = i;
		if (frame.commit) lost++;
	}
	const readable = { frames: read, transactions: readTransactions };
	if (!headerOk) {
		// Whatever the salts say, nothing of this file is read.
		const frames = lastOwn >= 0 ? lastOwn + 1 : frameCount;
		return { readable, unreadable: { reason: 'header', fromByte: 0, bytes: bytes.byteLength, frames, transactions: lost } };
	}
	if (lastOwn < read) return { readable, unreadable: null };
	// SQLite stopped before this log's last frame: something in between is damaged. Otherwise
	// the log merely ends in a transaction whose commit frame was never written.
	const damaged = firstBad >= 0 && firstBad <= lastOwn;
	const reason = !damaged ? 'unfinished' : partial && firstBad === lastOwn ? 'truncated' : 'damaged';
	const fromByte = WAL_HEADER + read * frameBytes;
	const end = partial ? bytes.byteLength : WAL_HEADER + (lastOwn + 1) * frameBytes;
	return { readable, unreadable: { reason, fromByte, bytes: end - fromByte, frames: lastOwn + 1 - read, transactions: lost } };
}

/** checkWal on a file, read once; null when there is no such file. */
export function checkWalFile(path: string): WalReport | null {
	let fd: number;
	try {
		fd = openSync(path, 'r');
	} catch (error) {
		if ((error as { code?: string }).code === 'ENOENT') return null;
		throw error;
	}
	try {
		const size = fstatSync(fd).size;
		const bytes = new Uint8Array(size);
		let at = 0;
		while (at < size) {
			const n = readSync(fd, bytes, at, size - at, at);
			if (n === 0) break;
			at += n;
		}
		return checkWal(bytes.subarray(0, at));
	} finally {
		closeSync(fd);
	}
}
