import { expect, test, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import { addHousehold, createDossier, drawSignature, expectSynced, signInCadre, townshipOnce } from './helpers';
import { localDay } from '../../src/lib/calendar/calendar';

const town = townshipOnce('照片镇');

/** A small solid-colour PNG: the app re-encodes it as JPEG, so each colour is its own photo. */
function png(r: number, g: number, b: number): Buffer {
	const chunk = (type: string, data: Buffer) => {
		const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
		const out = Buffer.alloc(body.length + 8);
		out.writeUInt32BE(data.length, 0);
		body.copy(out, 4);
		out.writeUInt32BE(crc32(body), body.length + 4);
		return out;
	};
	const size = 16;
	const header = Buffer.alloc(13);
	header.writeUInt32BE(size, 0);
	header.writeUInt32BE(size, 4);
	header.set([8, 2, 0, 0, 0], 8);
	const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => [r, g, b]).flat())]);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: size }, () => row)))),
		chunk('IEND', Buffer.alloc(0))
	]);
}

interface ZipEntry {
	data: Buffer;
	utf8: boolean;
	stored: boolean;
}

/** Reads a zip through its central directory (client-zip writes sizes there, after the data). */
function readZip(zip: Buffer): Map<string, ZipEntry> {
	const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	expect(end).toBeGreaterThan(0);
	const count = zip.readUInt16LE(end + 10);
	let at = zip.readUInt32LE(end + 16);
	const entries = new Map<string, ZipEntry>();
	for (let i = 0; i < count; i++) {
		expect(zip.readUInt32LE(at)).toBe(0x02014b50);
		const flags = zip.readUInt16LE(at + 8);
		const method = zip.readUInt16LE(at + 10);
		const crc = zip.readUInt32LE(at + 16);
		const size = zip.readUInt32LE(at + 20);
		const nameLength = zip.readUInt16LE(at + 28);
		const extraLength = zip.readUInt16LE(at + 30);
		const commentLength = zip.readUInt16LE(at + 32);
		const local = zip.readUInt32LE(at + 42);
		const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
		expect(zip.readUInt32LE(local)).toBe(0x04034b50);
		const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
		const data = zip.subarray(start, start + size);
		expect(crc32(data) >>> 0, name).toBe(crc);
		entries.set(name, { data, utf8: (flags & 0x800) !== 0, stored: method === 0 });
		at += 46 + nameLength + extraLength + commentLength;
	}
	return entries;
}

/** RFC 4180 CSV (quoted cells may hold commas and doubled quotes). */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (c === '"') quoted = false;
			else cell += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(cell);
			cell = '';
		} else if (c === '\r' && text[i + 1] === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
			i++;
		} else cell += c;
	}
	return rows;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** The photos kept on this device, read from the app's IndexedDB as they are. */
function devicePhotos(page: Page): Promise<{ hash: string; uploaded: boolean }[]> {
	return page.evaluate(
		() =>
			new Promise((resolve, reject) => {
				const open = indexedDB.open('dangka-index');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const read = open.result.transaction('blobs').objectStore('blobs').getAll();
					read.onsuccess = () => {
						resolve((read.result as { hash: string; uploaded: boolean }[]).map((b) => ({ hash: b.hash, uploaded: b.uploaded })));
						open.result.close();
					};
				};
			})
	);
}

/** Changes a photo on this device: deletes it, or damages its bytes. */
function tamper(page: Page, hash: string, how: 'delete' | 'damage'): Promise<void> {
	return page.evaluate(
		([hash, how]) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('dangka-index');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const tx = open.result.transaction('blobs', 'readwrite');
					const store = tx.objectStore('blobs');
					if (how === 'delete') store.delete(hash);
					else {
						const get = store.get(hash);
						get.onsuccess = () => store.put({ ...get.result, data: new Blob(['not the photo it names'], { type: 'image/jpeg' }) });
					}
					tx.oncomplete = () => (open.result.close(), resolve());
					tx.onerror = () => reject(tx.error);
				};
			}),
		[hash, how] as const
	);
}

/** Stands in for the save dialog: the zip goes to a file in the origin's private file system. */
async function saveDialogToPrivateFile(page: Page) {
	await page.addInitScript(() => {
		Object.assign(window, {
			showSaveFilePicker: async (options: { suggestedName?: string }) => {
				Object.assign(window, { pickedName: options.suggestedName });
				return (await navigator.storage.getDirectory()).getFileHandle('export.zip', { create: true });
			}
		});
	});
}

async function readPrivateFile(page: Page): Promise<Buffer | null> {
	const base64 = await page.evaluate(async () => {
		try {
			const file = await (await (await navigator.storage.getDirectory()).getFileHandle('export.zip')).getFile();
			const bytes = new Uint8Array(await file.arrayBuffer());
			let text = '';
			for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
			return btoa(text);
		} catch {
			return null;
		}
	});
	return base64 === null ? null : Buffer.from(base64, 'base64');
}

