import { expect, test } from '@playwright/test';
import { addHousehold, createDossier, expectSynced, goOffline, goOnline, signIn, townshipOnce, waitForServiceWorker } from './helpers';

const town = townshipOnce('账号乡');

test('a wrong password is refused in Chinese; a cadre signed in once works offline, and the edit is theirs when it syncs', async ({ page, context }) => {
	const { township, groupId } = await town();
	const cadre = await township.createUser({ name: '孙干部', groupId });
	await page.goto('/');
	const form = page.getByTestId('sign-in');
	await form.locator('input[name="username"]').fill(cadre.username);
	await form.locator('input[name="password"]').fill('not-the-password');
	await form.getByRole('button', { name: '登录' }).click();
	await expect(form.getByRole('alert')).toHaveText('用户名或密码不对');

	await signIn(page, cadre);
	const id = await createDossier(page, '离线村');
	await addHousehold(page, '周七', 'monitored');
	await expectSynced(page);
	await waitForServiceWorker(page);

	// No signal: the app still opens, signed in, and the cadre keeps working.
	await goOffline(context);
	await page.reload();
	await expect(page.getByTestId('signed-in-as')).toHaveText('孙干部');
	await page.getByTestId('households').getByText('周七').click();
	await page.locator('[data-question="phone"] input').fill('13703190007');
	await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'offline');
	await goOnline(context);
	await expectSynced(page);
	const history = await township.api(cadre, `/api/dossiers/${id}/history?household=${await householdId(page, '周七')}&key=card:phone`);
	const { entries } = (await history.json()) as { entries: { user: { name: string }; device: string; value: unknown }[] };
	expect(entries.map((e) => [e.user.name, e.value])).toEqual([['孙干部', '13703190007']]);
});

test('when a session ends the app asks to sign in again, and loses no edit made meanwhile', async ({ page, browser }) => {
	const { township, groupId } = await town();
	const cadre = await township.createUser({ name: '吴干部', groupId });
	await signIn(page, cadre);
	const id = await createDossier(page, '过期村');
	await addHousehold(page, '郑八', 'lifted');
	await expectSynced(page);

	// The cadre changes the password on another device: every other session ends at once.
	const elsewhere = await township.signIn(cadre.username, cadre.password, cadre.name);
	expect((await township.api(elsewhere, '/api/password', { body: { current: cadre.password, next: 'a-brand-new-one' } })).status).toBe(204);
	await expect(page.getByTestId('sign-in')).toContainText('登录已过期，请重新登录');

	// Work goes on meanwhile; it waits on this device.
	await page.getByTestId('households').getByText('郑八').click();
	await page.locator('[data-question="note"] input').fill('过期后填写');
	await expect(page.getByTestId('sync-status')).not.toHaveAttribute('data-state', 'synced');

	const banner = page.getByTestId('sign-in');
	await banner.locator('input[name="password"]').fill('a-brand-new-one');
	await banner.getByRole('button', { name: '登录' }).click();
	await expect(banner).toHaveCount(0);
	await expectSynced(page);

	// A colleague sees the edit made while signed out.
	const other = await browser.newContext();
	const colleague = await other.newPage();
	await signIn(colleague, await township.createUser({ name: '郑干部', groupId }));
	await colleague.goto(`/d/${id}`);
	await colleague.getByTestId('households').getByText('郑八').click();
	await expect(colleague.locator('[data-question="note"] input')).toHaveValue('过期后填写');
	await other.close();
});

