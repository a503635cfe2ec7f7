/**
 * The statistics page on a township set up by hand (src/lib/statistics/statisticsFixture.ts, the
 * hand count in statistics.test.ts): each document written by the person the server lets write
 * it, through stock y-websocket clients; then a reviewer reads the figures, offline too, and sees
 * them move when a cadre signs one more household's form in the app.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Download, type Locator, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { addDays, localDay } from '../../src/lib/calendar/calendar';
import { newId } from '../../src/lib/dossier/ids';
import { DossierDoc } from '../../src/lib/dossier/dossierDoc';
import { ReviewDoc } from '../../src/lib/review/reviewDoc';
import { raiseFindings, takeSteps, VILLAGE_A, VILLAGE_B, writeDossier, type VillageSpec } from '../../src/lib/statistics/statisticsFixture';
import { stockClient, until, type Client, type TestUser, type Township } from '../support/township';
import { drawSignature, goOffline, goOnline, newTownship, signIn, waitForServiceWorker } from './helpers';

const PREFIX = 'e2e-';
const TOWNSHIP = '贾寨镇';
const actor = (user: TestUser) => ({ id: user.id, name: user.name });

/** Opens a room as a user, waits for the server's copy, lets `write` change it, and waits until the server has it on disk. */
async function writeAs(township: Township, user: TestUser, room: string, write: (client: Client) => void): Promise<void> {
	const client = stockClient(township.wsUrl, room, await township.token(user, room));
	try {
		await until(() => client.provider.synced, 10_000, `${room} synced`);
		write(client);
		await client.durable.whenDurable();
	} finally {
		client.destroy();
	}
}

interface Fixture {
	township: Township;
	ids: { A: string; B: string };
	people: { cadreA: TestUser; cadreB: TestUser; reviewer: TestUser };
}

/**
 * The township and its people. The admin command line joins a township of the same name, so its
 * name is this file's own: another file's villages would be counted too.
 */
async function setUp(baseURL: string | undefined, name = TOWNSHIP): Promise<Fixture> {
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
	return { township, ids, people: { cadreA, cadreB, reviewer } };
}

/** The cells of a row of a statistics table, as shown. */
async function rowOf(page: Page, table: string, row: string): Promise<string[]> {
	return page.getByTestId(`stats-table-${table}`).locator(`tr[data-row="${row}"] td`).allInnerTexts();
}

const expectRow = (page: Page, table: string, row: string, cells: string[]) => expect.poll(() => rowOf(page, table, row)).toEqual(cells);

function dateZh(day: string): string {
	const [y, m, d] = day.split('-').map(Number);
	return `${y}年${m}月${d}日`;
}

/** The hand-counted township (statistics.test.ts), as the page shows it. */
async function expectTownship(page: Page, name = TOWNSHIP) {
	const report = page.getByTestId('stats-report');
	await expect(report).toHaveAttribute('data-scope', 'township');
	await expectRow(page, 'progress', 'time', ['时间进度（天）', '20', '25', '80.0%']);
	await expectRow(page, 'progress', 'check', ['排查进度（户）', '6', '11', '54.5%']);
	await expectRow(page, 'progress', 'rectify', ['整改进度（条）', '3', '10', '30.0%']);
	await expectRow(page, 'types', 'ordinary', ['一般户', '5', '2', '1', '0', '1', '1', '17', '6', '40.0%']);
	await expectRow(page, 'types', 'lifted', ['脱贫户', '4', '2', '0', '1', '1', '0', '8', '4', '50.0%']);
	await expectRow(page, 'types', 'monitored', ['监测户', '2', '2', '0', '0', '0', '0', '5', '5', '100.0%']);
	await expectRow(page, 'types', 'total', ['合计', '11', '6', '1', '1', '2', '1', '30', '15', '54.5%']);
	await expectRow(page, 'keyHouseholds', 'disabled', ['残疾户', '2', '1', '5', '3', '50.0%']);
	await expectRow(page, 'keyHouseholds', 'dibao', ['低保户', '2', '2', '6', '6', '100.0%']);
	await expectRow(page, 'villages', 'total', ['合计', '', '11', '6', '15', '54.5%', '10', '3', '3', '30.0%', '1', '1']);
	await expectRow(page, 'categories', 's2_housing', ['2. 住房保障', '2', '2', '0', '0', '0', '100.0%']);
	await expectRow(page, 'categories', 's1_income', ['1. 2021年10月以来家庭收支情况', '1', '0', '0', '1', '0', '0.0%']);
	await expectRow(page, 'categories', 'other', ['其他', '1', '0', '0', '1', '1', '0.0%']);
	await expectRow(page, 'categories', 'total', ['合计', '10', '3', '1', '7', '3', '30.0%']);
	await expectRow(page, 'groups', 'total', ['合计', '10', '3', '3', '10', '3', '1', '3', '30.0%']);
	await expectRow(page, 'income', 'belowLine', ['人均纯收入低于7300元', '1', '2']);
	await expectRow(page, 'income', 'inBand', ['处于监测范围', '1', '1']);
	await expectRow(page, 'income', 'unassessed', ['尚未核算（无收入明细或无常住人口）', '2', '9']);
	await expect(page.getByTestId('summary-zh')).toHaveText(
		`截至${dateZh(localDay())}，${name}在巩固脱贫成果“八月攻坚”整改专项行动中共排查农户6户15人（应排查11户30人，排查率54.5%），其中脱贫户2户、监测户2户；` +
			'发现问题10条，已整改3条，整改率30.0%，待审核1条，超期未整改3条；经收支核算，人均纯收入低于7300元的农户1户2人，处于监测范围的农户1户1人。'
	);
}

