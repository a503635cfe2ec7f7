/**
 * 户档审核 (issue 14, point 2): every household's record is reviewed. The keeping group submits it,
 * a township reviewer sends it back with a reason per question, the cadre corrects and submits
 * again, the reviewer sees what changed since (who, when) and approves it with a signature; an
 * edit after that reopens it, visibly.
 */
import { expect, test, type Page } from '@playwright/test';
import { addHousehold, createDossier, drawSignature, expectSynced, signIn, signScreening } from './helpers';
import { crossCheckTownship } from './orgFixture';

/** Fills 马六's card, income sheet and 附件1 and signs it: a record ready for review. */
async function fillAndSign(page: Page) {
	await page.getByTestId('households').getByText('马六').click();
	await page.getByTestId('add-members').click();
	const member = page.locator('[data-group="members"] [data-row]').last();
	await member.locator('[data-question="name"] input').fill('马六');
	await member.locator('[data-question="resident"]').getByRole('radio', { name: '是' }).click();
	await page.getByTestId('tab-income').click();
	await page.getByTestId('add-lines').click();
	const line = page.locator('[data-group="lines"] [data-row]').last();
	await line.locator('[data-question="category"] select').selectOption('wage');
	await line.locator('[data-question="amount"] input').fill('800');
	await signScreening(page);
}

test('a reviewer sends a household back with a reason per question, and approves it with a signature after the correction', async ({ browser, baseURL }) => {
	test.setTimeout(150_000);
	const town = await crossCheckTownship(baseURL, '审核镇', { cadre: '吴干部', checker: '郑检查', reviewer: '钱审核' });
	const { cadre, reviewer } = town.people;

	// The cadre at the office fills the record in and submits it.
	const office = await (await browser.newContext()).newPage();
	await signIn(office, cadre);
	await createDossier(office, '东坡村');
	await addHousehold(office, '马六', 'monitored');
	const panel = office.getByTestId('record-review');
	await expect(panel).toHaveAttribute('data-state', 'draft');
	await expect(panel).toContainText('待填');
	await expect(office.getByTestId('record-submit')).toHaveCount(0);
	await fillAndSign(office);
	await expect(panel).toHaveAttribute('data-state', 'filled');
	await office.getByTestId('record-submit').click();
	await expect(panel).toHaveAttribute('data-state', 'submitted');
	await expect(panel).toContainText('待审');
	await expectSynced(office);

	// The township reviewer, on a phone: the record waits in 我的工作 and opens in view.
	const phone = await (await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true })).newPage();
	await signIn(phone, reviewer);
	const waiting = phone.getByTestId('my-work').locator('[data-kind="recordToReview"]');
	await expect(waiting).toContainText('户档待审核：马六');
	await waiting.getByRole('link').click();
	const review = phone.getByTestId('record-review');
	await expect(review).toHaveAttribute('data-state', 'submitted');
	// The first review lists the whole record.
	await expect(review.getByTestId('record-changes')).toContainText('首次审核');
	await expect(review.getByTestId('record-change').filter({ hasText: '户主姓名' })).toContainText('马六');

	// Back, with a reason for each of two questions.
	await review.getByTestId('record-return').click();
	const rows = review.getByTestId('record-reason-row');
	await rows.nth(0).locator('select').selectOption('card:phone');
	await rows.nth(0).locator('input').fill('请补填户主联系电话');
	await review.getByTestId('record-add-reason').click();
	await rows.nth(1).locator('select').selectOption('card:group');
	await rows.nth(1).locator('input').fill('村民组未填');
	await review.getByTestId('record-return-confirm').click();
	await expect(review).toHaveAttribute('data-state', 'returned');
	await expect(review.getByTestId('record-reasons')).toContainText('联系电话：请补填户主联系电话');
	await expectSynced(phone);

	// The cadre is told, with the reasons, and lands on the first question asked about.
	await office.goto('/');
	const returned = office.getByTestId('my-work').locator('[data-kind="recordReturned"]');
	await expect(returned).toContainText('户档被退回，需更正：马六');
	await expect(returned).toContainText('请补填户主联系电话；村民组未填');
	await returned.getByRole('link').click();
	const phoneField = office.locator('[data-question="phone"]');
	await expect(phoneField).toBeInViewport();
	await expect(office.getByTestId('returned-reason').filter({ hasText: '退回意见：请补填户主联系电话' })).toBeVisible();
	await expect(office.getByTestId('returned-reason').filter({ hasText: '退回意见：村民组未填' })).toBeVisible();
	await phoneField.locator('input').fill('13800000000');
	await office.locator('[data-question="group"] input').fill('三组');
	await office.locator('[data-question="group"] input').blur();
	const corrected = office.getByTestId('record-review');
	await corrected.getByTestId('record-submit').click();
	await expect(corrected).toHaveAttribute('data-state', 'corrected');
	await expectSynced(office);

	// The reviewer sees only what changed since the return, who changed it and when, and approves.
	await expect(review).toHaveAttribute('data-state', 'corrected');
	const changes = review.getByTestId('record-change');
	await expect(changes).toHaveCount(2);
	await expect(changes.filter({ hasText: '联系电话' })).toContainText('13800000000');
	await expect(changes.filter({ hasText: '联系电话' })).toContainText('吴干部');
	await expect(changes.filter({ hasText: '村民组' })).toContainText('三组');
	await review.getByTestId('record-approve').click();
	await drawSignature(phone);
	await phone.getByRole('button', { name: '签字审定' }).click();
	await expect(review).toHaveAttribute('data-state', 'approved');
	await expect(review.getByTestId('record-approved')).toContainText('钱审核 于');
	await expectSynced(phone);
	// The statistics count it as reviewed (已审定): households, visited, checked, reviewed.
	const stats = await (await browser.newContext()).newPage();
	await signIn(stats, reviewer);
	await stats.goto('/stats');
	const villageRow = stats.getByTestId('stats-table-villageWork').locator('tr[data-row="total"] td');
	await expect(villageRow.nth(2)).toHaveText('1');
	await expect(villageRow.nth(5)).toHaveText('1');

	// An edit after 审定 reopens the review, visibly, and puts the record back on the cadre's list.
	await expect(corrected).toHaveAttribute('data-state', 'approved');
	await office.locator('[data-question="note"] input').fill('已核实');
	await office.locator('[data-question="note"] input').blur();
	await expect(corrected).toHaveAttribute('data-state', 'reopened');
	await expect(corrected).toContainText('审定后已修改');
	await expectSynced(office);
	await expect(villageRow.nth(5)).toHaveText('0');
	await office.goto('/');
	await expect(office.getByTestId('my-work').locator('[data-kind="recordReopened"]')).toContainText('马六');
});
