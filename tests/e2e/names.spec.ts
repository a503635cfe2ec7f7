import { expect, test } from '@playwright/test';
import { signIn } from './helpers';
import { crossCheckTownship, startRound } from './orgFixture';
import { stockClient, until, type Client } from '../support/township';
import { ReviewDoc } from '../../src/lib/review/reviewDoc';
import { findingThread } from '../../src/lib/ledger/finding';
import { newId } from '../../src/lib/dossier/ids';

test('people are named by the organisation, by id, whatever name their device wrote', async ({ browser, baseURL }) => {
	test.setTimeout(90_000);
	const town = await crossCheckTownship(baseURL, '名实镇', { cadre: '冯干部', checker: '陈检查', reviewer: '褚审核' });
	const { township } = town;
	const { cadre, checker, reviewer } = town.people;
	const id = newId();
	await township.addVillage(id, town.groups.keeper, '卫庄村');
	const roundId = await startRound(town, id, '第一轮互查');

	// Stock clients write what the server lets through: records with their sender's own id, but
	// the reviewer's name beside it. The checker raises a finding and comments on it; the keeping
	// group's cadre submits a rectification; the checker is present in the village under that name.
	const clients: Client[] = [];
	const open = async (room: string, who: typeof checker) => {
		const client = stockClient(township.wsUrl, room, await township.token(who, room));
		clients.push(client);
		await until(() => client.provider.synced, 10_000, `${room} synced`);
		return client;
	};
	const asChecker = { id: checker.id, name: reviewer.name };
	const checkerReview = await open(`${id}/review`, checker);
	const findingId = newId();
	new ReviewDoc(id, checkerReview.doc).raise({
		id: findingId,
		dossierId: id,
		village: '卫庄村',
		target: { kind: 'village' },
		category: { id: 'other', label: { zh: '其他', en: 'Other' } },
		description: '村级公示栏未更新',
		evidence: [],
		raisedBy: asChecker,
		raisedAt: new Date().toISOString(),
		role: 'checker',
		roundId,
		checkerGroupId: town.groups.checker,
		signature: { by: asChecker, at: new Date().toISOString(), image: 'data:image/svg+xml;base64,PHN2Zy8+' },
		deadline: null,
		responsible: null
	});
	new ReviewDoc(id, checkerReview.doc).addComment({ thread: findingThread(findingId), parentId: null, by: asChecker, text: '请尽快更新公示栏', mentions: [] });
	await checkerReview.durable.whenDurable();
	const cadreReview = await open(`${id}/review`, cadre);
	await until(() => new ReviewDoc(id, cadreReview.doc).entry(findingId) !== null, 10_000, 'finding arrives');
	new ReviewDoc(id, cadreReview.doc).transition(findingId, { type: 'submit', by: { id: cadre.id, name: reviewer.name }, role: 'owner', measure: '公示栏已更新' }, ['owner']);
	await cadreReview.durable.whenDurable();
	const checkerHere = await open(id, checker);
	checkerHere.provider.awareness.setLocalStateField('user', { name: reviewer.name, color: '#1e8449' });

	// The reviewer reads the township's ledger: every name is the sender's, none the one written.
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, reviewer);
	await page.goto('/ledger');
	const row = page.getByTestId('ledger').locator(`tr[data-finding="${findingId}"]`);
	await expect(row).toHaveAttribute('data-state', 'submitted');
	await expect(row).toContainText('陈检查');
	await expect(row).not.toContainText(reviewer.name);
	await expect(page.getByTestId('unread-threads')).toContainText('陈检查：请尽快更新公示栏');
	await row.getByRole('button').click();
	const panel = page.getByTestId('finding');
	await expect(panel.locator('dl')).toContainText(/陈检查 于 .+ 发现/);
	await expect(panel.locator('dl')).toContainText(/陈检查 于 .+ 签字确认/);
	await expect(panel.locator('dl')).not.toContainText(reviewer.name);
	await expect(panel.getByTestId('finding-history')).toHaveText(/冯干部 提交整改：公示栏已更新/);
	await expect(panel.getByTestId('comments').locator('.who')).toContainText('陈检查');
	await expect(panel.getByTestId('comments')).not.toContainText(reviewer.name);

	// In the village, the checker is present by their own name.
	await page.goto(`/d/${id}`);
	const peers = page.getByTestId('presence').getByTestId('peer');
	await expect(peers.filter({ hasText: '陈检查' })).toHaveCount(1);
	await expect(peers.filter({ hasText: reviewer.name })).toHaveCount(1); // the reviewer, on this device

	// The administrator renames the checker in the organisation (their account keeps its name):
	// presence and every record follow the organisation, live.
	await township.editOrganisation((org) => org.updatePerson(checker.id, { name: '陈国强' }));
	await expect(peers.filter({ hasText: '陈国强' })).toHaveCount(1);
	await expect(peers.filter({ hasText: '陈检查' })).toHaveCount(0);
	await page.getByTestId('tab-ledger').click();
	const villageRow = page.getByTestId('ledger').locator(`tr[data-finding="${findingId}"]`);
	await expect(villageRow).toContainText('陈国强');
	await villageRow.getByRole('button').click();
	await expect(page.getByTestId('finding').locator('dl')).toContainText(/陈国强 于 .+ 发现/);
	await expect(page.getByTestId('finding').getByTestId('comments').locator('.who')).toContainText('陈国强');

	for (const client of clients) client.destroy();
	township.close();
	await context.close();
});
