import { expect, test } from '@playwright/test';
import { DossierDoc } from '../../src/lib/dossier/dossierDoc';
import { CARD_FORM } from '../../src/lib/dossier/layout';
import { addHousehold, createDossier, drawSignature, expectSynced, signIn } from './helpers';
import { crossCheckTownship } from './orgFixture';

test('数据核查 lists what does not fit across records; “这不是问题” is recorded in the decider’s name for everyone', async ({ browser, baseURL }) => {
	const town = await crossCheckTownship(baseURL, '核查镇', { cadre: '郑干部', checker: '钱检查', reviewer: '冯审核' });
	const { cadre, reviewer } = town.people;
	const page = await (await browser.newContext()).newPage();
	await signIn(page, cadre);
	const id = await createDossier(page, '东关村');
	await addHousehold(page, '陈大', 'ordinary');
	await expectSynced(page);
	// Members as another device entered them: two heads, and one ID number in two households.
	await town.township.edit(cadre, id, (doc) => {
		const dossier = new DossierDoc(doc);
		const chen = dossier.listHouseholds().find((h) => h.head === '陈大')!.id;
		dossier.addRow(chen, CARD_FORM, 'members', { name: '陈大', relation: 'head', id_number: '130425197001010017' });
		dossier.addRow(chen, CARD_FORM, 'members', { name: '陈二', relation: 'head' });
		const lin = dossier.createHousehold({ head: '林三', type: 'ordinary' }, { name: cadre.name });
		dossier.addRow(lin, CARD_FORM, 'members', { name: '林三', relation: 'head', id_number: '130425197001010017' });
	});

	await page.getByTestId('tab-quality').click();
	const issues = page.getByTestId('quality-issues');
	await expect(issues.locator('[data-kind="relations"]')).toContainText('陈大户 2 名成员中有 2 位户主');
	await expect(issues.locator('[data-kind="duplicateId"]')).toContainText('身份证号 130425197001010017 出现在：陈大户（陈大）、林三户（林三）');
	await issues.locator('[data-kind="relations"]').getByTestId('not-a-problem').click();
	await expect(issues.locator('[data-kind="relations"]')).toHaveCount(0);
	await expect(page.getByTestId('quality-settled')).toContainText('郑干部 于');
	await expectSynced(page);

	// The township's reviewer sees the decision, and whose it is.
	const other = await (await browser.newContext()).newPage();
	await signIn(other, reviewer);
	await other.goto(`/d/${id}`);
	await other.getByTestId('tab-quality').click();
	await expect(other.getByTestId('quality-issues').locator('[data-kind="duplicateId"]')).toBeVisible();
	await other.getByText('已判定不是问题（1）').click();
	await expect(other.getByTestId('quality-settled')).toContainText('郑干部 于');
	// 查看 leads to the household.
	await other.getByTestId('quality-issues').locator('[data-kind="duplicateId"]').getByRole('button', { name: '查看' }).click();
	await expect(other.getByTestId('household-card')).toContainText('陈大');

	// The reviewer records what the county's inspection found there, as from the county.
	const household = other.getByTestId('household-review');
	await household.getByTestId('propose-finding').click();
	const raise = other.getByTestId('raise-finding');
	await raise.locator('select[name="source"]').selectOption({ label: '县级督查' });
	await raise.locator('textarea[name="description"]').fill('县里检查发现户主信息重复');
	await raise.getByRole('button', { name: '检查人确认签字' }).click();
	await drawSignature(other);
	await other.getByRole('button', { name: '签字并登记' }).click();
	await expect(other.getByTestId('finding').getByTestId('finding-source')).toHaveText('县级督查');
});
