import { expect, test } from '@playwright/test';
import { addHousehold, createDossier, setName } from './helpers';

test.use({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true });

test('a cadre fills the household screening form on a phone', async ({ page }) => {
	await page.goto('/');
	await setName(page, '孙干部');
	await createDossier(page, '洺州镇', '北关村');
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
});
