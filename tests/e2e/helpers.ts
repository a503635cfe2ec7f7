import { expect, type BrowserContext, type Locator, type Page, type Route } from '@playwright/test';
import { Township, type TestUser } from '../support/township';

/** The e2e server's address (playwright.config.ts starts it there). */
export function serverURL(): string {
	return `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}`;
}

/** One township per test file, made on first use. */
export function townshipOnce(name: string): () => Promise<{ township: Township; groupId: string }> {
	let made: Promise<{ township: Township; groupId: string }> | null = null;
	return () => (made ??= newTownship(serverURL(), name));
}

/**
 * A township of its own for a test (made with the admin command line in the e2e server's data
 * folder, as a deployment makes its first), with one responsibility group to start with.
 */
export async function newTownship(baseURL: string | undefined, name: string): Promise<{ township: Township; groupId: string }> {
	const township = await Township.create(baseURL!, process.env.E2E_DATA_DIR!, name);
	const groupId = await township.createGroup(`${name}第一组`);
	return { township, groupId };
}

/** Signs a page in as a user, through the sign-in form. */
export async function signIn(page: Page, user: TestUser) {
	await page.goto('/');
	const form = page.getByTestId('sign-in');
	await form.locator('input[name="username"]').fill(user.username);
	await form.locator('input[name="password"]').fill(user.password);
	await form.getByRole('button', { name: '登录' }).click();
	await expect(page.getByTestId('signed-in-as')).toHaveText(user.name);
}

/** A cadre of a group with an account, signed in on the page. */
export async function signInCadre(page: Page, township: Township, name: string, groupId: string | null): Promise<TestUser> {
	const user = await township.createUser({ name, groupId });
	await signIn(page, user);
	return user;
}

/** Creates a dossier in the signed-in cadre's township (it joins their group's villages). */
export async function createDossier(page: Page, village: string): Promise<string> {
	await page.goto('/');
	await page.locator('input[name="village"]').fill(village);
	await page.getByRole('button', { name: '创建' }).click();
	await page.waitForURL(/\/d\/[A-Za-z0-9_-]+$/);
	await expect(page.getByTestId('dossier-title')).toContainText(village);
	return new URL(page.url()).pathname.split('/').pop()!;
}

export async function addHousehold(page: Page, head: string, type: 'ordinary' | 'lifted' | 'monitored' = 'ordinary') {
	await page.getByTestId('new-head').fill(head);
	await page.getByTestId('new-type').selectOption(type);
	await page.getByRole('button', { name: '添加', exact: true }).click();
	await expect(page.getByTestId('households').getByText(head, { exact: true })).toBeVisible();
}

export async function syncState(page: Page) {
	return page.getByTestId('sync-status').getAttribute('data-state');
}

export async function expectSynced(page: Page) {
	await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced', { timeout: 15_000 });
}

const abortServiceWorker = (route: Route) =>
	route.request().serviceWorker() ? route.abort('internetdisconnected') : route.continue();

/**
 * Cuts the context off: page requests fail (setOffline), and so do the service worker's, which
 * setOffline alone does not cover. Open websockets are not cut by Chromium's emulation; the app
 * closes its own on the 'offline' event, which is what this checks.
 */
export async function goOffline(context: BrowserContext) {
	await context.setOffline(true);
	await context.route('**', abortServiceWorker);
}

export async function goOnline(context: BrowserContext) {
	await context.unroute('**', abortServiceWorker);
	await context.setOffline(false);
}

/**
 * Waits until the service worker controls the page, i.e. the shell is precached. The predicate
 * must be synchronous: waitForFunction takes a returned promise as a truthy value. A page that
 * loaded while the first worker was still activating is not claimed by it; a reload puts it under
 * the worker's control.
 */
export async function waitForServiceWorker(page: Page) {
	const controlled = () => !!navigator.serviceWorker.controller;
	try {
		await page.waitForFunction(controlled, undefined, { timeout: 5_000 });
	} catch {
		await page.reload();
		await page.waitForFunction(controlled, undefined, { timeout: 20_000 });
	}
}

/** Draws a short stroke on the signature pad on screen. */
export async function drawSignature(page: Page) {
	const pad = page.getByTestId('signature-pad').locator('canvas');
	await pad.scrollIntoViewIfNeeded();
	const box = (await pad.boundingBox())!;
	await page.mouse.move(box.x + 20, box.y + box.height / 2);
	await page.mouse.down();
	for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + 20 + i * 20, box.y + box.height / 2 + (i % 2 ? 15 : -15));
	await page.mouse.up();
}

/**
 * Answers 否 to every yes/no question of a form still unanswered, and the month it was screened:
 * a form is signed only when complete. Answers can show follow-up questions, so it goes round
 * until none is left.
 */
export async function answerTheRest(form: Locator) {
	for (let round = 0; round < 5; round++) {
		const ids = await form
			.locator('[data-question]:has(> [role="radiogroup"]:not(:has([aria-checked="true"])))')
			.evaluateAll((fields) => fields.map((f) => f.getAttribute('data-question')!));
		if (ids.length === 0) break;
		for (const id of ids) {
			const no = form.locator(`[data-question="${id}"]`).getByRole('radio', { name: '否', exact: true });
			await no.click();
			await expect(no).toHaveAttribute('aria-checked', 'true');
		}
	}
	const month = form.locator('[data-question="surveyed_on"] input');
	if ((await month.count()) > 0 && !(await month.inputValue())) await month.fill('2022-08-06');
}

/** Answers what is left of 附件1 on screen (answerTheRest) and signs it as 排查人员. */
export async function signScreening(page: Page) {
	await page.getByTestId('tab-screening').click();
	await answerTheRest(page.locator('.form[data-template="household-screening-2022"]'));
	const signature = page.getByTestId('signature');
	await signature.getByRole('button', { name: '签字' }).click();
	await drawSignature(page);
	await signature.getByRole('button', { name: '确认签字' }).click();
	await expect(signature).toHaveAttribute('data-status', 'signed');
}
