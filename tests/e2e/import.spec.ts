import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { addHousehold, createDossier, expectSynced, goOffline, goOnline, signIn, signInCadre, townshipOnce } from './helpers';
import { rosterWorkbook } from '../../src/lib/import/testing/rosterFixtures';

const town = townshipOnce('导入镇');

/** A 花名册 as a township keeps it: a merged title, a two-row header with merged parents, one row per member. */
async function roster(): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('花名册');
	sheet.addRow(['后街村农户花名册（2022年）']);
	sheet.mergeCells('A1:H1');
	sheet.addRow(['户编号', '户主姓名', '村民组', '户类型', '联系电话', '家庭成员信息', null, null]);
	sheet.addRow([null, null, null, null, null, '姓名', '身份证号', '与户主关系']);
	for (const column of ['A', 'B', 'C', 'D', 'E']) sheet.mergeCells(`${column}2:${column}3`);
	sheet.mergeCells('F2:H2');
	const rows: (string | null)[][] = [
		['1', '赵大', '一组', '脱贫户', '13800000001', '赵大', '130425197001010017', '户主'],
		['1', '赵大', '一组', '脱贫户', '13800000001', '钱二', '130425197202020027', '配偶'],
		['1', '赵大', '一组', '脱贫户', '13800000001', '赵小', '130425199503030033', '子女'],
		// Already in the dossier (same name and group): its phone changes, its member is added.
		['2', '孙三', '二组', '一般户', '13900000002', '孙三', '130425196804040047', '户主'],
		// A wrong check digit: refused, with the row and column named.
		['3', '李四', '二组', '一般户', '', '李四', '130425197005050050', '户主']
	];
	for (const row of rows) sheet.addRow(row).getCell(7).numFmt = '@';
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

