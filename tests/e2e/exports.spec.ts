import { expect, test, type Download, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { addHousehold, createDossier, drawSignature, signInCadre, townshipOnce } from './helpers';

const town = townshipOnce('导出镇');

async function workbookOf(download: Download): Promise<ExcelJS.Workbook> {
	const workbook = new ExcelJS.Workbook();
	const bytes = await readFile((await download.path())!);
	await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
	return workbook;
}

/** Every cell's text of a sheet, row by row. */
function texts(sheet: ExcelJS.Worksheet): string[][] {
	const rows: string[][] = [];
	sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : typeof v === 'object' && 'richText' in (v as object) ? '' : String(v)))));
	return rows;
}

async function exportOf(page: Page, testid: string): Promise<ExcelJS.Workbook> {
	const downloading = page.waitForEvent('download', { timeout: 60_000 });
	await page.getByTestId(testid).getByRole('button').first().click();
	return workbookOf(await downloading);
}

test('a village exports 附件1 as the county’s 汇总表 and its ledger as XLSX, each with its 口径', async ({ page }) => {
	await page.goto('/');
	await signInCadre(page, (await town()).township, '钱干部', (await town()).groupId);
	await createDossier(page, '前街村');
	await addHousehold(page, '钱一', 'lifted');
	await addHousehold(page, '钱二', 'ordinary');
	await page.getByTestId('households').getByText('钱一').click();
	await page.getByTestId('tab-screening').click();
	await page.locator('[data-question="s2_unsafe"]').getByRole('radio', { name: '是' }).click();
	await page.locator('[data-section="s2_housing"] .describe textarea').fill('屋顶漏雨');
	await page.locator('[data-question="s3_dropout"]').getByRole('radio', { name: '否' }).click();

	await page.getByTestId('village-exports').locator('summary').click();
	const summary = await exportOf(page, 'xlsx-summary');
	const sheet = summary.worksheets[0]!;
	const rows = texts(sheet);
	// Two header rows (section over question), then one row per household in the dossier's order.
	const headerRow = rows.findIndex((r) => r.some((c) => c.includes('现住房是否为不安全住房')));
	expect(headerRow).toBeGreaterThan(0);
	expect(rows[headerRow - 1]!.some((c) => c.includes('住房保障'))).toBe(true);
	const unsafeColumn = rows[headerRow]!.findIndex((c) => c.includes('现住房是否为不安全住房'));
	const first = rows.find((r) => r.includes('钱一'))!;
	const second = rows.find((r) => r.includes('钱二'))!;
	expect(first[unsafeColumn]).toBe('是');
	expect(first).toContain('屋顶漏雨');
	expect(second[unsafeColumn] ?? '').toBe('');
	expect(sheet.views[0]).toMatchObject({ state: 'frozen' });
	expect(sheet.pageSetup).toMatchObject({ paperSize: 9 });
	expect(sheet.mergeCells).toBeDefined();
	// The data dictionary names each column's question, unit and allowed values.
	const dictionary = summary.worksheets.find((ws) => ws.name.includes('口径'))!;
	const entry = texts(dictionary).find((r) => r.some((c) => c.includes('现住房是否为不安全住房')))!;
	expect(entry.join('|')).toMatch(/是.*否/);
	expect(entry.join('|')).toContain('household-screening-2022@1');

	// 附件1 as the paper form, one sheet per household.
	const forms = await exportOf(page, 'xlsx-forms');
	expect(forms.worksheets.map((ws) => ws.name).filter((n) => n.includes('钱'))).toHaveLength(2);
	const paper = texts(forms.worksheets.find((ws) => ws.name.includes('钱一'))!).flat().join('|');
	expect(paper).toContain('现住房是否为不安全住房');
	expect(paper).toContain('屋顶漏雨');

	// A finding, then the village's ledger as XLSX.
	await page.getByTestId('household-card').getByRole('button', { name: '+ 登记问题' }).first().click();
	const raise = page.getByTestId('raise-finding');
	await raise.locator('textarea[name="description"]').fill('钱一户：住房屋顶漏雨，需要修缮');
	await raise.getByRole('button', { name: '检查人确认签字' }).click();
	await drawSignature(page);
	await page.getByRole('button', { name: '签字并登记' }).click();
	await expect(page.getByTestId('finding')).toHaveAttribute('data-state', 'open');
	await page.getByTestId('finding').getByRole('button', { name: '关闭' }).click();
	await page.getByTestId('tab-ledger').click();
	const ledger = await exportOf(page, 'ledger-xlsx');
	const ledgerRows = texts(ledger.worksheets[0]!);
	const found = ledgerRows.find((r) => r.some((c) => c.includes('钱一户：住房屋顶漏雨')))!;
	expect(found).toContain('钱一');
	expect(found.join('|')).toContain('钱干部');
	expect(ledger.worksheets.some((ws) => ws.name.includes('口径'))).toBe(true);
});
