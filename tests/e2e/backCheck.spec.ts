/**
 * 抽样回访 (issue 14, point 4): a township reviewer draws a seeded sample of the round's households,
 * stratified by village and household type, visits one again, and sees the second visit compared
 * with the first question by question, counted per question, per checker and per group.
 */
import { expect, test } from '@playwright/test';
import { DossierDoc } from '../../src/lib/dossier/dossierDoc';
import { ReviewDoc } from '../../src/lib/review/reviewDoc';
import { campaignFormKey } from '../../src/lib/campaign/campaign';
import { campaignTemplate } from '../../src/lib/templates/registry';
import { newCheckPass } from '../../src/lib/ledger/checkPass';
import { reviewerSigned } from '../../src/lib/ledger/ledgerFixtures';
import { newId } from '../../src/lib/dossier/ids';
import { addHousehold, createDossier, expectSynced, signIn } from './helpers';
import { crossCheckTownship, startRound } from './orgFixture';

test('a sample drawn and compared: the second visit’s answers set beside the first, per question, checker and group', async ({ browser, baseURL }) => {
	test.setTimeout(150_000);
	const town = await crossCheckTownship(baseURL, '回访镇', { cadre: '冯干部', checker: '郑检查', reviewer: '陈审核' });
	const { cadre, checker, reviewer } = town.people;
	const office = await (await browser.newContext()).newPage();
	await signIn(office, cadre);
	const id = await createDossier(office, '南庄村');
	await addHousehold(office, '刘大', 'ordinary');
	await addHousehold(office, '王二', 'ordinary');
	await addHousehold(office, '张三', 'lifted');
	await expectSynced(office);
	const roundId = await startRound(town, id, '第一轮推磨互查');

	// The first visit: the keeping group's answers, and the checker's pass of each form in the round.
	const { households, formKey } = await town.township.edit(cadre, id, (doc) => {
		const dossier = new DossierDoc(doc);
		const campaign = dossier.campaigns().at(-1)!;
		const formKey = campaignFormKey(campaignTemplate(campaign, 'household')!.id, campaign.id);
		const households = dossier.listHouseholds().map((h) => ({ id: h.id, head: h.head }));
		for (const h of households) {
			dossier.setAnswer(h.id, formKey, 's2_unsafe', false);
			dossier.setAnswer(h.id, formKey, 's3_dropout', false);
		}
		return { households, formKey };
	});
	await town.township.edit(checker, `${id}/review`, (doc) => {
		const review = new ReviewDoc(id, doc);
		for (const h of households) {
			review.pass(newCheckPass({ id: newId(), householdId: h.id, head: h.head, formKey, roundId, groupId: town.groups.checker, by: { id: checker.id, name: checker.name }, image: reviewerSigned.image, shown: '{}' }));
		}
	});

	// The reviewer draws everyone (100%): two strata, 一般户 and 脱贫户.
	const page = await (await browser.newContext()).newPage();
	await signIn(page, reviewer);
	await page.goto(`/rounds/${roundId}`);
	const panel = page.getByTestId('back-check');
	await panel.locator('input[name="seed"]').fill('20220815');
	await panel.locator('input[name="percent"]').fill('100');
	await panel.getByTestId('back-check-preview').click();
	const strata = panel.getByTestId('back-check-strata');
	await expect(strata.locator('tbody tr')).toHaveCount(2);
	await expect(strata.locator('tbody tr').filter({ hasText: '一般户' })).toContainText('南庄村一般户22');
	await expect(panel).toContainText('共抽取 3 户（全部 3 户），随机种子 20220815。');
	await panel.getByTestId('back-check-record').click();
	const draw = panel.getByTestId('back-check-draw');
	await expect(draw.getByTestId('back-check-progress')).toContainText('已回访 0 / 3 户');
	await expect(draw).toContainText('种子 20220815');

	// The second visit of 刘大: the house is found unsafe, the children at school.
	await draw.locator('summary').click();
	await draw.getByTestId('back-check-household').filter({ hasText: '刘大' }).getByRole('link').click();
	await page.getByTestId('tab-screening').click();
	const visit = page.getByTestId('back-visit');
	await visit.getByTestId('back-visit-start').click();
	await expect(page.locator('.form[data-template="household-screening-2022"]')).toHaveCount(1);
	await visit.locator('[data-question="s2_unsafe"]').getByRole('radio', { name: '是', exact: true }).click();
	await visit.locator('[data-question="s3_dropout"]').getByRole('radio', { name: '否', exact: true }).click();
	await visit.getByTestId('back-visit-save').click();
	await expect(visit.getByTestId('back-visit-result')).toContainText('1 / 2 项与第一次不一致');
	await expect(visit.getByTestId('back-visit-difference')).toContainText('第一次：否');
	await expect(visit.getByTestId('back-visit-difference')).toContainText('回访：是');
	await expectSynced(page);

	// The round's figures: one answer of two differs, on the housing question, against the checker and their group.
	await page.goto(`/rounds/${roundId}`);
	const report = page.getByTestId('back-check-draw');
	await expect(report.getByTestId('back-check-progress')).toContainText('已回访 1 / 3 户');
	await expect(report.getByTestId('back-check-overall')).toHaveText('1 / 2 项（50.0%）');
	const byQuestion = report.getByTestId('back-check-by-question');
	await expect(byQuestion.locator('tr[data-row="s2_unsafe"] td[data-col="rate"]')).toHaveText('1 / 1 项（100.0%）');
	await expect(byQuestion.locator('tr[data-row="s2_unsafe"]')).toContainText('刘大');
	await expect(byQuestion.locator('tr[data-row="s3_dropout"] td[data-col="rate"]')).toHaveText('0 / 1 项（0.0%）');
	await expect(report.getByTestId('back-check-by-checker').locator(`tr[data-row="${checker.id}"]`)).toContainText('郑检查');
	await expect(report.getByTestId('back-check-by-group').locator(`tr[data-row="${town.groups.checker}"] td[data-col="rate"]`)).toHaveText('1 / 2 项（50.0%）');
});
