import { expect, test } from '@playwright/test';
import { DossierDoc } from '../../src/lib/dossier/dossierDoc';
import { ReviewDoc } from '../../src/lib/review/reviewDoc';
import { campaignFormKey } from '../../src/lib/campaign/campaign';
import { campaignTemplate } from '../../src/lib/templates/registry';
import { sampleFinding } from '../../src/lib/ledger/ledgerFixtures';
import { newId } from '../../src/lib/dossier/ids';
import { addHousehold, createDossier, drawSignature, expectSynced, signIn } from './helpers';
import { crossCheckTownship, startRound } from './orgFixture';

test('a county finding on a question a checker passed counts as 漏查 against that checker and their group', async ({ browser, baseURL }) => {
	test.setTimeout(120_000);
	const town = await crossCheckTownship(baseURL, '漏查镇', { cadre: '邓干部', checker: '许检查', reviewer: '何审核' });
	const { cadre, checker, reviewer } = town.people;
	const office = await (await browser.newContext()).newPage();
	await signIn(office, cadre);
	const id = await createDossier(office, '南庄村');
	await addHousehold(office, '刘大', 'lifted');
	await expectSynced(office);
	await startRound(town, id, '第一轮推磨互查');

	// The checker checks 刘大's form and passes it, signing.
	const checking = await (await browser.newContext()).newPage();
	await signIn(checking, checker);
	await checking.goto(`/d/${id}`);
	await checking.getByTestId('households').getByText('刘大').click();
	await checking.getByTestId('tab-screening').click();
	await checking.getByTestId('check-pass-start').click();
	await drawSignature(checking);
	await checking.getByRole('button', { name: '签字确认通过' }).click();
	await expect(checking.getByTestId('check-pass')).toContainText('许检查 于');
	await expectSynced(checking);

	// Later the county's inspection finds the house unsafe; the township reviewer records it.
	const { householdId, formKey } = await town.township.edit(reviewer, id, (doc) => {
		const dossier = new DossierDoc(doc);
		const campaign = dossier.campaigns().at(-1)!;
		return { householdId: dossier.listHouseholds()[0]!.id, formKey: campaignFormKey(campaignTemplate(campaign, 'household')!.id, campaign.id) };
	});
	const by = { id: reviewer.id, name: reviewer.name };
	await town.township.edit(reviewer, `${id}/review`, (doc) =>
		new ReviewDoc(id, doc).raise(
			sampleFinding({
				id: newId(),
				dossierId: id,
				village: '南庄村',
				target: { kind: 'question', householdId, head: '刘大', formKey, questionId: 's2_unsafe', question: { zh: '①现住房是否为不安全住房', en: 'Unsafe house?' } },
				description: '县级督查：危房未改造',
				raisedBy: by,
				raisedAt: new Date().toISOString(),
				role: 'reviewer',
				source: 'county',
				roundId: null,
				checkerGroupId: null,
				signature: { ...sampleFinding().signature, by, at: new Date().toISOString() },
				deadline: null
			})
		)
	);

	const township = await (await browser.newContext()).newPage();
	await signIn(township, reviewer);
	await township.goto('/stats');
	const missed = township.getByTestId('stats-table-missed');
	await expect(missed.locator(`tr[data-row="person:${checker.id}"]`)).toContainText('许检查');
	await expect(missed.locator(`tr[data-row="person:${checker.id}"] td[data-col="count"]`)).toHaveText('1');
	await expect(missed.locator(`tr[data-row="group:${town.groups.checker}"] td[data-col="count"]`)).toHaveText('1');
});
