import { expect, test, type Page } from '@playwright/test';
import { addHousehold, createDossier, drawSignature, expectSynced, goOffline, goOnline, signIn, waitForServiceWorker } from './helpers';
import { crossCheckTownship, startRound } from './orgFixture';

const totals = (page: Page) => page.getByTestId('ledger-totals');

test('a checker raises and signs a finding, the group rectifies it, a reviewer returns it and then closes it', async ({ browser, baseURL }) => {
	test.setTimeout(120_000);
	const [cadreCtx, checkerCtx, reviewerCtx] = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
	const cadre = await cadreCtx.newPage();
	const checker = await checkerCtx.newPage();
	const reviewer = await reviewerCtx.newPage();

	// The keeping group's cadre has the village's dossier, a household, and its screening form,
	// where a problem answer is already written down.
	const town = await crossCheckTownship(baseURL, '洺州镇', { cadre: '王干部', checker: '赵检查', reviewer: '李审核' });
	await signIn(cadre, town.people.cadre);
	const id = await createDossier(cadre, '北关村');
	await addHousehold(cadre, '刘大', 'lifted');
	await cadre.getByTestId('households').getByText('刘大').click();
	await cadre.getByTestId('tab-screening').click();
	await cadre.locator('[data-question="s2_unsafe"]').getByRole('radio', { name: '是' }).click();
	await cadre.locator('[data-section="s2_housing"] .describe textarea').fill('屋顶漏雨，墙体开裂');
	await expectSynced(cadre);
	await waitForServiceWorker(cadre);

	const roundId = await startRound(town, id, '第一轮推磨互查');
	await cadre.goto(`/d/${id}`);
	await cadre.getByTestId('households').getByText('刘大').click();
	await cadre.getByTestId('tab-screening').click();

	// The checking group's member opens the village they check this round, from the dossier list.
	await signIn(checker, town.people.checker);
	await checker.getByTestId('my-work').getByTestId('my-check').filter({ hasText: '北关村' }).click();
	await expect(checker).toHaveURL(new RegExp(`/d/${id}$`));
	await checker.getByTestId('households').getByText('刘大').click();
	await checker.getByTestId('tab-screening').click();
	// A checker reads the answers and cannot change them: no new households, no answering.
	await expect(checker.getByTestId('new-head')).toHaveCount(0);
	await expect(checker.locator('[data-question="s2_unsafe"]').getByRole('radio', { name: '是' })).toBeDisabled();
	await expect(checker.locator('[data-question="s2_unsafe"]').getByRole('radio', { name: '是' })).toHaveAttribute('aria-checked', 'true');
	const unsafeReview = checker.locator('[data-section="s2_housing"] [data-testid="question-review"]').first();
	// Who answered what, and when, is on record: the cadre set this answer.
	await unsafeReview.getByTestId('open-history').click();
	await expect(unsafeReview.getByTestId('answer-history')).toContainText('王干部');
	await expect(unsafeReview.getByTestId('answer-history').locator('li')).toHaveCount(1);
	await expect(unsafeReview.getByTestId('answer-history').locator('li')).toContainText('是');
	// The problem answer proposes a finding in one tap, prefilled from the form.
	await unsafeReview.getByTestId('propose-finding').click();
	const raise = checker.getByTestId('raise-finding');
	await expect(raise.locator('select[name="category"]')).toHaveValue('s2_housing');
	await expect(raise.locator('textarea[name="description"]')).toHaveValue('屋顶漏雨，墙体开裂');
	await raise.locator('textarea[name="description"]').fill('屋顶漏雨，墙体开裂，未做危房鉴定');
	await raise.getByRole('button', { name: '检查人确认签字' }).click();
	await drawSignature(checker);
	await checker.getByRole('button', { name: '签字并登记' }).click();
	const raised = checker.getByTestId('finding');
	await expect(raised).toHaveAttribute('data-state', 'open');
	await expect(raised).toContainText('赵检查 于');
	// A cross-checker's finding comes from the round: nothing to choose.
	await expect(raised.getByTestId('finding-source')).toHaveText('本轮互查');
	await expect(raised.locator('.signed img')).toBeVisible();
	// The form question now carries the finding's marker; the checker may not rectify it.
	await expect(unsafeReview.getByTestId('finding-marker')).toHaveAttribute('data-state', 'open');
	await expect(raised.getByTestId('finding-actions')).not.toContainText('提交整改');
	await expectSynced(checker);
	await raised.getByRole('button', { name: '关闭' }).click();

	// The cadre sees it live: on the question, and in the village ledger.
	const cadreMarker = cadre.locator('[data-section="s2_housing"] [data-testid="question-review"]').first().getByTestId('finding-marker');
	await expect(cadreMarker).toHaveAttribute('data-state', 'open');
	await cadre.getByTestId('tab-ledger').click();
	const row = cadre.getByTestId('ledger').locator('tr[data-finding]');
	await expect(row).toHaveCount(1);
	await expect(row).toContainText('屋顶漏雨，墙体开裂，未做危房鉴定');
	await expect(row).toContainText('赵检查');
	await row.getByRole('button').click();
	const panel = cadre.getByTestId('finding');
	// A rectification without a measure is refused, with the reason.
	await panel.getByRole('button', { name: '提交整改' }).click();
	await panel.locator('form').getByRole('button', { name: '提交整改' }).click();
	await expect(panel.getByTestId('refusal')).toHaveText('请填写整改措施');
	await panel.locator('textarea[name="measure"]').fill('已申请危房鉴定，屋顶已修补');
	await panel.locator('form').getByRole('button', { name: '提交整改' }).click();
	await expect(panel).toHaveAttribute('data-state', 'submitted');
	// Submitted is awaiting review, not yet rectified: only a reviewer's acceptance counts.
	await expect(totals(cadre)).toHaveAttribute('data-awaiting', '1');
	await expect(totals(cadre)).toHaveAttribute('data-rectified', '0');

	// The reviewer works from the township ledger: returns it, and says why in a comment.
	await signIn(reviewer, town.people.reviewer);
	await reviewer.goto('/ledger');
	const reviewRow = reviewer.getByTestId('ledger').locator('tr[data-finding]');
	await expect(reviewRow).toHaveAttribute('data-state', 'submitted');
	await expect(totals(reviewer)).toHaveAttribute('data-found', '1');
	await reviewRow.getByRole('button').click();
	const reviewPanel = reviewer.getByTestId('finding');
	await expect(reviewPanel).toContainText('已申请危房鉴定，屋顶已修补');
	// Reviewers read the village but do not fill it in.
	await reviewer.goto(`/d/${id}`);
	await expect(reviewer.getByTestId('new-head')).toHaveCount(0);
	await reviewer.goto('/ledger');
	await reviewRow.getByRole('button').click();
	await reviewPanel.getByRole('button', { name: '退回' }).click();
	await reviewPanel.locator('textarea[name="reason"]').fill('未见鉴定报告');
	await reviewPanel.locator('form').getByRole('button', { name: '退回' }).click();
	// The reviewer signs a return, as the checker signed the finding.
	await drawSignature(reviewer);
	await reviewPanel.getByRole('button', { name: '签字并退回' }).click();
	await expect(reviewPanel).toHaveAttribute('data-state', 'returned');
	await reviewPanel.getByTestId('comments').locator('textarea').fill('@王干部 请上传危房鉴定报告的照片');
	await reviewPanel.getByTestId('comments').getByRole('button', { name: '发送' }).click();
	await expect(reviewPanel.getByTestId('comments')).toContainText('提到：王干部');

	// The checker, elsewhere in the village, is told of the comment as unread until they look.
	await expect(checker.getByTestId('tab-ledger')).toContainText('1 条未读');
	await checker.getByTestId('tab-ledger').click();
	const unread = checker.getByTestId('unread-threads');
	await expect(unread).toContainText('屋顶漏雨，墙体开裂，未做危房鉴定');
	await expect(unread).toContainText('李审核：@王干部 请上传危房鉴定报告的照片');
	await unread.getByRole('button', { name: '屋顶漏雨，墙体开裂，未做危房鉴定' }).click();
	await expect(checker.getByTestId('finding')).toHaveAttribute('data-state', 'returned');
	await expect(unread).toHaveCount(0);
	await expect(checker.getByTestId('tab-ledger')).not.toContainText('未读');

	// The cadre sees the return and the comment live, the reason first, above everything else of
	// the finding; then loses the signal and carries on.
	await expect(panel).toHaveAttribute('data-state', 'returned');
	await expect(panel.getByTestId('returned-reason')).toContainText('已退回，理由：未见鉴定报告');
	const reasonTop = (await panel.getByTestId('returned-reason').boundingBox())!.y;
	const descriptionTop = (await panel.locator('.description').boundingBox())!.y;
	expect(reasonTop).toBeLessThan(descriptionTop);
	await expect(panel).toContainText('李审核 退回：未见鉴定报告');
	await expect(panel.getByTestId('comments')).toContainText('请上传危房鉴定报告的照片');
	await goOffline(cadreCtx);
	await expect(cadre.getByTestId('sync-status')).toHaveAttribute('data-state', 'offline');
	await panel.getByRole('button', { name: '提交整改' }).click();
	await panel.locator('textarea[name="measure"]').fill('鉴定为C级，已加固屋顶，鉴定报告已存档');
	await panel.locator('form').getByRole('button', { name: '提交整改' }).click();
	await expect(panel).toHaveAttribute('data-state', 'submitted');
	await panel.getByTestId('comments').locator('textarea').fill('已补充，请审核');
	await panel.getByTestId('comments').getByRole('button', { name: '发送' }).click();
	await expect(cadre.getByTestId('sync-status')).toContainText('离线');
	// The reviewer has not seen it yet.
	await expect(reviewPanel).toHaveAttribute('data-state', 'returned');

	// Back online: the queued rectification and comment merge, and the reviewer closes it.
	await goOnline(cadreCtx);
	await expectSynced(cadre);
	await expect(reviewPanel).toHaveAttribute('data-state', 'submitted');
	await expect(reviewPanel.getByTestId('comments')).toContainText('已补充，请审核');
	await expect(reviewPanel.getByTestId('comments').locator('li.unseen')).toHaveCount(0);
	await reviewPanel.getByRole('button', { name: '销号' }).click();
	await expect(reviewPanel).toContainText('确认整改措施已落实：“鉴定为C级，已加固屋顶，鉴定报告已存档”');
	await expect(reviewPanel.getByRole('button', { name: '确认销号' })).toBeDisabled();
	await drawSignature(reviewer);
	await reviewPanel.getByRole('button', { name: '确认销号' }).click();
	await expect(reviewPanel).toHaveAttribute('data-state', 'closed');
	await expect(reviewPanel.getByTestId('finding-history').locator('img.step-signature')).toHaveCount(2);
	await expect(reviewPanel).toContainText('李审核 销号');

	// Every step is in the history, for everyone; the ledger and the round's totals show the close.
	await expect(panel).toHaveAttribute('data-state', 'closed');
	await expect(panel.getByTestId('finding-history').locator('li')).toHaveCount(4);
	await expect(totals(reviewer)).toHaveAttribute('data-closed', '1');
	await expect(reviewer.getByTestId('group-accountability').locator(`tr[data-group="${town.groups.checker}"] [data-testid="raised"]`)).toContainText('1 条（0 条未销号');
	await reviewer.goto(`/rounds/${roundId}`);
	await expect(reviewer.getByTestId('round-totals')).toHaveText('查找出问题 1 条，已整改 1 条，已销号 1 条，待审核 0 条，超期 0 条');
	await expect(reviewer.getByTestId('rotation-ok')).toBeVisible();

	// The checker, who raised it, never had a close button; the finding reads closed there too.
	await expect(checker.getByTestId('finding')).toHaveAttribute('data-state', 'closed');
	await expect(checker.getByTestId('finding').getByRole('button', { name: '销号' })).toHaveCount(0);

	await Promise.all([cadreCtx.close(), checkerCtx.close(), reviewerCtx.close()]);
});

