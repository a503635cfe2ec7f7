import { expect, test } from '@playwright/test';
import { addHousehold, createDossier, drawSignature, expectSynced, signInCadre, townshipOnce } from './helpers';
import { stockClient, until } from '../support/township';

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

	// The checker signs on screen; editing afterwards marks the form until it is signed again.
	const signature = page.getByTestId('signature');
	await expect(signature).toHaveAttribute('data-status', 'unsigned');
	await signature.getByRole('button', { name: '签字' }).tap();
	await drawSignature(page);
	await signature.getByRole('button', { name: '确认签字' }).click();
	await expect(signature).toHaveAttribute('data-status', 'signed');
	await expect(signature).toContainText('孙干部 于');
	await expect(signature.locator('img')).toBeVisible();

	await page.locator('[data-question="s11_untidy"]').getByRole('radio', { name: '否' }).tap();
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
	await expect(paper.locator('.signed img')).toBeVisible();
	await expect(paper.locator('.signed')).toContainText('孙干部 于');
});

test('the income sheet computes per-capita income and the screening form follows it', async ({ page }) => {
	await page.goto('/');
	await signInCadre(page, (await town()).township, '孙干部', (await town()).groupId);
	await createDossier(page, '南街村');
	await addHousehold(page, '陈二', 'monitored');
	await page.getByTestId('households').getByText('陈二').click();

	// Two resident members on the card, one able to work; a bad ID number is refused in Chinese.
	for (const name of ['陈二', '王芳']) {
		await page.getByTestId('add-members').tap();
		const row = page.locator('[data-group="members"] [data-row]').last();
		await row.locator('[data-question="name"] input').fill(name);
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
	await expect(page.locator('[data-question="size"] output')).toHaveText('2');

	// 10,000 yuan of wages for two people: 5,000 each, below 2022's line of 7,300.
	await page.getByTestId('tab-income').tap();
	await page.getByTestId('add-lines').tap();
	const line = page.locator('[data-group="lines"] [data-row]').last();
	await line.locator('[data-question="category"] select').selectOption('wage');
	await line.locator('[data-question="amount"] input').fill('10000');
	const flags = page.getByTestId('risk-flags');
	await expect(flags.locator('[data-flag="belowLine"]')).toContainText('5000.00');
	await expect(page.locator('[data-question="per_capita"] output')).toHaveText('5000.00');

	// More income moves the household into the monitoring band, then out of it.
	await line.locator('[data-question="amount"] input').fill('20000');
	await expect(flags.locator('[data-flag="monitoringBand"]')).toContainText('10000.00');
	await line.locator('[data-question="amount"] input').fill('30000');
	await expect(flags.locator('[data-flag="none"]')).toBeVisible();

	// Text in an amount is kept and shown, and the sheet says it is incomplete rather than guess.
	await line.locator('[data-question="amount"] input').fill('三万');
	await expect(line.locator('[data-question="amount"] .error')).toHaveText('应为金额（元，最多两位小数）');
	await expect(flags.locator('[data-flag="incomplete"]')).toBeVisible();
	await line.locator('[data-question="amount"] input').fill('10000');

	// 附件1 section 1 is filled from the sheet, not typed twice.
	await page.getByTestId('tab-screening').tap();
	await expect(page.locator('[data-question="s1_size"] output')).toHaveText('2');
	await expect(page.locator('[data-question="s1_able"] output')).toHaveText('1');
	await expect(page.locator('[data-question="s1_wage"] output')).toHaveText('10000.00');
	await expect(page.locator('[data-question="s1_below_line"] output')).toHaveText('是');
});

test('the village form applies the 50,000-yuan collective income test and is signed', async ({ page }) => {
	await page.goto('/');
	await signInCadre(page, (await town()).township, '周干部', (await town()).groupId);
	await createDossier(page, '西街村');
	await page.getByTestId('tab-village').tap();
	const form = page.getByTestId('village-form');
	await expect(form.locator('[data-question="township"] output')).toHaveText('洺州镇');
	await form.locator('[data-question="village_type"] select').selectOption('lifted');

	// 30,000 yuan of collective income is under the 50,000 the form asks about.
	await form.locator('[data-question="v4_collective_income"] input').fill('30000');
	await expect(form.locator('[data-question="v4_collective_below_target"] output')).toHaveText('是');
	await expect(form.locator('[data-section="v4_industry"] summary')).toContainText('1 项有问题');
	await form.locator('[data-question="v4_collective_income"] input').fill('52000');
	await expect(form.locator('[data-question="v4_collective_below_target"] output')).toHaveText('否');

	// A follow-up appears only when its question calls for it.
	await expect(form.locator('[data-question="v5_started"]')).toHaveCount(0);
	await form.locator('[data-question="v5_has_projects"]').getByRole('radio', { name: '是' }).tap();
	await expect(form.locator('[data-question="v5_started"]')).toBeVisible();

	const signature = form.getByTestId('signature');
	await signature.getByRole('button', { name: '签字' }).tap();
	await drawSignature(page);
	await signature.getByRole('button', { name: '确认签字' }).click();
	await expect(signature).toHaveAttribute('data-status', 'signed');
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
	await page.getByTestId('tab-income').tap();
	await page.getByTestId('add-lines').tap();
	await page.locator('[data-group="lines"] [data-question="category"] select').selectOption('transfer');
	await page.locator('[data-group="lines"] [data-question="amount"] input').fill('5000');
	await expect(page.getByTestId('risk-flags').locator('[data-flag="belowLine"]')).toBeVisible(); // 5,000 < 7,300

	// The 2017 "look back" campaign used a line of 4,000 yuan; a bad line is refused in Chinese.
	await page.getByTestId('campaign-new').tap();
	await page.locator('input[name="campaign-name"]').fill('脱贫攻坚“回头看”');
	await page.locator('input[name="campaign-start"]').fill('2017-06-01');
	await page.locator('input[name="campaign-end"]').fill('2017-05-01');
	await page.locator('input[name="campaign-line"]').fill('四千');
	await page.getByTestId('campaigns').getByRole('button', { name: '添加', exact: true }).tap();
	await expect(page.getByTestId('campaigns')).toContainText('结束日期应不早于开始日期');
	await expect(page.getByTestId('campaigns')).toContainText('贫困线应为正的金额');
	await page.locator('input[name="campaign-end"]').fill('2017-07-31');
	await page.locator('input[name="campaign-line"]').fill('4000');
	await page.getByTestId('campaigns').getByRole('button', { name: '添加', exact: true }).tap();
	await expect(page.getByTestId('campaign-select')).toContainText('脱贫攻坚“回头看”');

	// The new campaign's income sheet starts empty; the same income is in the band there.
	await expect(page.locator('[data-group="lines"] [data-row]')).toHaveCount(0);
	await page.getByTestId('add-lines').tap();
	await page.locator('[data-group="lines"] [data-question="category"] select').selectOption('transfer');
	await page.locator('[data-group="lines"] [data-question="amount"] input').fill('5000');
	await expect(page.getByTestId('risk-flags').locator('[data-flag="monitoringBand"]')).toContainText('4000.00');

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
