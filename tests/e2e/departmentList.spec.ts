/**
 * Collect once (减负, issue 13): a campaign's forms start from a department's list matched by ID
 * number, each prefilled answer marked with the list's name until a cadre confirms it.
 */
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { addHousehold, createDossier, expectSynced, signInCadre, townshipOnce } from './helpers';
import { checkCharacter } from '../../src/lib/household/residentId';

const town = townshipOnce('名单镇');

/** A valid resident ID number (GB 11643 check digit). */
const id = (first17: string) => first17 + checkCharacter(first17);
const FATHER = id('13042519800101001');
const PUPIL = id('13042520100909003');
const NEIGHBOUR = id('13042519750505003');
/** On the school's list, in no household of this village. */
const STRANGER = id('13042520110202004');
const LIST = '2022年春季学期资助学生名单';

/** A school's list as the education office sends it: a merged title, one row per pupil. */
async function schoolList(): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('Sheet1');
	sheet.addRow([`东街小学${LIST}`]);
	sheet.mergeCells('A1:F1');
	sheet.addRow(['序号', '学生姓名', '性别', '身份证号', '年级', '资助项目']);
	const rows = [
		['1', '李小', '女', PUPIL, '小学三年级', '营养改善计划'],
		['2', '赵小', '男', STRANGER, '小学二年级', '生活补助']
	];
	for (const row of rows) sheet.addRow(row).getCell(4).numFmt = '@';
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function addMember(page: Page, name: string, idNumber: string) {
	await page.getByTestId('add-members').click();
	const row = page.locator('[data-group="members"] [data-row]').last();
	await row.locator('[data-question="name"] input').fill(name);
	await row.locator('[data-question="id_number"] input').fill(idNumber);
	await expect(row.locator('[data-question="id_number"] .error')).toHaveCount(0);
}

test('a school’s list prefills 附件1 for the households of its pupils, marked with the list’s name', async ({ page }) => {
	await page.goto('/');
	await signInCadre(page, (await town()).township, '冯干部', (await town()).groupId);
	await createDossier(page, '东街村');
	await addHousehold(page, '李大', 'lifted');
	await addHousehold(page, '周二', 'ordinary');
	// The pupil is a child of the household, not its head.
	await page.getByTestId('households').getByText('李大').click();
	await addMember(page, '李大', FATHER);
	await addMember(page, '李小', PUPIL);
	await page.getByTestId('households').getByText('周二').click();
	await addMember(page, '周二', NEIGHBOUR);

	await page.getByTestId('dept-list-open').click();
	const panel = page.getByTestId('dept-list');
	await panel.getByTestId('dept-file').setInputFiles({ name: `${LIST}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await schoolList() });
	await expect(panel).toHaveAttribute('data-step', 'ready');
	// The ID column is found by its title; the list is named after the file.
	await expect(panel.getByTestId('dept-column')).toHaveValue('3');
	await expect(panel.getByTestId('dept-name')).toHaveValue(LIST);
	await panel.getByTestId('dept-question').selectOption('s3_aid_gap');
	await expect(panel.getByTestId('dept-do')).toBeDisabled();
	await panel.getByTestId('dept-value').getByLabel('否').check();

	await expect(panel.getByTestId('dept-preview')).toHaveText('名单 2 人，本村匹配 1 户，将预填 1 户（已有答案的不改）；未匹配 1 人');
	// The one not found is named by its row, its number masked.
	await panel.getByText('未匹配的身份证号').click();
	await expect(panel.getByTestId('dept-unmatched')).toHaveText(`第 4 行 ${STRANGER.slice(0, 4)}********${STRANGER.slice(-4)}`);
	await expect(panel).not.toContainText(STRANGER);

	await panel.getByTestId('dept-do').click();
	await expect(panel.getByTestId('dept-done')).toHaveText(`已为 1 户预填，题目旁标有“来自${LIST}”，请逐户核实确认`);

	await page.getByTestId('households').getByText('李大').click();
	await page.getByTestId('tab-screening').click();
	const aid = page.locator('[data-question="s3_aid_gap"]');
	await expect(aid.getByRole('radio', { name: '否' })).toHaveAttribute('aria-checked', 'true');
	await expect(aid.getByTestId('carried')).toContainText(`来自${LIST}`);
	await expect(page.getByTestId('carried')).toHaveCount(1);

	// The neighbour is on no list: the form is as it was.
	await page.getByTestId('households').getByText('周二').click();
	await page.getByTestId('tab-screening').click();
	await expect(aid.getByRole('radio', { name: '否' })).toHaveAttribute('aria-checked', 'false');
	await expect(page.getByTestId('carried')).toHaveCount(0);

	// Prefilling again changes nothing: the answer is there now.
	await panel.getByRole('button', { name: '换一个文件' }).click();
	await panel.getByTestId('dept-file').setInputFiles({ name: `${LIST}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await schoolList() });
	await panel.getByTestId('dept-question').selectOption('s3_aid_gap');
	await expect(panel.getByTestId('dept-preview')).toHaveText('名单 2 人，本村匹配 1 户，将预填 0 户（已有答案的不改）；未匹配 1 人');
	await expect(panel.getByTestId('dept-do')).toBeDisabled();
	await expectSynced(page);
});
