import { expect, test } from '@playwright/test';
import { createDossier, signIn } from './helpers';
import { Township } from '../support/township';

test('the township sets up groups, people, accounts and a cross-check round, and prints a group’s notice board', async ({ page, browser, baseURL }) => {
	// The first administrator comes from the command line, as on a new installation.
	const township = await Township.create(baseURL!, process.env.E2E_DATA_DIR!, '大李庄乡');
	await signIn(page, township.admin);
	await expect(page.getByTestId('current-township')).toHaveText('大李庄乡');
	const villages: Record<string, string> = {};
	for (const name of ['东街村', '西街村', '南街村']) villages[name] = await createDossier(page, name);

	await page.goto('/org');
	await expect(page.locator('input[name="township-name"]')).toHaveValue('大李庄乡');
	for (const group of ['第一组', '第二组', '第三组']) {
		await page.locator('input[name="group-name"]').fill(group);
		await page.getByRole('button', { name: '新增责任组' }).click();
	}
	// An empty name is refused in Chinese, and nothing is added.
	await page.getByRole('button', { name: '新增责任组' }).click();
	await expect(page.getByTestId('org-groups')).toContainText('请填写组名');
	await expect(page.getByTestId('org-groups').locator('li[data-group]')).toHaveCount(3);

	await page.getByLabel('东街村 包村责任组').selectOption({ label: '第一组' });
	await page.getByLabel('西街村 包村责任组').selectOption({ label: '第二组' });
	await page.getByLabel('南街村 包村责任组').selectOption({ label: '第三组' });

	const people: [string, string, string][] = [
		['张明', '13903190011', '第一组'],
		['李华', '13903190012', '第一组'],
		['王强', '13903190021', '第二组'],
		['赵磊', '13903190031', '第三组']
	];
	// A bad phone number is refused, with the reason, before anything is stored.
	await page.locator('input[name="person-name"]').fill('张明');
	await page.locator('input[name="person-phone"]').fill('1390319');
	await page.getByRole('button', { name: '新增人员' }).click();
	await expect(page.getByTestId('org-people')).toContainText('电话号码格式不对');
	for (const [name, phone, group] of people) {
		await page.locator('input[name="person-name"]').fill(name);
		await page.locator('input[name="person-phone"]').fill(phone);
		await page.locator('select[name="person-group"]').selectOption({ label: group });
		await page.getByRole('button', { name: '新增人员' }).click();
		await expect(page.getByTestId('org-people').locator('tbody')).toContainText(name);
	}
	await expect(page.getByTestId('org-groups').locator('li[data-group]').first()).toContainText('2 人');
	await expect(page.getByTestId('org-groups').locator('li[data-group]').first()).toContainText('包村：东街村');

	// The group's notice board lists its cadres and their phones, and goes on paper alone.
	await page.getByTestId('org-groups').locator('li[data-group]').first().getByRole('link', { name: '公示牌' }).click();
	const board = page.getByTestId('notice-board');
	await expect(board).toContainText('帮扶责任人公示牌');
	await expect(board).toContainText('第一组');
	await expect(board).toContainText('包村：东街村');
	await expect(board.locator('tbody tr')).toHaveCount(2);
	await expect(board).toContainText('13903190012');
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('button', { name: '打印公示牌' })).toBeHidden();
	await expect(page.locator('header.top')).toBeHidden();
	await page.emulateMedia({ media: 'screen' });

	// 张明 gets an account from the administrator, signs in elsewhere and finds his village.
	await page.goto('/admin');
	const accounts = page.getByTestId('accounts');
	await accounts.locator('select[name="account-person"]').selectOption({ label: '张明' });
	await accounts.locator('input[name="account-username"]').fill('zhangming');
	await accounts.locator('input[name="account-password"]').fill('短');
	await accounts.getByRole('button', { name: '开通账号' }).click();
	await expect(accounts.locator('tr[data-account="zhangming"]')).toHaveCount(0);
	await accounts.locator('input[name="account-password"]').fill('zhangming-2022');
	await accounts.getByRole('button', { name: '开通账号' }).click();
	await expect(accounts.locator('tr[data-account="zhangming"]')).toContainText('张明');
	const other = await browser.newContext();
	const zhang = await other.newPage();
	await signIn(zhang, { id: '', name: '张明', username: 'zhangming', password: 'zhangming-2022', cookie: '', device: '' });
	await expect(zhang.getByTestId('my-work')).toContainText('东街村');
	// A cadre sees the organisation but cannot change it, and has no accounts page.
	await zhang.goto('/org');
	await expect(zhang.getByRole('button', { name: '新增责任组' })).toHaveCount(0);
	await expect(zhang.getByLabel('东街村 包村责任组')).toBeDisabled();
	await expect(zhang.getByRole('link', { name: '账号' })).toHaveCount(0);
	await other.close();

	// A round: dates that run backwards are refused; then the rotation is generated.
	await page.goto('/rounds');
	await page.locator('input[name="round-name"]').fill('八月推磨互查');
	await page.locator('input[name="round-start"]').fill('2022-08-12');
	await page.locator('input[name="round-end"]').fill('2022-08-06');
	await page.getByRole('button', { name: '创建' }).click();
	await expect(page.locator('main')).toContainText('结束日期应不早于开始日期');
	await page.locator('input[name="round-start"]').fill('2022-08-06');
	await page.locator('input[name="round-end"]').fill('2022-08-12');
	await page.getByRole('button', { name: '创建' }).click();
	await page.waitForURL(/\/rounds\/[A-Za-z0-9]+$/);
	const rotation = page.getByTestId('rotation');
	// 第一组 checks 第二组's village, 第二组 checks 第三组's, 第三组 checks 第一组's.
	await expect(rotation.getByLabel('西街村 检查组')).toHaveValue(await optionValue(page, '西街村 检查组', '第一组'));
	await expect(rotation.getByLabel('南街村 检查组')).toHaveValue(await optionValue(page, '南街村 检查组', '第二组'));
	await expect(rotation.getByLabel('东街村 检查组')).toHaveValue(await optionValue(page, '东街村 检查组', '第三组'));
	await expect(page.getByTestId('rotation-ok')).toBeVisible();

	// Editing it so a group checks its own village is flagged, and regenerating mends it.
	await rotation.getByLabel('东街村 检查组').selectOption({ label: '第一组' });
	await expect(page.getByTestId('rotation-problems')).toContainText('东街村：第一组不能检查自己包的村');
	await expect(page.getByTestId('rotation-problems')).toContainText('第三组没有检查任务');
	await page.getByTestId('generate-rotation').click();
	await expect(page.getByTestId('rotation-ok')).toBeVisible();

	// On a phone the township's pages fit the screen; wide tables scroll inside themselves.
	await page.setViewportSize({ width: 360, height: 740 });
	for (const path of ['/org', '/ledger', '/admin', `/d/${villages['东街村']}`]) {
		await page.goto(path);
		await expect(page.locator('main h1, main [data-testid="dossier-title"]').first()).toBeVisible();
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		// Name what sticks out, so a failure says where to look.
		const culprits = await page.evaluate(() =>
			[...document.querySelectorAll('body *')]
				.filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest('.table-wrap'))
				.slice(0, 5)
				.map((e) => `${e.tagName}.${e.className}`)
		);
		expect(overflow, `${path}: ${culprits.join(', ')}`).toBeLessThanOrEqual(0);
	}
});

async function optionValue(page: import('@playwright/test').Page, label: string, option: string): Promise<string> {
	return page.getByLabel(label).locator('option', { hasText: option }).getAttribute('value') as Promise<string>;
}
