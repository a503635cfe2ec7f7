/**
 * The statistics fixture's township (src/lib/statistics/statisticsFixture.ts, counted by hand in
 * statistics.test.ts) set up on the e2e server, each document written by the person the server
 * lets write it through stock y-websocket clients; and how the browser tests read the statistics
 * page and its workbook.
 */
import { readFile } from 'node:fs/promises';
import { expect, type Download, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { addDays, localDay } from '../../src/lib/calendar/calendar';
import { newId } from '../../src/lib/dossier/ids';
import { DossierDoc } from '../../src/lib/dossier/dossierDoc';
import { ReviewDoc } from '../../src/lib/review/reviewDoc';
import { raiseFindings, takeSteps, VILLAGE_A, VILLAGE_B, writeDossier, type VillageSpec } from '../../src/lib/statistics/statisticsFixture';
import { stockClient, until, type Client, type TestUser, type Township } from '../support/township';
import { newTownship } from './helpers';

export const TOWNSHIP = '贾寨镇';
export const PREFIX = 'e2e-';
export const actor = (user: TestUser) => ({ id: user.id, name: user.name });

/** Opens a room as a user, waits for the server's copy, lets `write` change it, and waits until the server has it on disk. */
export async function writeAs(township: Township, user: TestUser, room: string, write: (client: Client) => void): Promise<void> {
	const client = stockClient(township.wsUrl, room, await township.token(user, room));
	try {
		await until(() => client.provider.synced, 10_000, `${room} synced`);
		write(client);
		await client.durable.whenDurable();
	} finally {
		client.destroy();
	}
}

export interface Fixture {
	township: Township;
	ids: { A: string; B: string };
	people: { cadreA: TestUser; cadreB: TestUser; reviewer: TestUser };
	/** 第一组 keeps 北关村, 第二组 南街村. */
	groups: { g1: string; g2: string };
}

/**
 * The township and its people. The admin command line joins a township of the same name, so its
 * name is this file's own: another file's villages would be counted too.
 */
export async function setUp(baseURL: string | undefined, name = TOWNSHIP): Promise<Fixture> {
	const today = localDay();
	const { township, groupId: g1 } = await newTownship(baseURL, name);
	const g2 = await township.createGroup(`${name}第二组`);
	// 第一组 keeps 北关村 and checks 南街村 this round; 第二组 the other way round.
	const cadreA = await township.createUser({ name: '王干部', groupId: g1 });
	const cadreB = await township.createUser({ name: '陈干部', groupId: g2 });
	const reviewer = await township.createUser({ name: '李审核', groupId: null, reviewer: true });
	const ids = { A: newId(), B: newId() };
	await township.addVillage(ids.A, g1, VILLAGE_A.name);
	await township.addVillage(ids.B, g2, VILLAGE_B.name);
	const roundId = newId();
	await township.editOrganisation((org) => {
		org.saveRound({ id: roundId, name: '第一轮推磨互查', startsOn: addDays(today, -3), endsOn: addDays(today, 3), createdAt: new Date().toISOString(), createdBy: '乡镇' });
		org.setCheck(roundId, ids.A, g2);
		org.setCheck(roundId, ids.B, g1);
	});

	const villages: [VillageSpec, string, TestUser, TestUser, string][] = [
		[VILLAGE_A, ids.A, cadreA, cadreB, g2],
		[VILLAGE_B, ids.B, cadreB, cadreA, g1]
	];
	for (const [spec, dossierId, keeper, checker, checkerGroupId] of villages) {
		await writeAs(township, keeper, dossierId, (c) => writeDossier(new DossierDoc(c.doc), spec, { dossierId, prefix: PREFIX, today, cadre: actor(keeper) }));
		const finders = { dossierId, prefix: PREFIX, today, checker: actor(checker), checkerGroupId, roundId, reviewer: actor(reviewer) };
		const room = `${dossierId}/review`;
		await writeAs(township, checker, room, (c) => raiseFindings(new ReviewDoc(dossierId, c.doc), spec, 'checker', finders));
		await writeAs(township, reviewer, room, (c) => raiseFindings(new ReviewDoc(dossierId, c.doc), spec, 'reviewer', finders));
		await writeAs(township, keeper, room, (c) => takeSteps(new ReviewDoc(dossierId, c.doc), spec, 'owner', { prefix: PREFIX, today, actor: actor(keeper) }));
		await writeAs(township, reviewer, room, (c) => takeSteps(new ReviewDoc(dossierId, c.doc), spec, 'reviewer', { prefix: PREFIX, today, actor: actor(reviewer) }));
	}
	return { township, ids, people: { cadreA, cadreB, reviewer }, groups: { g1, g2 } };
}

/** The cells of a row of a statistics table, as shown. */
export async function rowOf(page: Page, table: string, row: string): Promise<string[]> {
	return page.getByTestId(`stats-table-${table}`).locator(`tr[data-row="${row}"] td`).allInnerTexts();
}

export const expectRow = (page: Page, table: string, row: string, cells: string[]) => expect.poll(() => rowOf(page, table, row)).toEqual(cells);

export async function workbookOf(download: Download): Promise<ExcelJS.Workbook> {
	const workbook = new ExcelJS.Workbook();
	const bytes = await readFile((await download.path())!);
	await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
	return workbook;
}

/** A cell as the page writes it: a rate formatted 0.0% as "54.5%", a count as its digits. */
function shown(cell: ExcelJS.Cell): string {
	const value = cell.value;
	if (value === null || value === undefined) return '';
	if (typeof value === 'number' && cell.numFmt === '0.0%') {
		const permille = Math.round(value * 1000 + 1e-9);
		return `${Math.floor(permille / 10)}.${permille % 10}%`;
	}
	return String(value);
}

export const mergesOf = (sheet: ExcelJS.Worksheet): string[] => (sheet.model as { merges?: string[] }).merges ?? [];

/**
 * The workbook against the page: the summary first, then a sheet per table named by its title
 * with the page's rows and 合计 cell for cell (counts as numbers, rates as fractions shown 0.0%),
 * then the 口径.
 */
export async function expectWorkbookAsPage(page: Page, workbook: ExcelJS.Workbook) {
	const sections = page.getByTestId('stats-report').locator('section.stats-table');
	const titles = await sections.locator('h3').allInnerTexts();
	expect(workbook.worksheets.map((w) => w.name)).toEqual(['上报摘要', ...titles, '数据口径']);
	expect(workbook.getWorksheet('上报摘要')!.getCell('A5').value).toBe(await page.getByTestId('summary-zh').innerText());
	for (let t = 0; t < titles.length; t++) {
		const section = sections.nth(t);
		const sheet = workbook.getWorksheet(titles[t]!)!;
		const first = (await section.locator('thead tr').count()) + 3;
		const rows = section.locator('tbody tr, tfoot tr');
		const count = await rows.count();
		for (let r = 0; r < count; r++) {
			const cells = await rows.nth(r).locator('td').allInnerTexts();
			expect(cells.map((_, c) => shown(sheet.getRow(first + r).getCell(c + 1))), `${titles[t]} row ${r + 1}`).toEqual(cells);
		}
		// The note right under the table.
		const note = section.locator('p.note');
		if (await note.count()) expect(sheet.getCell(first + count, 1).value).toBe(await note.innerText());
	}
}

