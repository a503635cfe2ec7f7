import { expect, test } from '@playwright/test';
import { addHousehold, answerTheRest, createDossier, drawSignature, expectSynced, signInCadre, townshipOnce } from './helpers';
import { stockClient, until } from '../support/township';
import { AUGUST_2022, campaignFormKey } from '../../src/lib/campaign/campaign';
import { villageScreening2022 } from '../../src/lib/templates/official/villageScreening2022';

const town = townshipOnce('洺州镇');

test.use({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true });

test('a cadre fills the household screening form on a phone', async ({ page }) => {
	await page.goto('/');
	await signInCadre(page, (await town()).township, '孙干部', (await town()).groupId);
	await createDossier(page, '北关村');
	await addHousehold(page, '刘大', 'lifted');
	await page.getByTestId('households').getByText('刘大').click();
	await page.getByTestId('tab-screening').click();

	// The header comes from the dossier and the household card, not typed again.
	await expect(page.locator('[data-question="head"] output')).toHaveText('刘大');
	await expect(page.locator('[data-question="household_type"] output')).toHaveText('脱贫户');
	await expect(page.locator('[data-question="village"] output')).toHaveText('北关村');

	const progress = page.getByTestId('form-progress');
	await expect(progress).toContainText('已答 0 /');

	// One tap answers a row; a problem answer asks for a description.
	const unsafe = page.locator('[data-question="s2_unsafe"]');
	await unsafe.getByRole('radio', { name: '是' }).tap();
	await expect(unsafe.getByRole('radio', { name: '是' })).toHaveAttribute('aria-checked', 'true');
	await expect(page.locator('[data-section="s2_housing"] summary')).toContainText('1 项有问题');
	const describe = page.locator('[data-section="s2_housing"] .describe textarea');
	await describe.fill('屋顶漏雨，墙体开裂');
	await expect(progress).toContainText('已答 1 /');

	// "是否知晓" questions flag the other way round.
	await page.locator('[data-question="s12_knows_team"]').getByRole('radio', { name: '否' }).tap();
	await expect(progress).toContainText('2 项有问题');

	// Nothing is lost on reload, and the layout fits the phone without sideways scrolling.
	await page.reload();
	await page.getByTestId('households').getByText('刘大').click();
	await page.getByTestId('tab-screening').click();
	await expect(page.locator('[data-section="s2_housing"] .describe textarea')).toHaveValue('屋顶漏雨，墙体开裂');
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow).toBeLessThanOrEqual(0);

	// A form is signed only when complete, and it says what is missing: here section 1, which
	// has no income sheet to come from, and the rows not yet answered.
	const signature = page.getByTestId('signature');
	await expect(signature).toHaveAttribute('data-status', 'unsigned');
	await expect(signature.getByRole('button', { name: '签字' })).toBeDisabled();
	const blocked = signature.getByTestId('signing-blocked');
	await expect(blocked).toContainText('1. 2021年10月以来家庭收支情况：户卡中还没有家庭成员');
	await expect(blocked).toContainText('1. 2021年10月以来家庭收支情况：还没有收支核算');
	await expect(blocked).toContainText('3. 教育帮扶：4 项未答');
	// The figures say so too, once: under the first of them, the rest only outlined.
	await expect(page.locator('[data-question="s1_net"] [data-testid="computed-reason"]')).toHaveText('还没有收支核算：请先在“收支核算”中添加收入');
	await expect(page.locator('[data-question="s1_wage"] [data-testid="computed-reason"]')).toHaveCount(0);

	// The household card and its income sheet fill section 1.
	await page.getByTestId('tab-card').tap();
	await page.getByTestId('add-members').tap();
	const member = page.locator('[data-group="members"] [data-row]').last();
	await member.locator('[data-question="name"] input').fill('刘大');
	await member.locator('[data-question="resident"]').getByRole('radio', { name: '是' }).tap();
	await page.getByTestId('tab-income').tap();
	await page.getByTestId('add-lines').tap();
	const line = page.locator('[data-group="lines"] [data-row]').last();
	await line.locator('[data-question="category"] select').selectOption('transfer');
	await line.locator('[data-question="amount"] input').fill('9000');
	await page.getByTestId('tab-screening').tap();
	await expect(blocked).not.toContainText('收支情况');
	await expect(page.locator('[data-question="s1_rigid"] output')).toHaveText('无');
	await answerTheRest(page.locator('.form[data-template="household-screening-2022"]'));
	await expect(blocked).toHaveCount(0);

	// The checker signs on screen; editing afterwards marks the form until it is signed again.
	await signature.getByRole('button', { name: '签字' }).tap();
	await drawSignature(page);
	await signature.getByRole('button', { name: '确认签字' }).click();
	await expect(signature).toHaveAttribute('data-status', 'signed');
	await expect(signature).toContainText('孙干部 于');
	await expect(signature.locator('img')).toBeVisible();

	await page.locator('[data-question="s11_untidy"]').getByRole('radio', { name: '是' }).tap();
	await expect(signature).toHaveAttribute('data-status', 'changedAfterSigning');
	await expect(signature).toContainText('签字后已修改，请重新签字');

	await signature.getByRole('button', { name: '重新签字' }).tap();
	await drawSignature(page);
	await signature.getByRole('button', { name: '确认签字' }).click();
	await expect(signature).toHaveAttribute('data-status', 'signed');
	// On paper: the official table alone, answers ticked, the description and the signature.
	await page.emulateMedia({ media: 'print' });
	const paper = page.getByTestId('form-print');
	await expect(paper).toBeVisible();
	await expect(page.locator('.form[data-template="household-screening-2022"]')).toBeHidden();
	await expect(page.getByTestId('households')).toBeHidden();
	const row = paper.locator('tr', { hasText: '①现住房是否为不安全住房' });
	await expect(row).toContainText('☑是');
	await expect(row).toContainText('屋顶漏雨，墙体开裂');
	// Section 1 prints the form's own words: ③ is 有□无□, and the line is the campaign's.
	await expect(paper.locator('tr', { hasText: '③家里有无大额刚性支出' })).toContainText('☐有\u3000☑无');
	await expect(paper.locator('tr', { hasText: '收入是否低于7300元' })).toContainText('☑否');
	await expect(paper.locator('.signed img')).toBeVisible();
	await expect(paper.locator('.signed')).toContainText('孙干部 于');
});