test('a roster is imported after a preview, and undone in one step', async ({ page }) => {
	await page.goto('/');
	await signInCadre(page, (await town()).township, '周干部', (await town()).groupId);
	await createDossier(page, '后街村');
	await addHousehold(page, '孙三', 'ordinary');
	await page.getByTestId('households').getByText('孙三').click();
	await page.locator('[data-question="group"] input').fill('二组');
	await page.locator('[data-question="phone"] input').fill('13700000000');
	await page.getByTestId('household-card').getByRole('button', { name: '关闭' }).click();

	await page.getByTestId('import-open').click();
	await page.getByTestId('import-file').setInputFiles({ name: '后街村花名册.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await roster() });
	const panel = page.getByTestId('import');
	await expect(panel).toHaveAttribute('data-step', 'mapping');
	await expect(panel).toContainText('5 行数据');
	// The two-row header was read: the member's ID column is guessed under its merged parent.
	await expect(panel.locator('select[data-field="member.id_number"]')).toHaveValue('6');
	await expect(panel.locator('select[data-field="household.head"]')).toHaveValue('1');
	await page.getByTestId('import-preview').click();
	await expect(panel).toHaveAttribute('data-step', 'preview');
	const totals = page.getByTestId('import-totals');
	await expect(totals.locator('[data-total="new"]')).toHaveText('新增 1 户');
	await expect(totals.locator('[data-total="matched"]')).toContainText('与已有的 1 户对上');
	await expect(totals.locator('[data-total="refused"]')).toHaveText('1 行不能导入');
	await expect(page.getByTestId('import-refused')).toContainText('第 8 行');
	await expect(page.getByTestId('import-refused')).toContainText('身份证号');
	// Nothing is written before the cadre confirms.
	await expect(page.getByTestId('households').getByText('赵大')).toHaveCount(0);

	await page.getByTestId('import-confirm').click();
	await expect(page.getByTestId('import-done')).toContainText('新增 1 户，更新 1 户');
	await expect(page.getByTestId('households').getByText('赵大')).toBeVisible();
	await expectSynced(page);
	await page.getByTestId('households').getByText('孙三').click();
	await expect(page.locator('[data-question="phone"] input')).toHaveValue('13900000002');
	await page.getByTestId('household-card').getByRole('button', { name: '关闭' }).click();

	await page.getByTestId('import-undo').click();
	await expect(page.getByTestId('households').getByText('赵大')).toHaveCount(0);
	await page.getByTestId('households').getByText('孙三').click();
	await expect(page.locator('[data-question="phone"] input')).toHaveValue('13700000000');
	await expectSynced(page);
});

test('into a village with no households yet: nothing matched, the import writes and undoes all the same', async ({ page }) => {
	await page.goto('/');
	await signInCadre(page, (await town()).township, '吴干部', (await town()).groupId);
	await createDossier(page, '新村');
	await page.getByTestId('import-open').click();
	await page.getByTestId('import-file').setInputFiles({ name: '新村花名册.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await roster() });
	await page.getByTestId('import-preview').click();
	await expect(page.getByTestId('import-totals').locator('[data-total="new"]')).toHaveText('新增 2 户');
	await page.getByTestId('import-confirm').click();
	await expect(page.getByTestId('import-done')).toContainText('新增 2 户');
	await expect(page.getByTestId('households').getByText('孙三')).toBeVisible();
	await page.getByTestId('import-undo').click();
	await expect(page.getByTestId('households').getByText('孙三')).toHaveCount(0);
	await expect(page.getByTestId('households').getByText('赵大')).toHaveCount(0);
	await expectSynced(page);
});

test('a roster of 230 households is written in parts, and the list draws 200 households at a time', async ({ page }) => {
	await page.goto('/');
	await signInCadre(page, (await town()).township, '郑干部', (await town()).groupId);
	await createDossier(page, '大村');
	await page.getByTestId('import-open').click();
	const bytes = await rosterWorkbook(230, 2);
	await page.getByTestId('import-file').setInputFiles({ name: '大村花名册.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(bytes) });
	await page.getByTestId('import-preview').click();
	await expect(page.getByTestId('import-totals').locator('[data-total="new"]')).toHaveText('新增 230 户');
	await page.getByTestId('import-confirm').click();
	await expect(page.getByTestId('import-done')).toContainText('新增 230 户');
	const list = page.getByTestId('households');
	await expect(list.getByRole('listitem')).toHaveCount(200);
	await page.getByTestId('households-more').click();
	await expect(list.getByRole('listitem')).toHaveCount(230);
	await expect(page.getByTestId('households-more')).toHaveCount(0);
	// Every household in the file is one in the dossier, with its two members counted.
	await expect(list.getByTestId('headcount').first()).toContainText('2');
	await expectSynced(page);
});

test('a person another village keeps is reported from the server, though this device never opened that village', async ({ browser }) => {
	const { township, groupId } = await town();
	const first = await (await browser.newContext()).newPage();
	await first.goto('/');
	const cadre = await signInCadre(first, township, '冯干部', groupId);
	await createDossier(first, '甲村');
	await first.getByTestId('import-open').click();
	await first.getByTestId('import-file').setInputFiles({ name: '甲村花名册.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await roster() });
	await first.getByTestId('import-preview').click();
	await first.getByTestId('import-confirm').click();
	await expect(first.getByTestId('import-done')).toBeVisible();
	await expectSynced(first);

	// Another device, which holds only the village it is about to import into.
	const second = await (await browser.newContext()).newPage();
	await second.goto('/');
	await signIn(second, cadre);
	await createDossier(second, '乙村');
	await second.getByTestId('import-open').click();
	await second.getByTestId('import-file').setInputFiles({ name: '乙村花名册.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await roster() });
	await second.getByTestId('import-preview').click();
	const duplicates = second.getByTestId('import-duplicates');
	await expect(duplicates).toContainText('130425197001010017 已在甲村（户主 赵大）');
	await expect(second.getByTestId('import-device-only')).toHaveCount(0);

	// Offline, the preview checks what the device holds, and says so.
	await goOffline(second.context());
	await second.getByRole('button', { name: '返回修改对应关系' }).click();
	await second.getByTestId('import-preview').click();
	await expect(second.getByTestId('import-device-only')).toContainText('只核对了本机保存的档卡');
	await expect(second.getByTestId('import-duplicates')).toHaveCount(0);
	await goOnline(second.context());
});
