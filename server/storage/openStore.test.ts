import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../logger';
import { DataDirInUse, lockDataDir } from './dataDirLock';
import { openServerStore, STORE_FILE } from './openStore';
import { SqliteStore } from './sqliteStore';

const dirs: string[] = [];
const scratch = () => {
	const dir = mkdtempSync(join(tmpdir(), 'dangka-store-'));
	dirs.push(dir);
	return dir;
};
afterAll(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function capture(): Logger & { lines: { level: string; message: string; fields?: Record<string, unknown> }[] } {
	const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
	const at = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, fields });
	return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('the data folder lock', () => {
	it('is held once: a second taker is refused at once, naming the folder, until the first lets go', () => {
		const dir = scratch();
		const first = lockDataDir(dir);
		expect(() => lockDataDir(dir)).toThrow(DataDirInUse);
		expect(() => lockDataDir(dir)).toThrow(`another Dangka server is already using DATA_DIR ${dir}`);
		first.release();
		lockDataDir(dir).release();
	});

	it('leaves the store itself open to others (the admin command line)', async () => {
		const dir = scratch();
		const lock = lockDataDir(dir);
		const store = new SqliteStore(join(dir, STORE_FILE));
		expect(await store.countUsers()).toBe(0);
		await store.close();
		lock.release();
	});
});

describe('opening the store', () => {
	it('reports at error level what SQLite finds wrong in a damaged database, and still opens it', async () => {
		const dir = scratch();
		const made = new SqliteStore(join(dir, STORE_FILE));
		for (let i = 0; i < 20; i++) {
			await made.append(Array.from({ length: 100 }, (_, j) => ({ room: `room${(i + j) % 10}`, data: new Uint8Array(300).fill(j), user: 'u', device: 'd' })));
		}
		await made.close();
		const bytes = readFileSync(join(dir, STORE_FILE));
		const pages = bytes.length / 4096;
		expect(pages).toBeGreaterThan(100);
		// A page in the middle of the update log, overwritten as a failing disk might.
		const page = Math.floor(pages / 2);
		bytes.fill(0x5a, page * 4096 + 8, page * 4096 + 200);
		writeFileSync(join(dir, STORE_FILE), bytes);

		const logger = capture();
		const store = openServerStore(dir, logger);
		const damage = logger.lines.find((l) => l.level === 'error');
		expect(damage?.message).toMatch(/^store damaged: SQLite found these problems/);
		expect((damage?.fields?.problems as string[]).length).toBeGreaterThan(0);
		expect(await store.countUsers()).toBe(0);
		await store.close();
	});

	it('says nothing of a sound one', async () => {
		const dir = scratch();
		await new SqliteStore(join(dir, STORE_FILE)).close();
		const logger = capture();
		await openServerStore(dir, logger).close();
		expect(logger.lines.filter((l) => l.level !== 'debug')).toEqual([]);
	});
});