test('the income sheet computes per-capita income and the screening form follows it', async ({ page }) => {
	await page.goto('/');
	await signInCadre(page, (await town()).township, '孙干部', (await town()).groupId);
	await createDossier(page, '南街村');
	await addHousehold(page, '陈二', 'monitored');
	await page.getByTestId('households').getByText('陈二').click();

	// Three members on the card: two resident, one able to work, and a third not yet answered;
	// a bad ID number is refused in Chinese.
	for (const name of ['陈二', '王芳', '陈小']) {
		await page.getByTestId('add-members').tap();
		const row = page.locator('[data-group="members"] [data-row]').last();
		await row.locator('[data-question="name"] input').fill(name);
		if (name === '陈小') continue;
		await row.locator('[data-question="resident"]').getByRole('radio', { name: '是' }).tap();
		await row.locator('[data-question="able_to_work"]').getByRole('radio', { name: name === '陈二' ? '是' : '否' }).tap();
	}
	const first = page.locator('[data-group="members"] [data-row]').first();
	await first.locator('[data-question="id_number"] input').fill('110105194912310021');
	await expect(first.locator('[data-question="id_number"] .error')).toHaveText('身份证号校验位不对，请核对');
	await first.locator('[data-question="id_number"] input').fill('11010519491231002X');
	await expect(first.locator('[data-question="id_number"] .error')).toHaveCount(0);
	// Birth date and sex are read from the number, not typed.
	await expect(first.locator('[data-question="birth_date"] output')).toHaveText('1949-12-31');
	await expect(first.locator('[data-question="sex"] output')).toHaveText('女');
	// Who counts is one rule: the unanswered "resident" box does not count, and says so.
	await expect(page.locator('[data-question="size"] output')).toHaveText('3 人，常住 2 人，1 人未填是否常住');
	await expect(page.getByTestId('households').locator('[data-testid="headcount"]')).toHaveText('3 人，常住 2 人，1 人未填是否常住');

	// 14,599.99 yuan of wages for two residents: 7,299.995 each shows as 7,300.00, and is below
	// 2022's line of 7,300, decided on exact fen.
	await page.getByTestId('tab-income').tap();
	const flags = page.getByTestId('risk-flags');
	await expect(flags.locator('[data-flag="empty"]')).toBeVisible();
	await expect(flags.getByTestId('campaign-rules')).toContainText('人均纯收入标准 7300元');
	await expect(flags.getByTestId('campaign-rules')).toContainText('本次行动未设监测范围');
	await expect(flags.locator('[data-flag="residentUnanswered"]')).toContainText('1 名家庭成员未填是否常住人口');
	await page.getByTestId('add-lines').tap();
	const line = page.locator('[data-group="lines"] [data-row]').last();
	await line.locator('[data-question="category"] select').selectOption('wage');
	await line.locator('[data-question="amount"] input').fill('14599.99');
	await expect(page.locator('[data-question="per_capita"] output')).toHaveText('7300.00');
	await expect(flags.locator('[data-flag="belowLine"]')).toContainText('不足 2 人 × 7300.00 元 = 14600.00 元');
	await expect(page.locator('[data-question="below_line"] output')).toHaveText('是');
	await line.locator('[data-question="amount"] input').fill('14600');
	await expect(flags.locator('[data-flag="belowLine"]')).toHaveCount(0);
	await expect(page.locator('[data-question="below_line"] output')).toHaveText('否');
	// This campaign names no monitoring band: above the line is simply above it.
	await expect(flags.locator('[data-flag="monitoringBand"]')).toHaveCount(0);

	// Rigid spending is large by the campaign's bar (default: above the household's net income).
	await page.locator('[data-question="medical"] input').fill('14600.01');
	await expect(flags.locator('[data-flag="largeRigidSpending"]')).toContainText('超过家庭纯收入 14600.00 元');
	await page.locator('[data-question="medical"] input').fill('3000');
	await expect(flags.locator('[data-flag="largeRigidSpending"]')).toHaveCount(0);

	// Text in an amount is kept and shown, and the sheet says it is incomplete rather than guess.
	await line.locator('[data-question="amount"] input').fill('三万');
	await expect(line.locator('[data-question="amount"] .error')).toHaveText('应为金额（元，最多两位小数）');
	await expect(flags.locator('[data-flag="incomplete"]')).toBeVisible();
	await line.locator('[data-question="amount"] input').fill('10000');

	// 附件1 section 1 is filled from the card and the sheet, not typed twice; the unanswered box
	// keeps it from being complete, and the form says so.
	await page.getByTestId('tab-screening').tap();
	await expect(page.locator('[data-question="s1_size"] output')).toHaveText('3 人，常住 2 人，1 人未填是否常住');
	await expect(page.locator('[data-question="s1_size"] [data-testid="computed-reason"]')).toHaveText(
		'1 名家庭成员未填是否常住人口（暂不计入常住人口），请在户卡中补填'
	);
	await expect(page.locator('[data-question="s1_able"] output')).toHaveText('1');
	await expect(page.locator('[data-question="s1_wage"] output')).toHaveText('10000.00');
	await expect(page.locator('[data-question="s1_below_line"] label')).toContainText('收入是否低于7300元');
	await expect(page.locator('[data-question="s1_below_line"] output')).toHaveText('是');
	await expect(page.locator('[data-question="s1_rigid"] output')).toHaveText('无');
	await expect(page.getByTestId('signing-blocked')).toContainText('1 名家庭成员未填是否常住人口');

	// Answered "not resident", the card reads both counts and section 1 is whole.
	await page.getByTestId('tab-card').tap();
	await page.locator('[data-group="members"] [data-row]').last().locator('[data-question="resident"]').getByRole('radio', { name: '否' }).tap();
	await expect(page.locator('[data-question="size"] output')).toHaveText('3 人，常住 2 人');
	await page.getByTestId('tab-screening').tap();
	await expect(page.getByTestId('signing-blocked')).not.toContainText('收支情况');
});

