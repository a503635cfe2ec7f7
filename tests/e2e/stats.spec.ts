/**
 * The statistics page on a township set up by hand (src/lib/statistics/statisticsFixture.ts, the
 * hand count in statistics.test.ts): each document written by the person the server lets write
 * it, through stock y-websocket clients; then a reviewer reads the figures, offline too, and sees
 * them move when a cadre signs one more household's form in the app.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { localDay } from '../../src/lib/calendar/calendar';
import { drawSignature, goOffline, goOnline, signIn, waitForServiceWorker } from './helpers';
import { expectRow, expectWorkbookAsPage, mergesOf, setUp, TOWNSHIP, workbookOf } from './statsTownship';

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
	await expectRow(page, 'keyHouseholds', 'disabled', ['残疾户', '2', '2', '1', '5', '3', '50.0%', '是']);
	await expectRow(page, 'keyHouseholds', 'dibao', ['低保户', '2', '2', '2', '6', '6', '100.0%', '是']);
	await expectRow(page, 'keyHouseholds', 'elderly', ['老人户', '2', '1', '0', '5', '0', '0.0%', '否']);
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
