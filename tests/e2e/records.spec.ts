/**
 * Records that hold up (issue 12): a signature binds what the signed form shows, computed income
 * figures included; a household is withdrawn with a reason, never deleted.
 */
import { expect, test } from '@playwright/test';
import { addHousehold, answerTheRest, createDossier, drawSignature, signInCadre, townshipOnce } from './helpers';

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
	await answerTheRest(page.locator('.form[data-template="household-screening-2022"]'));
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

test('on a phone, a tapped ledger row opens its finding in view', async ({ page }) => {
	await page.goto('/');
	await signInCadre(page, (await town()).township, '郑干部', (await town()).groupId);
	await createDossier(page, '南岭村');
	// Enough households that the ledger and the list below it are longer than the screen.
	for (const head of ['甲一', '乙二', '丙三', '丁四', '戊五', '己六']) await addHousehold(page, head, 'ordinary');
	for (const head of ['甲一', '乙二', '丙三']) {
		await page.getByTestId('households').getByText(head, { exact: true }).click();
		await page.getByTestId('household-card').getByRole('button', { name: '+ 登记问题' }).first().tap();
		const raise = page.getByTestId('raise-finding');
		await raise.locator('textarea[name="description"]').fill(`${head}户：住房屋顶漏雨，需要修缮`);
		await raise.getByRole('button', { name: '检查人确认签字' }).tap();
		await drawSignature(page);
		await page.getByRole('button', { name: '签字并登记' }).tap();
		await expect(page.getByTestId('finding')).toHaveAttribute('data-state', 'open');
		await page.getByTestId('finding').getByRole('button', { name: '关闭' }).tap();
	}
	await page.evaluate(() => window.scrollTo(0, 0));
	await page.getByTestId('tab-ledger').tap();
	const rows = page.getByTestId('ledger').locator('tr[data-finding]');
	await expect(rows).toHaveCount(3);
	await rows.last().getByRole('button').tap();
	const panel = page.getByTestId('finding');
	await expect(panel).toBeVisible();
	await expect(panel).toBeInViewport();
	const box = (await panel.boundingBox())!;
	expect(box.y).toBeGreaterThanOrEqual(0);
	expect(box.y).toBeLessThan(780 / 2);
});