test('the village form applies the 50,000-yuan collective income test and is signed', async ({ page }) => {
	await page.goto('/');
	await signInCadre(page, (await town()).township, '周干部', (await town()).groupId);
	await createDossier(page, '西街村');
	await page.getByTestId('tab-village').tap();
	const form = page.getByTestId('village-form');
	await expect(form.locator('[data-question="township"] output')).toHaveText('洺州镇');
	await form.locator('[data-question="village_type"] select').selectOption('lifted');

	// 3 万元 (30,000 yuan, asked in 万元 as the form asks) is under the 50,000 yuan the form asks about.
	await expect(form.locator('[data-question="v4_collective_income"]')).toContainText('万元');
	await form.locator('[data-question="v4_collective_income"] input').fill('3');
	await expect(form.locator('[data-question="v4_collective_below_target"] output')).toHaveText('是');
	await expect(form.locator('[data-section="v4_industry"] summary')).toContainText('1 项有问题');
	await form.locator('[data-question="v4_collective_income"] input').fill('5.2');
	await expect(form.locator('[data-question="v4_collective_below_target"] output')).toHaveText('否');

	// A follow-up appears only when its question calls for it.
	await expect(form.locator('[data-question="v5_started"]')).toHaveCount(0);
	await form.locator('[data-question="v5_has_projects"]').getByRole('radio', { name: '是' }).tap();
	await expect(form.locator('[data-question="v5_started"]')).toBeVisible();

	// The township's part (乡镇工作) is the township's: shown here, written once by its administrator
	// for every village, not by the village's cadre.
	await expect(form.locator('[data-section="t_township"]').getByTestId('township-part')).toContainText('这里只能查看');
	const meeting = form.locator('[data-question="t_meeting_missing"]');
	await expect(meeting.getByRole('radio', { name: '否', exact: true })).toBeDisabled();
	const formKey = campaignFormKey(villageScreening2022.id, AUGUST_2022.id);
	await (await town()).township.editOrganisation((org) => {
		for (const q of villageScreening2022.sections.find((s) => s.level === 'township')!.questions) org.setTownshipAnswer(formKey, q.id, q.id === 't_has_workshop');
	});
	await expect(meeting.getByRole('radio', { name: '否', exact: true })).toHaveAttribute('aria-checked', 'true');
	await expect(form.locator('[data-question="t_has_workshop"]').getByRole('radio', { name: '是', exact: true })).toHaveAttribute('aria-checked', 'true');

	const signature = form.getByTestId('signature');
	await expect(signature.getByRole('button', { name: '签字' })).toBeDisabled();
	await answerTheRest(form);
	await signature.getByRole('button', { name: '签字' }).tap();
	await drawSignature(page);
	await signature.getByRole('button', { name: '确认签字' }).click();
	await expect(signature).toHaveAttribute('data-status', 'signed');

	// On paper 附件2 has its own column heads, and the income in 万元 as asked.
	await page.emulateMedia({ media: 'print' });
	const paper = page.getByTestId('form-print');
	await expect(paper.locator('thead th').nth(0)).toHaveText('项目');
	await expect(paper.locator('thead th').nth(1)).toHaveText('排查内容');
	await expect(paper.locator('tr', { hasText: '村集体经济收入（实际，万元）' })).toContainText('5.2');
	await page.emulateMedia({ media: 'screen' });
});