async function expectChartsDrawn(page: Page) {
	for (const id of ['coverage', 'categories', 'timeline']) {
		const chart = page.getByTestId(`stats-chart-${id}`);
		await expect(chart).toHaveAttribute('data-ready', 'true');
		await expect(chart.locator('svg').first()).toBeVisible();
		// Drawn, not an empty frame: bars or lines with their village, category or day names.
		expect(await chart.locator('svg path').count()).toBeGreaterThan(5);
	}
	await expect(page.getByTestId('stats-chart-coverage').locator('svg')).toContainText('北关村');
}

async function workbookOf(download: Download): Promise<ExcelJS.Workbook> {
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

const mergesOf = (sheet: ExcelJS.Worksheet): string[] => (sheet.model as { merges?: string[] }).merges ?? [];

/**
 * The workbook against the page: the summary first, then a sheet per table named by its title
 * with the page's rows and 合计 cell for cell (counts as numbers, rates as fractions shown 0.0%),
 * then the 口径.
 */
async function expectWorkbookAsPage(page: Page, workbook: ExcelJS.Workbook) {
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

const villageRow = (page: Page, id: string): Locator => page.getByTestId('stats-table-villages').locator(`tr[data-row="${id}"] td`);

test('the statistics page adds up the villages, draws the charts, works offline, and follows a new signature', async ({ browser, baseURL }) => {
	test.setTimeout(180_000);
	const { ids, people } = await setUp(baseURL);

	const reviewerCtx = await browser.newContext();
	const page = await reviewerCtx.newPage();
	await signIn(page, people.reviewer);
	await page.getByRole('navigation').getByRole('link', { name: '统计' }).click();
	await expect(page).toHaveURL(/\/stats$/);
	await expectTownship(page);
	await expect(villageRow(page, ids.A)).toHaveText(['北关村', `${TOWNSHIP}第一组`, '6', '3', '9', '50.0%', '6', '1', '2', '16.7%', '1', '1']);
	await expect(villageRow(page, ids.B)).toHaveText(['南街村', `${TOWNSHIP}第二组`, '5', '3', '6', '60.0%', '4', '2', '1', '50.0%', '0', '0']);
	await expectChartsDrawn(page);
	await expect(page.getByTestId('stats-excluded')).toHaveCount(0);

	// The tables go out as the page shows them: one workbook in the county's style, built in a worker.
	const downloading = page.waitForEvent('download', { timeout: 60_000 });
	await page.getByTestId('stats-export').getByRole('button').first().click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(/^贾寨镇-.*-排查统计-\d{4}-\d{2}-\d{2}\.xlsx$/);
	const workbook = await workbookOf(download);
	await expectWorkbookAsPage(page, workbook);
	// 按户类型: 农户 merged over its six columns (应排查户数 and the five states) and 人口 over two;
	// 合计 in bold, typed; the rate a fraction shown 0.0%.
	const types = workbook.getWorksheet('按户类型')!;
	expect(mergesOf(types)).toEqual(expect.arrayContaining(['A3:A4', 'B3:G3', 'H3:I3', 'J3:J4']));
	expect(types.getCell('B3').value).toBe('农户');
	expect(types.getCell('H3').value).toBe('人口');
	const total = types.getRow(8);
	expect((total.values as unknown[]).slice(1, 10)).toEqual(['合计', 11, 6, 1, 1, 2, 1, 30, 15]);
	expect(total.getCell(1).font?.bold).toBe(true);
	expect(total.getCell(10).numFmt).toBe('0.0%');
	expect(total.getCell(10).value).toBeCloseTo(6 / 11, 12);
	const villages = workbook.getWorksheet('各村情况')!;
	expect(mergesOf(villages)).toEqual(expect.arrayContaining(['C3:F3', 'G3:J3', 'K3:L3']));
	const beiguan = villages.getColumn(1).values.indexOf('北关村');
	expect(villages.getCell(beiguan, 6).numFmt).toBe('0.0%');
	expect(villages.getCell(beiguan, 6).value).toBeCloseTo(3 / 6, 12);
	// The 口径 names the rates' format.
	const dictionary = workbook.getWorksheet('数据口径')!;
	expect(dictionary.getSheetValues().flat().map(String).some((text) => text.includes('0.545 显示为 54.5%'))).toBe(true);

	// One village: its own figures and paragraph.
	await page.getByTestId('stats-controls').locator('select[name="scope"]').selectOption(ids.A);
	await expect(page.getByTestId('stats-report')).toHaveAttribute('data-scope', 'village');
	await expect(page.getByTestId('stats-table-villages')).toHaveCount(0);
	await expectRow(page, 'types', 'total', ['合计', '6', '3', '1', '1', '1', '0', '17', '9', '50.0%']);
	await expect(page.getByTestId('summary-zh')).toContainText('北关村在巩固脱贫成果“八月攻坚”整改专项行动中共排查农户3户9人（应排查6户17人，排查率50.0%）');
	await expect(page.getByTestId('summary-zh')).toContainText('发现问题6条，已整改1条，整改率16.7%，待审核1条，超期未整改2条');

	// The English version says the same.
	await page.getByTestId('locale').selectOption('en');
	await expect(page.getByTestId('summary-en')).toContainText('had checked 3 households (9 people)');
	await expect(page.getByTestId('summary-en')).toContainText('6 problems were found, of which 1 has been rectified (16.7%), 1 awaits review and 2 are overdue');
	await expect(page.getByTestId('stats-table-types').locator('h3')).toHaveText('By household type');
	await page.getByTestId('locale').selectOption('zh');

	// From the documents on the device: the same figures with no network.
	await waitForServiceWorker(page);
	await goOffline(reviewerCtx);
	await page.reload();
	await expectTownship(page);
	await expectChartsDrawn(page);
	await goOnline(reviewerCtx);

	// The keeping group's cadre signs 李四's complete form in the app: the form reads the
	// fixture's signatures as signed (the page's rule is the form's), and the figures follow.
	const cadreCtx = await browser.newContext();
	const cadre = await cadreCtx.newPage();
	await signIn(cadre, people.cadreA);
	await cadre.goto(`/d/${ids.A}`);
	const households = cadre.getByTestId('households');
	await households.getByText('刘大', { exact: true }).click();
	await cadre.getByTestId('tab-screening').click();
	await expect(cadre.getByTestId('signature')).toHaveAttribute('data-status', 'signed');
	await households.getByText('钱六', { exact: true }).click();
	await cadre.getByTestId('tab-screening').click();
	await expect(cadre.getByTestId('signature')).toHaveAttribute('data-status', 'changedAfterSigning');
	await households.getByText('李四', { exact: true }).click();
	await cadre.getByTestId('tab-screening').click();
	const signature = cadre.getByTestId('signature');
	await expect(signature).toHaveAttribute('data-status', 'unsigned');
	await signature.getByRole('button', { name: '签字' }).click();
	await drawSignature(cadre);
	await signature.getByRole('button', { name: '确认签字' }).click();
	await expect(signature).toHaveAttribute('data-status', 'signed');

	await expectRow(page, 'types', 'lifted', ['脱贫户', '4', '3', '0', '0', '1', '0', '8', '5', '75.0%']);
	await expectRow(page, 'types', 'total', ['合计', '11', '7', '1', '0', '2', '1', '30', '16', '63.6%']);
	await expect(page.getByTestId('summary-zh')).toContainText('共排查农户7户16人（应排查11户30人，排查率63.6%），其中脱贫户3户、监测户2户');
	await cadreCtx.close();
	await reviewerCtx.close();
});