/** Opens a household (by its name and type as the list shows them) and adds an income line with proof photos. */
async function addIncomeLine(page: Page, household: string, category: string, amount: string, note: string, photos: Buffer[]) {
	await page.getByTestId('households').getByRole('button', { name: household }).click();
	await page.getByTestId('tab-income').click();
	await page.getByTestId('add-lines').click();
	const line = page.locator('[data-group="lines"] [data-row]').last();
	await line.locator('[data-question="category"] select').selectOption(category);
	await line.locator('[data-question="amount"] input').fill(amount);
	if (note) await line.locator('[data-question="note"] input, [data-question="note"] textarea').first().fill(note);
	for (const [i, photo] of photos.entries()) {
		await line.locator('[data-question="proof"] input[type="file"]').setInputFiles({ name: `凭证${i}.png`, mimeType: 'image/png', buffer: photo });
		await expect(line.locator('[data-testid="photos"] img')).toHaveCount(i + 1);
	}
}

test('a village’s photos come out as one zip: a folder per household, files named by item and day, a manifest whose hashes are the files’', async ({ page }) => {
	test.setTimeout(120_000);
	await saveDialogToPrivateFile(page);
	const { township, groupId } = await town();
	await signInCadre(page, township, '照片干部', groupId);
	await createDossier(page, '照片村');
	// Two households under one name, and a name with characters Windows refuses in a file name.
	await addHousehold(page, '张三', 'ordinary');
	await page.getByTestId('new-head').fill('张三');
	await page.getByTestId('new-type').selectOption('lifted');
	await page.getByRole('button', { name: '添加', exact: true }).click();
	await expect(page.getByTestId('households').getByText('张三', { exact: true })).toHaveCount(2);
	await addHousehold(page, '李:四?', 'monitored');

	await addIncomeLine(page, '张三 一般户', 'transfer', '1200', '低保金', [png(200, 30, 30), png(30, 200, 30)]);
	await addIncomeLine(page, '张三 脱贫户', 'wage', '5000', '', [png(30, 30, 200)]);

	// The keeping group records a problem with a photo, then its rectification with another.
	await page.getByTestId('households').getByText('李:四?', { exact: true }).click();
	await page.getByTestId('tab-screening').click();
	await page.locator('[data-question="s2_unsafe"]').getByRole('radio', { name: '是' }).click();
	await page.locator('[data-section="s2_housing"] .describe textarea').fill('屋顶漏雨');
	await page.locator('[data-section="s2_housing"] [data-testid="question-review"]').first().getByTestId('propose-finding').click();
	const raise = page.getByTestId('raise-finding');
	await raise.locator('input[type="file"]').setInputFiles({ name: '漏雨.png', mimeType: 'image/png', buffer: png(120, 120, 0) });
	await expect(raise.locator('[data-testid="photos"] img')).toHaveCount(1);
	await raise.getByRole('button', { name: '检查人确认签字' }).click();
	await drawSignature(page);
	await page.getByRole('button', { name: '签字并登记' }).click();
	await page.getByTestId('tab-ledger').click();
	await page.getByTestId('ledger').locator('tr[data-finding]').getByRole('button').click();
	const panel = page.getByTestId('finding');
	await panel.getByRole('button', { name: '提交整改' }).click();
	await panel.locator('textarea[name="measure"]').fill('屋顶已修补');
	await panel.locator('form input[type="file"]').setInputFiles({ name: '修好.png', mimeType: 'image/png', buffer: png(0, 120, 120) });
	await expect(panel.locator('form [data-testid="photos"] img')).toHaveCount(1);
	await panel.locator('form').getByRole('button', { name: '提交整改' }).click();
	await expect(panel).toHaveAttribute('data-state', 'submitted');
	await expectSynced(page);
	await expect.poll(async () => (await devicePhotos(page)).filter((p) => p.uploaded).length, { timeout: 15_000 }).toBe(5);

	// One photo is gone from this device and from the server's reach; another's copy here is damaged
	// (the server's is good).
	const hashes = (await devicePhotos(page)).map((p) => p.hash);
	const [gone, damaged] = hashes as [string, string];
	await tamper(page, gone, 'delete');
	await tamper(page, damaged, 'damage');
	await page.route(`**/api/blobs/${gone}?*`, (route) => route.fulfill({ status: 404, contentType: 'application/json', body: '{"error":{"code":"notFound","message":"No such blob"}}' }));

	await page.getByTestId('photo-export-start').click();
	const status = page.getByTestId('photo-export-status');
	await expect(status).toHaveAttribute('data-outcome', 'done');
	await expect(status).toContainText('已导出 4 张照片');
	await expect(status).toContainText('其中 1 张不在本设备、也无法从服务器取回');
	const today = localDay();
	expect(await page.evaluate(() => (window as unknown as { pickedName: string }).pickedName)).toBe(`照片村-照片-${today}.zip`);

	const zip = readZip((await readPrivateFile(page))!);
	const names = [...zip.keys()];
	expect(names.every((n) => n.startsWith('照片村/'))).toBe(true);
	expect([...zip.values()].every((e) => e.utf8 && e.stored)).toBe(true);
	const folders = [...new Set(names.map((n) => n.split('/').slice(0, 2).join('/')))].filter((f) => !f.endsWith('.csv')).sort();
	expect(folders).toHaveLength(3);
	expect(folders.filter((f) => /^照片村\/张三_[A-Za-z0-9_-]{6}$/.test(f))).toHaveLength(2);
	expect(folders.filter((f) => /^照片村\/李：四？_[A-Za-z0-9_-]{6}$/.test(f))).toHaveLength(1);

	const manifest = zip.get('照片村/照片清单.csv')!.data.toString('utf8');
	expect(manifest.startsWith('\uFEFF')).toBe(true);
	const [header, ...rows] = parseCsv(manifest.slice(1));
	expect(header).toEqual(['路径 path', '户主 household', '户编号 household id', '项目 item', '类别 kind', '日期 date', 'SHA-256', '字节 bytes', '状态 status', '说明 note']);
	expect(rows).toHaveLength(5);
	const files = rows.map((r) => r[0]!.split('/').pop()).sort();
	expect(files).toEqual(
		[
			`收入凭证-工资性收入-5000元_${today}_1.jpg`,
			`收入凭证-转移性收入-1200元-低保金_${today}_1.jpg`,
			`收入凭证-转移性收入-1200元-低保金_${today}_2.jpg`,
			`整改前-①现住房是否为不安全住房_${today}_1.jpg`,
			`整改后-①现住房是否为不安全住房_${today}_1.jpg`
		].sort()
	);
	for (const [path, head, householdId, , kind, date, hash, bytes, state] of rows) {
		expect(path!.startsWith(`照片村/${head!.replace(':', '：').replace('?', '？')}_${householdId!.slice(0, 6)}/`)).toBe(true);
		expect(date).toBe(today);
		expect(['收入凭证', '问题照片（整改前）', '问题照片（整改后）']).toContain(kind);
		if (hash === gone) {
			// Listed, with the hash its record names, and no file.
			expect(state).toBe('缺失 missing');
			expect(zip.has(path!)).toBe(false);
			continue;
		}
		expect(state).toBe('已附 present');
		const file = zip.get(path!)!;
		expect(sha256(file.data)).toBe(hash);
		expect(file.data.length).toBe(Number(bytes));
		expect(hashes).toContain(hash);
	}
	// The damaged copy on this device was passed over for the server's good one.
	expect(rows.find((r) => r[6] === damaged)?.[8]).toBe('已附 present');
	expect(zip.size).toBe(5);

	// Where the browser cannot write a file as it goes, the same zip comes as a download.
	await page.evaluate(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
	const download = page.waitForEvent('download');
	await page.getByTestId('photo-export-start').click();
	const downloaded = await download;
	expect(downloaded.suggestedFilename()).toBe(`照片村-照片-${today}.zip`);
	const again = readZip(readFileSync((await downloaded.path())!));
	expect([...again.keys()].sort()).toEqual(names.sort());
	for (const [name, entry] of again) if (!name.endsWith('.csv')) expect(sha256(entry.data)).toBe(sha256(zip.get(name)!.data));
	await expect(status).toHaveAttribute('data-outcome', 'done');
});

test('an export can be cancelled, and leaves no file behind', async ({ page }) => {
	await saveDialogToPrivateFile(page);
	const { township, groupId } = await town();
	await signInCadre(page, township, '取消干部', groupId);
	await createDossier(page, '取消村');
	await addHousehold(page, '王五', 'ordinary');
	await addIncomeLine(page, '王五 一般户', 'wage', '800', '', [png(10, 10, 10)]);
	await expectSynced(page);
	// The photos are dated from their records on the server: held back here, so there is time to cancel.
	await page.route('**/api/dossiers/*/history?*', async (route) => {
		await new Promise((r) => setTimeout(r, 3_000));
		await route.continue().catch(() => {});
	});
	await page.getByTestId('photo-export-start').click();
	await expect(page.getByTestId('photo-export-progress')).toBeVisible();
	await page.getByTestId('photo-export-cancel').click();
	const status = page.getByTestId('photo-export-status');
	await expect(status).toHaveAttribute('data-outcome', 'cancelled');
	await expect(status).toHaveText('已取消，没有保存文件');
	expect(await readPrivateFile(page)).toBeNull();
	await expect(page.getByTestId('photo-export-start')).toBeEnabled();
});