test('a reviewer who found a problem on a household cannot close it, and is told why', async ({ browser, baseURL }) => {
	const [cadreCtx, reviewerCtx] = await Promise.all([browser.newContext(), browser.newContext()]);
	const cadre = await cadreCtx.newPage();
	const reviewer = await reviewerCtx.newPage();
	const town = await crossCheckTownship(baseURL, '郑庵镇', { cadre: '孙干部', checker: '周检查', reviewer: '吴审核' });
	await signIn(cadre, town.people.cadre);
	const id = await createDossier(cadre, '彦张村');
	await addHousehold(cadre, '何先程', 'lifted');
	await expectSynced(cadre);

	// The reviewer records a problem with the household as a whole (not one question), and signs it.
	await signIn(reviewer, town.people.reviewer);
	await reviewer.goto(`/d/${id}`);
	await reviewer.getByTestId('households').getByText('何先程').click();
	await reviewer.getByTestId('household-review').getByTestId('propose-finding').click();
	const raise = reviewer.getByTestId('raise-finding');
	await expect(raise.locator('select[name="category"]')).toHaveValue('other');
	await raise.locator('textarea[name="description"]').fill('明白卡未张贴，户主不知道帮扶责任人');
	await raise.getByRole('button', { name: '检查人确认签字' }).click();
	await drawSignature(reviewer);
	await reviewer.getByRole('button', { name: '签字并登记' }).click();
	const found = reviewer.getByTestId('household-review').getByTestId('finding');
	await expect(found).toContainText('乡镇审核');

	// The keeping group rectifies it.
	await cadre.goto(`/d/${id}`);
	await cadre.getByTestId('tab-ledger').click();
	await cadre.getByTestId('ledger').locator('tr[data-finding]').getByRole('button').click();
	const panel = cadre.getByTestId('finding');
	await panel.getByRole('button', { name: '提交整改' }).click();
	await panel.locator('textarea[name="measure"]').fill('已张贴明白卡并讲解');
	await panel.locator('form').getByRole('button', { name: '提交整改' }).click();

	// The reviewer who found it may return it but not close it, and is told why.
	await expect(found).toHaveAttribute('data-state', 'submitted');
	await expect(found.getByRole('button', { name: '销号' })).toHaveCount(0);
	await expect(found.getByRole('button', { name: '退回' })).toBeVisible();
	await expect(found.getByTestId('withheld')).toHaveText('不能销号自己发现或签字确认的问题');

	await Promise.all([cadreCtx.close(), reviewerCtx.close()]);
});