test('the screening forms of a village export as a CSV that Excel and WPS read', async ({ page }) => {
	await page.goto('/');
	await signInCadre(page, (await town()).township, '吴干部', (await town()).groupId);
	await createDossier(page, '东关村');
	await addHousehold(page, '赵四', 'monitored');
	await page.getByTestId('households').getByText('赵四').click();
	await page.getByTestId('tab-screening').tap();
	await page.locator('[data-question="s9_loan_misuse"]').getByRole('radio', { name: '是' }).tap();
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-screening').tap()]);
	expect(download.suggestedFilename()).toMatch(/^东关村-.*\.csv$/);
	const text = (await (await download.createReadStream()).toArray()).map(String).join('');
	expect(text.startsWith('\uFEFF户主姓名,户类型,')).toBe(true);
	const [header, row] = text.slice(1).trim().split('\r\n').map((line) => line.split(','));
	expect(row!.slice(0, 2)).toEqual(['赵四', '监测户']);
	expect(row![header!.findIndex((h) => h.includes('户贷企用') && !h.includes('问题描述'))]).toBe('是');
});

test('a new campaign brings its own line and its own forms; the old ones stay as they were', async ({ page }) => {
	await page.goto('/');
	await signInCadre(page, (await town()).township, '郑干部', (await town()).groupId);
	await createDossier(page, '彦张村');
	await addHousehold(page, '何先程', 'lifted');
	await page.getByTestId('households').getByText('何先程').click();
	await page.getByTestId('add-members').tap();
	await page.locator('[data-group="members"] [data-row] [data-question="name"] input').fill('何先程');
	await page.locator('[data-group="members"] [data-row] [data-question="resident"]').getByRole('radio', { name: '是' }).tap();
	await page.getByTestId('tab-income').tap();
	await page.getByTestId('add-lines').tap();
	await page.locator('[data-group="lines"] [data-question="category"] select').selectOption('transfer');
	await page.locator('[data-group="lines"] [data-question="amount"] input').fill('5000');
	await expect(page.getByTestId('risk-flags').locator('[data-flag="belowLine"]')).toBeVisible(); // 5,000 < 7,300

	// The 2017 "look back" campaign used a 贫困线 of 4,000 yuan, and the township watches up to
	// 1.5 times it: it names both (nothing is assumed). A bad line is refused in Chinese.
	await page.getByTestId('campaign-new').tap();
	await page.locator('input[name="campaign-name"]').fill('脱贫攻坚“回头看”');
	await page.locator('input[name="campaign-start"]').fill('2017-06-01');
	await page.locator('input[name="campaign-end"]').fill('2017-05-01');
	await page.locator('input[name="campaign-line"]').fill('四千');
	await page.locator('select[name="campaign-band"]').selectOption('factor');
	await page.locator('input[name="campaign-factor"]').fill('9');
	await page.getByTestId('campaigns').getByRole('button', { name: '添加', exact: true }).tap();
	await expect(page.getByTestId('campaigns')).toContainText('结束日期应不早于开始日期');
	await expect(page.getByTestId('campaigns')).toContainText('标准应为正的金额');
	await expect(page.getByTestId('campaigns')).toContainText('倍数应在 1 到 5 之间');
	await page.locator('input[name="campaign-end"]').fill('2017-07-31');
	await page.locator('input[name="campaign-line"]').fill('4000');
	await page.locator('input[name="campaign-line-name"]').fill('贫困线');
	await page.locator('input[name="campaign-factor"]').fill('1.5');
	await page.getByTestId('campaigns').getByRole('button', { name: '添加', exact: true }).tap();
	await expect(page.getByTestId('campaign-select')).toContainText('脱贫攻坚“回头看” · 贫困线（4000元）');

	// The new campaign's income sheet starts empty; the same income is in the band there.
	await expect(page.locator('[data-group="lines"] [data-row]')).toHaveCount(0);
	await page.getByTestId('add-lines').tap();
	await page.locator('[data-group="lines"] [data-question="category"] select').selectOption('transfer');
	await page.locator('[data-group="lines"] [data-question="amount"] input').fill('5000');
	await expect(page.getByTestId('risk-flags').locator('[data-flag="monitoringBand"]')).toContainText('4000.00–6000.00');
	// Its 附件1 names its own line.
	await page.getByTestId('tab-screening').tap();
	await expect(page.locator('[data-question="s1_below_line"] label')).toContainText('收入是否低于贫困线（4000元）');
	await expect(page.locator('[data-question="s1_below_line"] output')).toHaveText('否');
	await page.getByTestId('tab-income').tap();

	// Back in 2022, nothing changed.
	const select = page.getByTestId('campaign-select');
	const values = await select.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
	await select.selectOption(values.find((v) => v === 'aug2022')!);
	await expect(page.getByTestId('risk-flags').locator('[data-flag="belowLine"]')).toBeVisible();
});

