/**
 * Records that hold up (issue 12): a signature binds what the signed form shows, computed income
 * figures included; a household is withdrawn with a reason, never deleted.
 */
import { expect, test } from '@playwright/test';
import { addHousehold, createDossier, drawSignature, signInCadre, townshipOnce } from './helpers';

const town = townshipOnce('记录镇');

test.use({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true });

test('an income line changed after 附件1 was signed marks the signature', async ({ page }) => {
	await page.goto('/');
	await signInCadre(page, (await town()).township, '周干部', (await town()).groupId);
	await createDossier(page, '西河村');
	await addHousehold(page, '马六', 'monitored');
	await page.getByTestId('households').getByText('马六').click();
	await page.getByTestId('add-members').tap();
	const member = page.locator('[data-group="members"] [data-row]').last();
	await member.locator('[data-question="name"] input').fill('马六');
	await member.locator('[data-question="resident"]').getByRole('radio', { name: '是' }).tap();

	await page.getByTestId('tab-income').tap();
	await page.getByTestId('add-lines').tap();
	const line = page.locator('[data-group="lines"] [data-row]').last();
	await line.locator('[data-question="category"] select').selectOption('wage');
	await line.locator('[data-question="amount"] input').fill('800');

	await page.getByTestId('tab-screening').tap();
	const signature = page.getByTestId('signature');
	await signature.getByRole('button', { name: '签字' }).tap();
	await drawSignature(page);
	await signature.getByRole('button', { name: '确认签字' }).click();
	await expect(signature).toHaveAttribute('data-status', 'signed');

	// Nothing on 附件1 itself is touched: the income sheet changes, and with it section 1.
	await page.getByTestId('tab-income').tap();
	await line.locator('[data-question="amount"] input').fill('900');
	await page.getByTestId('tab-screening').tap();
	await expect(page.locator('[data-question="s1_wage"] output')).toHaveText('900.00');
	await expect(signature).toHaveAttribute('data-status', 'changedAfterSigning');
	await expect(signature).toContainText('签字后已修改');

	// Back to what was signed: the signature holds again.
	await page.getByTestId('tab-income').tap();
	await line.locator('[data-question="amount"] input').fill('800');
	await page.getByTestId('tab-screening').tap();
	await expect(signature).toHaveAttribute('data-status', 'signed');
});

test('a household is withdrawn with a reason, and only then', async ({ page }) => {
	await page.goto('/');
	await signInCadre(page, (await town()).township, '吴干部', (await town()).groupId);
	await createDossier(page, '东岭村');
	await addHousehold(page, '赵七', 'ordinary');
	await page.getByTestId('households').getByText('赵七').click();
	await page.getByRole('button', { name: '移除此户' }).tap();
	const form = page.getByTestId('withdraw-form');
	const confirm = form.getByRole('button', { name: '确认移除' });
	await expect(confirm).toBeDisabled();
	await form.getByRole('textbox').fill('全户迁出，户口已转走');
	await confirm.tap();
	await expect(page.getByTestId('households').getByText('赵七')).toHaveCount(0);
});
