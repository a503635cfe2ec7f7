import { expect, type BrowserContext, type Page, type Route } from '@playwright/test';

export async function setName(page: Page, name: string) {
	const input = page.getByTestId('user-name');
	await input.fill(name);
	await input.press('Enter');
	await input.blur();
}

export async function createDossier(page: Page, township: string, village: string): Promise<string> {
	await page.goto('/');
	await page.locator('input[name="township"]').fill(township);
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

/** Chooses the township this device works in, from the picker on the dossier list. */
export async function chooseTownship(page: Page, name: string) {
	await page.goto('/');
	const picker = page.getByTestId('township-picker');
	await picker.getByRole('button', { name, exact: true }).click();
	await expect(page.getByTestId('current-township')).toHaveText(name);
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