test('a proof photo on an income line reaches a colleague’s device through the server', async ({ page, browser }) => {
	await page.goto('/');
	await signInCadre(page, (await town()).township, '冯干部', (await town()).groupId);
	const id = await createDossier(page, '冯老村');
	await addHousehold(page, '冯五', 'lifted');
	await page.getByTestId('households').getByText('冯五').click();
	await page.getByTestId('tab-income').tap();
	await page.getByTestId('add-lines').tap();
	const line = page.locator('[data-group="lines"] [data-row]').last();
	await line.locator('[data-question="category"] select').selectOption('transfer');
	await line.locator('[data-question="amount"] input').fill('1200');
	// A file that is not an image is refused in Chinese; a real (tiny) PNG is taken.
	const proof = line.locator('[data-question="proof"] input[type="file"]');
	await proof.setInputFiles({ name: '假照片.png', mimeType: 'image/png', buffer: Buffer.from('not an image') });
	await expect(line.locator('[data-question="proof"] [role="alert"]')).toHaveText('无法读取这张照片，请换一张');
	const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
	await proof.setInputFiles({ name: '低保单.png', mimeType: 'image/png', buffer: png });
	await expect(line.locator('[data-testid="photos"] img')).toHaveCount(1);

	const other = await browser.newContext();
	const colleague = await other.newPage();
	await signInCadre(colleague, (await town()).township, '冯干部的同事', (await town()).groupId);
	await colleague.goto(`/d/${id}`);
	await colleague.getByTestId('households').getByText('冯五').click();
	await colleague.getByTestId('tab-income').click();
	const image = colleague.locator('[data-group="lines"] [data-testid="photos"] img');
	await expect(image).toHaveCount(1);
	await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
	await other.close();
});

