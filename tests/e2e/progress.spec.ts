/**
 * Campaign phases and progress (issue 14, point 3) on the statistics fixture's township (the hand
 * count in src/lib/statistics/progress.test.ts), with a caretaker (帮扶责任人) named for most
 * households: an administrator sets the campaign's phases beside the rounds (by hand for the
 * fixture's campaign, 按文件填入 for 004's), everyone else reads them; the statistics page says
 * which phase today is in and shows the work week by week or day by day, village by village,
 * group by group and person by person, and the workbook carries it all.
 */
import { expect, test, type Page } from '@playwright/test';
import { AUGUST_2022 } from '../../src/lib/campaign/campaign';
import { addDays, localDay } from '../../src/lib/calendar/calendar';
import { dayRangeText, dayText } from '../../src/lib/calendar/dayRange';
import { DossierDoc } from '../../src/lib/dossier/dossierDoc';
import { fixtureCaretakers, VILLAGE_A, VILLAGE_B } from '../../src/lib/statistics/statisticsFixture';
import { campaignPeriods } from '../../src/lib/statistics/periods';
import { signIn } from './helpers';
import { expectRow, expectWorkbookAsPage, PREFIX, rowOf, setUp, workbookOf, writeAs } from './statsTownship';

const TOWNSHIP = '威县洺州镇';

/** What the fixture did on each day, by days from today (statisticsFixture.ts: the forms' 摸排时间, signatures, findings raised, closed). */
const EVENTS: Record<'screened' | 'checked' | 'found' | 'rectified', Record<number, number>> = {
	screened: { [-14]: 2, [-13]: 2, [-12]: 4, [-11]: 1, [-10]: 1 },
	checked: { [-14]: 2, [-13]: 1, [-12]: 1, [-11]: 1, [-10]: 1 },
	found: { [-13]: 1, [-12]: 2, [-11]: 2, [-10]: 2, [-9]: 2, [-8]: 1 },
	rectified: { [-7]: 1, [-6]: 1, [-4]: 1 }
};

/** Adds a phase in the editor as an administrator types it. */
async function addPhase(page: Page, name: string, from: string, to: string) {
	const editor = page.getByTestId('campaign-phases');
	await editor.getByRole('button', { name: '添加阶段' }).click();
	const form = editor.getByTestId('phase-form');
	await form.locator('input[name="phase-name"]').fill(name);
	await form.locator('input[name="phase-start"]').fill(from);
	await form.locator('input[name="phase-end"]').fill(to);
	await form.getByRole('button', { name: '保存' }).click();
	await expect(form).toHaveCount(0);
}

