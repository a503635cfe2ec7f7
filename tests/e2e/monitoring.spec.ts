import { expect, test } from '@playwright/test';
import { addHousehold, createDossier, expectSynced, signInCadre, townshipOnce } from './helpers';

const town = townshipOnce('监测镇');

test('a household is included in monitoring, assisted and cleared on its card, each step on record, and counted in the statistics', async ({ page }) => {
	await page.goto('/');
	await signInCadre(page, (await town()).township, '韩干部', (await town()).groupId);
	await createDossier(page, '河西村');
	await addHousehold(page, '马大', 'monitored');
	await page.getByTestId('households').getByText('马大').click();
	const panel = page.getByTestId('monitoring');
	await expect(panel).toHaveAttribute('data-phase', 'none');
	await expect(panel).toContainText('未纳入监测');

	await panel.getByTestId('monitoring-add').click();
	await panel.locator('input[name="on"]').fill('2026-03-01');
	await panel.locator('textarea[name="reason"]').fill('因病支出大，收入骤减');
	await panel.getByRole('button', { name: '记录' }).click();
	await expect(panel).toHaveAttribute('data-phase', 'included');
	await expect(panel).toContainText('监测中（2026-03-01 纳入）');
	await expect(panel).toContainText('韩干部 于');

	await panel.getByTestId('monitoring-add').click();
	await expect(panel.locator('select[name="step"]')).toHaveValue('assisted');
	await panel.locator('input[name="on"]').fill('2026-04-01');
	await panel.locator('textarea[name="reason"]').fill('落实医疗救助');
	await panel.getByRole('button', { name: '记录' }).click();
	await expect(panel).toHaveAttribute('data-phase', 'assisted');
	await expect(panel.locator('.steps li')).toHaveCount(2);
	await expectSynced(page);

	await page.goto('/stats');
	const table = page.getByTestId('stats-table-monitoring');
	await expect(table.locator('tr[data-row="assisted"] td[data-col="households"]')).toHaveText('1');
	await expect(table.locator('tr[data-row="included"] td[data-col="households"]')).toHaveText('0');
});