test('a campaign whose form is newer than this app says so and keeps what was filled in', async ({ page, baseURL }) => {
	await page.goto('/');
	const cadre = await signInCadre(page, (await town()).township, '秦干部', (await town()).groupId);
	const id = await createDossier(page, '后街村');
	await addHousehold(page, '秦六', 'ordinary');
	await page.getByTestId('households').getByText('秦六').click();
	await page.getByTestId('tab-screening').tap();
	await page.locator('[data-question="s2_unsafe"]').getByRole('radio', { name: '否' }).tap();
	await expectSynced(page);

	// A device with a newer app adds a campaign whose forms are version 99 of their templates.
	const newer = stockClient(baseURL!.replace(/^http/, 'ws') + '/sync', id, await (await town()).township.token(cadre, id));
	await until(() => newer.provider.synced, 10_000, 'newer client synced');
	newer.doc.getMap('campaigns').set('aug2030', {
		id: 'aug2030',
		name: '2030年排查',
		startsOn: '2030-08-01',
		endsOn: '2030-08-25',
		povertyLineFen: 9000_00,
		monitoringFactor: 1.5,
		templates: { household: { id: 'household-screening-2022', version: 99 }, village: { id: 'village-screening-2022', version: 99 } }
	});
	await expect(page.getByTestId('campaign-select')).toContainText('2030年排查');
	await page.getByTestId('campaign-select').selectOption('aug2030');
	await expect(page.getByTestId('form-unknown-template')).toContainText('household-screening-2022 第 99 版');
	await page.getByTestId('tab-village').tap();
	await expect(page.getByTestId('form-unknown-template')).toContainText('village-screening-2022 第 99 版');
	newer.destroy();

	// The form this app knows is untouched.
	await page.getByTestId('campaign-select').selectOption('aug2022');
	await page.getByRole('tab', { name: '农户' }).tap();
	await page.getByTestId('households').getByText('秦六').click();
	await page.getByTestId('tab-screening').tap();
	await expect(page.locator('[data-question="s2_unsafe"]').getByRole('radio', { name: '否' })).toHaveAttribute('aria-checked', 'true');
});

