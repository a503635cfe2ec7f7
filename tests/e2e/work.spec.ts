import { expect, test } from '@playwright/test';
import { DossierDoc } from '../../src/lib/dossier/dossierDoc';
import { ReviewDoc } from '../../src/lib/review/reviewDoc';
import { campaignFormKey } from '../../src/lib/campaign/campaign';
import { campaignTemplate } from '../../src/lib/templates/registry';
import { questionThread } from '../../src/lib/ledger/finding';
import { reviewerSigned, sampleFinding } from '../../src/lib/ledger/ledgerFixtures';
import { addDays, localDay } from '../../src/lib/calendar/calendar';
import { newId } from '../../src/lib/dossier/ids';
import { addHousehold, createDossier, expectSynced, signIn } from './helpers';
import { crossCheckTownship, startRound } from './orgFixture';

test('a returned finding and a mention reach the cadre’s 我的工作 with the badge, and open in view on a phone', async ({ browser, baseURL }) => {
	test.setTimeout(120_000);
	const town = await crossCheckTownship(baseURL, '曲陌镇', { cadre: '孙干部', checker: '周检查', reviewer: '吴审核' });
	const { cadre, checker, reviewer } = town.people;
	const office = await (await browser.newContext()).newPage();
	await signIn(office, cadre);
	const id = await createDossier(office, '北关村');
	await addHousehold(office, '刘大', 'lifted');
	await expectSynced(office);
	const roundId = await startRound(town, id, '第一轮推磨互查');

	// What the cadre's colleagues do, each from their own device (a stock client here).
	const { householdId, formKey } = await town.township.edit(cadre, id, (doc) => {
		const dossier = new DossierDoc(doc);
		const household = dossier.listHouseholds().find((h) => h.head === '刘大')!;
		const campaign = dossier.campaigns().at(-1)!;
		return { householdId: household.id, formKey: campaignFormKey(campaignTemplate(campaign, 'household')!.id, campaign.id) };
	});
	const findingId = newId();
	const review = `${id}/review`;
	const checkerActor = { id: checker.id, name: checker.name };
	await town.township.edit(checker, review, (doc) => {
		new ReviewDoc(id, doc).raise(
			sampleFinding({
				id: findingId,
				dossierId: id,
				village: '北关村',
				target: { kind: 'household', householdId, head: '刘大' },
				description: '住房未做危房鉴定',
				raisedBy: checkerActor,
				raisedAt: new Date().toISOString(),
				roundId,
				checkerGroupId: town.groups.checker,
				signature: { ...sampleFinding().signature, by: checkerActor, at: new Date().toISOString() },
				deadline: addDays(localDay(), 10)
			})
		);
	});
	await town.township.edit(cadre, review, (doc) => new ReviewDoc(id, doc).transition(findingId, { type: 'submit', by: { id: cadre.id, name: cadre.name }, role: 'owner', measure: '已联系住建部门' }, ['owner']));
	await town.township.edit(reviewer, review, (doc) =>
		new ReviewDoc(id, doc).transition(findingId, { type: 'return', by: { id: reviewer.id, name: reviewer.name }, role: 'reviewer', reason: '缺少危房鉴定报告', ...reviewerSigned }, ['reviewer'])
	);
	await town.township.edit(checker, review, (doc) =>
		new ReviewDoc(id, doc).addComment({ thread: questionThread(householdId, formKey, 's2_unsafe'), parentId: null, by: checkerActor, text: '@孙干部 屋顶照片请补上', mentions: [cadre.id] })
	);

	// The cadre, on a phone in the field.
	const phone = await (await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true })).newPage();
	await signIn(phone, cadre);
	const work = phone.getByTestId('my-work');
	const returned = work.locator('[data-kind="returned"]');
	await expect(returned).toContainText('退回重改：刘大 · 住房未做危房鉴定');
	await expect(returned).toContainText('退回原因：缺少危房鉴定报告');
	const mention = work.locator('[data-kind="mention"]');
	await expect(mention).toContainText('周检查 提到了你：@孙干部 屋顶照片请补上');
	// Most urgent first: what was sent back before what is only asked.
	await expect(work.locator('[data-kind]').first()).toHaveAttribute('data-kind', 'returned');
	const badge = phone.getByTestId('work-badge');
	const before = Number(await badge.textContent());
	expect(before).toBeGreaterThanOrEqual(2);

	// The returned finding opens in the ledger, its panel on screen with what to do.
	await returned.getByRole('link').click();
	await expect(phone).toHaveURL(new RegExp(`/d/${id}\\?finding=${findingId}`));
	const panel = phone.getByTestId('finding');
	await expect(panel).toBeVisible();
	await expect(panel).toContainText('缺少危房鉴定报告');
	await expect(panel.getByRole('button', { name: '提交整改' })).toBeInViewport();

	// The mention opens the household's screening form at the question, its comments open.
	await phone.goBack();
	await work.locator('[data-kind="mention"]').getByRole('link').click();
	await expect(phone).toHaveURL(new RegExp(`household=${householdId}`));
	const question = phone.locator('[data-question="s2_unsafe"]');
	await expect(question).toBeInViewport();
	await expect(phone.getByTestId('household-card')).toContainText('屋顶照片请补上');
	// Read: it leaves 我的工作, and the badge counts one less.
	await phone.goBack();
	await expect(work.locator('[data-kind="mention"]')).toHaveCount(0);
	await expect(badge).toHaveText(String(before - 1));
});