test('an administrator sets the phases; the statistics show the phase of the day and the work by week, day, village, group and caretaker', async ({ browser, baseURL }) => {
	test.setTimeout(240_000);
	const today = localDay();
	const { township, ids, people, groups } = await setUp(baseURL, TOWNSHIP);
	const helper = await township.createUser({ name: '孙帮扶', groupId: groups.g1 });
	await township.editOrganisation((org) => {
		for (const [dossierId, spec, cadre] of [
			[ids.A, VILLAGE_A, people.cadreA],
			[ids.B, VILLAGE_B, people.cadreB]
		] as const) {
			for (const [householdId, personId] of fixtureCaretakers(spec, PREFIX, { cadre: cadre.id, helper: helper.id })) org.setCaretaker(dossierId, householdId, personId);
		}
	});
	// 北关村's dossier also holds 004's own campaign (8月1日–25日, 2022): the one the app knows the timetable of.
	await writeAs(township, people.cadreA, ids.A, (c) => new DossierDoc(c.doc).addCampaign(AUGUST_2022));

	const adminCtx = await browser.newContext();
	const admin = await adminCtx.newPage();
	await signIn(admin, township.admin);
	await admin.goto('/stats');
	// No phases yet: the administrator is shown where to set them.
	await expect(admin.getByTestId('stats-phase')).toHaveText('未设置行动阶段 · 设置阶段');
	await admin.getByTestId('stats-phase').getByRole('link', { name: '设置阶段' }).click();
	await expect(admin).toHaveURL(/\/rounds#phases$/);

	// The fixture's campaign (the newest) runs 19 days back to 5 ahead: 004's timetable on its days 1–5, 6–12 and 13–25.
	const panel = admin.getByTestId('phases');
	await expect(panel.locator('select[name="phase-campaign"]')).toHaveValue('stats-fixture');
	await expect(panel.getByTestId('campaign-phases')).toContainText('这次排查活动还没有设置阶段。');
	await expect(panel.getByTestId('phases-fill')).toHaveCount(0);
	await addPhase(admin, '培训', addDays(today, -19), addDays(today, -15));
	await addPhase(admin, '排查', addDays(today, -14), addDays(today, -8));
	// A slip past the campaign's last day is said as it is typed, and put right before saving.
	const editor = panel.getByTestId('campaign-phases');
	await editor.getByRole('button', { name: '添加阶段' }).click();
	const form = editor.getByTestId('phase-form');
	await form.getByRole('button', { name: '保存' }).click();
	await expect(form).toContainText('请填写阶段名称（不超过 40 字）');
	await form.locator('input[name="phase-name"]').fill('整改');
	await form.locator('input[name="phase-start"]').fill(addDays(today, -7));
	await form.locator('input[name="phase-end"]').fill(addDays(today, 6));
	await expect(form.getByRole('status')).toHaveText(`晚于排查活动的结束日期（${addDays(today, 5)}），请核对`);
	await form.locator('input[name="phase-end"]').fill(addDays(today, 5));
	await expect(form.getByRole('status')).toHaveCount(0);
	await form.getByRole('button', { name: '保存' }).click();
	const range = (from: number, to: number) => dayRangeText(addDays(today, from), addDays(today, to)).zh;
	await expect(editor.locator('li')).toContainText([`培训 ${range(-19, -15)}`, `排查 ${range(-14, -8)}`, `整改 ${range(-7, 5)} 进行中`]);

	// 004's campaign: its plan's timetable in one press.
	await panel.locator('select[name="phase-campaign"]').selectOption(AUGUST_2022.id);
	await expect(panel.getByTestId('campaign-phases')).toHaveAttribute('data-campaign', AUGUST_2022.id);
	await expect(panel.getByTestId('campaign-phases')).toContainText('按实施方案“三、整改要求”的时间安排填入：培训阶段（8月1日—5日）、排查阶段（8月6日—12日）、整改阶段（8月13日—25日）。');
	await panel.getByTestId('phases-fill').click();
	await expect(editor.locator('li strong')).toHaveText(['培训', '排查', '整改']);
	await expect(admin.getByTestId('campaign-phases').locator('li[data-phase="screening"]')).toContainText('8月6日—12日');

	// A reviewer reads them and cannot change them.
	const reviewerCtx = await browser.newContext();
	const reviewer = await reviewerCtx.newPage();
	await signIn(reviewer, people.reviewer);
	await reviewer.goto('/rounds');
	const readonly = reviewer.getByTestId('phases').getByTestId('campaign-phases');
	await expect(readonly.locator('li')).toHaveCount(3);
	await expect(readonly).toContainText('阶段由乡镇管理员设置。');
	await expect(readonly.getByRole('button')).toHaveCount(0);

	// The statistics: the phase of the day, and the work.
	await reviewer.getByRole('navigation').getByRole('link', { name: '统计' }).click();
	const page = reviewer;
	await expect(page.getByTestId('stats-phase')).toHaveText(`今天处于：整改阶段（${range(-7, 5)}）`);

	// Week by week (Monday to Sunday, the first from the campaign's first day), and to date.
	const campaign = { startsOn: addDays(today, -19), endsOn: addDays(today, 5) };
	const weeks = campaignPeriods(campaign, 'week');
	const offset = (day: string) => Math.round((Date.parse(day) - Date.parse(today)) / 86_400_000);
	const total = { screened: 0, checked: 0, found: 0, rectified: 0 };
	for (const week of weeks) {
		const started = week.startsOn <= today;
		const during = { screened: 0, checked: 0, found: 0, rectified: 0 };
		for (const key of Object.keys(during) as (keyof typeof during)[]) {
			for (const [day, n] of Object.entries(EVENTS[key])) if (offset(week.startsOn) <= Number(day) && Number(day) <= offset(week.endsOn)) during[key] += n;
			total[key] += during[key];
		}
		const phases = [
			['培训', -19, -15],
			['排查', -14, -8],
			['整改', -7, 5]
		]
			.filter(([, from, to]) => offset(week.startsOn) <= (to as number) && offset(week.endsOn) >= (from as number))
			.map(([name]) => name)
			.join('、');
		const counts = (c: typeof during) => [c.screened, c.checked, 0, c.found, c.rectified].map(String);
		await expectRow(page, 'periods', week.startsOn, [
			`第${week.index}周`,
			dayRangeText(week.startsOn, week.endsOn).zh,
			phases,
			...(started ? [...counts(during), ...counts(total)] : Array(10).fill('—'))
		]);
	}
	expect(total).toEqual({ screened: 10, checked: 6, found: 10, rectified: 3 });
	await expect(page.getByTestId('stats-table-periods').locator('h3')).toHaveText('各周进度');

	await expectRow(page, 'villageWork', ids.A, ['北关村', `${TOWNSHIP}第一组`, '6', '6', '3', '0', '6', '5', '2']);
	await expectRow(page, 'villageWork', ids.B, ['南街村', `${TOWNSHIP}第二组`, '5', '4', '3', '0', '4', '2', '1']);
	await expectRow(page, 'villageWork', 'total', ['合计', '', '11', '10', '6', '0', '10', '7', '3']);
	await expectRow(page, 'groupWork', groups.g1, [`${TOWNSHIP}第一组`, '6', '6', '3', '0', '6', '5', '2']);
	await expectRow(page, 'groupWork', groups.g2, [`${TOWNSHIP}第二组`, '5', '4', '3', '0', '4', '2', '1']);
	// People by name (陈, 孙, 王), never by what each has done.
	await expect
		.poll(() => page.getByTestId('stats-table-personWork').locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent))))
		.toEqual([
			['陈干部', '2', '2', '2', '0', '2', '0', '0'],
			['孙帮扶', '4', '3', '1', '0', '2', '2', '1'],
			['王干部', '3', '3', '3', '0', '4', '3', '2'],
			['未指定帮扶责任人', '2', '2', '0', '0', '1', '1', '0']
		]);
	await expectRow(page, 'personWork', 'total', ['合计', '11', '10', '6', '0', '9', '6', '3']);
	// 9类重点户必到: 冯四 (老人户) is not visited yet.
	await expectRow(page, 'keyHouseholds', 'elderly', ['老人户', '2', '1', '0', '5', '0', '0.0%', '否']);
	await expectRow(page, 'keyVisits', ids.B, ['南街村', '0', '0', '0', '0', '—', '0', '0', '—', '1', '否']);
	await expectRow(page, 'keyVisits', 'total', ['合计', '0', '0', '0', '0', '0', '0', '0', '0', '1', '否']);
	// The chart draws the phases behind the running totals.
	const chart = page.getByTestId('stats-chart-timeline');
	await expect(chart).toHaveAttribute('data-ready', 'true');
	await expect(chart.locator('svg')).toContainText('排查');
	await expect(chart.locator('svg')).toContainText('已入户');

	// Day by day.
	await page.getByTestId('stats-controls').locator('select[name="period"]').selectOption('day');
	await expect(page.getByTestId('stats-table-periods').locator('h3')).toHaveText('每日进度');
	await expect(page.getByTestId('stats-table-periods').locator('tbody tr')).toHaveCount(25);
	await expectRow(page, 'periods', addDays(today, -12), [dayText(addDays(today, -12)).zh, '排查', '4', '1', '0', '2', '0', '8', '4', '0', '3', '0']);
	await expectRow(page, 'periods', addDays(today, 1), [dayText(addDays(today, 1)).zh, '整改', ...Array(10).fill('—')]);
	await page.getByTestId('stats-controls').locator('select[name="period"]').selectOption('week');

	// The workbook has every table as the page shows it, the progress sheets among them, and the phase of the day.
	const downloading = page.waitForEvent('download', { timeout: 60_000 });
	await page.getByTestId('stats-export').getByRole('button').first().click();
	const workbook = await workbookOf(await downloading);
	await expectWorkbookAsPage(page, workbook);
	expect(workbook.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['各周进度', '各村工作进度', '各责任组工作进度', '各帮扶责任人工作进度', '各村9类重点户未入户户数']));
	const weekly = workbook.getWorksheet('各周进度')!;
	expect(weekly.getCell('D3').value).toBe('本期');
	expect(String(workbook.getWorksheet('上报摘要')!.getCell('A2').value)).toContain(`今天处于：整改阶段（${range(-7, 5)}）`);
	expect(await rowOf(page, 'periods', weeks[0]!.startsOn)).toHaveLength(13);

	await reviewerCtx.close();
	await adminCtx.close();
});