test('a new round starts from the last one’s answers, each to be confirmed before signing (减负)', async ({ page }) => {
	await page.goto('/');
	await signInCadre(page, (await town()).township, '马干部', (await town()).groupId);
	await createDossier(page, '南街村');
	await addHousehold(page, '马六', 'ordinary');
	await page.getByTestId('households').getByText('马六').click();
	await page.getByTestId('tab-screening').tap();
	await page.locator('[data-question="s2_unsafe"]').getByRole('radio', { name: '是' }).tap();
	await page.locator('[data-section="s2_housing"] .describe textarea').fill('屋顶漏雨');
	await page.locator('[data-question="s3_dropout"]').getByRole('radio', { name: '否' }).tap();

	await page.getByTestId('campaign-new').tap();
	await page.locator('input[name="campaign-name"]').fill('2023年春季排查');
	await page.locator('input[name="campaign-start"]').fill('2023-03-01');
	await page.locator('input[name="campaign-end"]').fill('2023-03-31');
	await page.locator('input[name="campaign-line"]').fill('7300');
	await page.getByTestId('campaigns').getByRole('button', { name: '添加', exact: true }).tap();
	await expect(page.getByTestId('campaign-select')).toContainText('2023年春季排查');
	await expect(page.locator('[data-question="s2_unsafe"]').getByRole('radio', { name: '是' })).toHaveAttribute('aria-checked', 'false');

	await page.getByTestId('carry-over').tap();
	await expect(page.getByTestId('carry-confirm')).toContainText('八月攻坚');
	await page.getByTestId('carry-confirm').getByRole('button', { name: '预填' }).tap();
	await expect(page.getByTestId('carry-done')).toHaveText('已为 1 户预填 2 个答案，请逐题确认');

	const unsafe = page.locator('[data-question="s2_unsafe"]');
	await expect(unsafe.getByRole('radio', { name: '是' })).toHaveAttribute('aria-checked', 'true');
	await expect(unsafe.getByTestId('carried')).toContainText('沿用上轮');
	await expect(page.locator('[data-section="s2_housing"] .describe textarea')).toHaveValue('屋顶漏雨');
	await expect(page.getByTestId('signing-blocked')).toContainText('1 项沿用的答案未确认');
	// Confirmed as it was; the other answered anew: no marks left.
	await unsafe.getByTestId('carried').getByRole('button', { name: '确认' }).tap();
	await expect(unsafe.getByTestId('carried')).toHaveCount(0);
	await page.locator('[data-question="s3_dropout"]').getByRole('radio', { name: '是' }).tap();
	await expect(page.getByTestId('carried')).toHaveCount(0);
	await expect(page.getByTestId('signing-blocked')).not.toContainText('沿用');
	await expectSynced(page);
});
