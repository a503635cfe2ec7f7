/**
 * The built app, the real server and Chromium, as the browser benchmarks use them: the server
 * serving `build/` with one village and a cadre of its keeping group, and a browser launched with
 * the machine's flags. `signIn` signs the cadre in on a page, as they would.
 */
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startServer, type ServerProcess } from '../tests/server/harness';
import type { TestUser } from '../tests/support/township';

const ROOT = resolve(import.meta.dirname, '../..');

export interface AppInChromium {
	server: ServerProcess;
	browser: Browser;
	dossierId: string;
	user: TestUser;
	signIn(page: Page): Promise<void>;
	close(): Promise<void>;
}

export async function appInChromium(dossierId: string, cadre: string): Promise<AppInChromium> {
	const server = await startServer({ env: { STATIC_DIR: join(ROOT, 'build') } });
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
	});
	await server.addVillage(dossierId);
	const user = await server.createUser({ name: cadre });
	return {
		server,
		browser,
		dossierId,
		user,
		async signIn(page) {
			const form = page.getByTestId('sign-in');
			await form.locator('input[name="username"]').fill(user.username);
			await form.locator('input[name="password"]').fill(user.password);
			await form.getByRole('button', { name: '登录' }).click();
			await page.getByTestId('signed-in-as').waitFor();
		},
		async close() {
			await browser.close();
			await server.dispose();
		}
	};
}