test('script and HTML typed into names, answers and comments show as text', async ({ page }) => {
	const { township, groupId } = await town();
	await signIn(page, await township.createUser({ name: '<b>钱</b>干部', groupId }));
	let dialogs = 0;
	page.on('dialog', (d) => {
		dialogs++;
		void d.dismiss();
	});
	await createDossier(page, '<img src=x onerror=alert(1)>村');
	const head = '<script>alert("户主")</script>';
	await addHousehold(page, head, 'ordinary');
	await page.getByTestId('households').getByText(head).click();
	await page.locator('[data-question="note"] input').fill('"><svg onload=alert(2)>');
	const strip = page.getByTestId('household-review');
	await strip.getByTestId('open-comments').click();
	await strip.getByTestId('comments').locator('textarea').fill('<iframe src="javascript:alert(3)"></iframe>');
	await strip.getByTestId('comments').getByRole('button', { name: '发送' }).click();
	await expect(strip.getByTestId('comments')).toContainText('<iframe src="javascript:alert(3)"></iframe>');
	await expect(page.getByTestId('dossier-title')).toContainText('<img src=x onerror=alert(1)>村');
	await expect(page.getByTestId('signed-in-as')).toHaveText('<b>钱</b>干部');
	await expect(page.locator('main img[src="x"], main svg[onload], main iframe, main b')).toHaveCount(0);
	await page.reload();
	await page.getByTestId('households').getByText(head).click();
	expect(dialogs).toBe(0);
});

/** The id of a household, from its button in the list. */
async function householdId(page: import('@playwright/test').Page, head: string): Promise<string> {
	return (await page.getByTestId('households').locator('button', { hasText: head }).getAttribute('data-household'))!;
}

test('changes one person left unsynced on a device wait for them: a colleague cannot sign in over them', async ({ page, context }) => {
	const { township, groupId } = await town();
	const first = await township.createUser({ name: '冯干部', groupId });
	const second = await township.createUser({ name: '陈干部', groupId });
	await signIn(page, first);
	const id = await createDossier(page, '共用村');
	await addHousehold(page, '杨九', 'ordinary');
	await expectSynced(page);
	await goOffline(context);
	await page.getByTestId('households').getByText('杨九').click();
	await page.locator('[data-question="note"] input').fill('冯干部离线填写');
	await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'offline');
	await page.getByRole('button', { name: '退出登录' }).click();
	await expect(page.getByTestId('sign-in')).toBeVisible();
	await goOnline(context);

	const form = page.getByTestId('sign-in');
	await form.locator('input[name="username"]').fill(second.username);
	await form.locator('input[name="password"]').fill(second.password);
	await form.getByRole('button', { name: '登录' }).click();
	await expect(form.getByRole('alert')).toHaveText('本设备上有 冯干部 尚未同步的修改。请 冯干部 先登录同步，以免记到别人名下。');

	await signIn(page, first);
	await page.goto(`/d/${id}`);
	await expectSynced(page);
	const history = await township.api(first, `/api/dossiers/${id}/history?household=${await householdId(page, '杨九')}&key=card:note`);
	expect(((await history.json()) as { entries: { user: { name: string } }[] }).entries.map((e) => e.user.name)).toEqual(['冯干部']);
	// Synced, the device is free for the colleague (once the sign-out has been recorded: leaving
	// the page before that would reopen it signed in).
	await page.getByRole('button', { name: '退出登录' }).click();
	await expect(page.getByTestId('sign-in')).toBeVisible();
	await signIn(page, second);
});

test('another person signing in on a shared device does not find the first person’s dossiers on it', async ({ page }) => {
	const { township, groupId } = await town();
	const first = await township.createUser({ name: '韩干部', groupId });
	const other = await township.createGroup('另一组');
	const second = await township.createUser({ name: '魏干部', groupId: other });
	await signIn(page, first);
	const id = await createDossier(page, '韩家村');
	await addHousehold(page, '韩十', 'ordinary');
	await expectSynced(page);
	const databases = () => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
	expect(await databases()).toContain(`dangka-dossier-${id}`);
	await page.getByRole('button', { name: '退出登录' }).click();
	await expect(page.getByTestId('sign-in')).toBeVisible();

	await signIn(page, second);
	expect(await databases()).not.toContain(`dangka-dossier-${id}`);
	await createDossier(page, '魏家村');
	await page.goto('/');
	await expect(page.getByText('魏家村').first()).toBeVisible();
	await expect(page.getByText('韩家村')).toHaveCount(0);
	// The first person, back, syncs their dossier again.
	await page.getByRole('button', { name: '退出登录' }).click();
	await expect(page.getByTestId('sign-in')).toBeVisible();
	await signIn(page, first);
	await page.goto(`/d/${id}`);
	await expect(page.getByTestId('households').getByText('韩十')).toBeVisible();
});
