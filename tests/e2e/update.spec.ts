import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addHousehold, createDossier, signInCadre, waitForServiceWorker } from './helpers';
import { Township } from '../support/township';

/**
 * A new release must never cost a pending edit: the prompt appears, and accepting it first waits
 * for the open dossier's edits to be on disk, then reloads into the new version.
 * This test serves its own copy of the build so it can publish a "new version" mid-test.
 */
test('accepting an update keeps the edits made before it', async ({ browser }) => {
	// Two server starts, a service worker install and a reload into the new version: more than
	// the default minute on a busy two-core machine.
	test.setTimeout(120_000);
	const dir = mkdtempSync(join(tmpdir(), 'dangka-update-'));
	const staticDir = join(dir, 'build');
	cpSync('build', staticDir, { recursive: true });
	// Not 4190: that is on the fetch standard's list of blocked ports.
	const port = 4275;
	const base = `http://127.0.0.1:${port}`;
	let log = '';
	const startServer = async () => {
		const child = spawn(process.execPath, ['dist/server/index.js'], {
			env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: join(dir, 'data'), STATIC_DIR: staticDir, LOG_LEVEL: 'warn' },
			stdio: ['ignore', 'ignore', 'pipe']
		});
		child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
		for (let i = 0; ; i++) {
			const status = (await fetch(`${base}/api/health`).catch(() => null))?.status;
			if (status === 200) return child;
			if (i > 150) throw new Error(`update test server did not start:\n${log}`);
			await new Promise((r) => setTimeout(r, 100));
		}
	};
	let server = await startServer();
	try {
		const township = await Township.create(base, join(dir, 'data'), '南关乡');
		const groupId = await township.createGroup('第一组');
		const context = await browser.newContext({ baseURL: base });
		const page = await context.newPage();
		await signInCadre(page, township, '周干部', groupId);
		await createDossier(page, '南关村');
		await waitForServiceWorker(page);
		await addHousehold(page, '更新前', 'lifted');

		// Deploy a new version: a changed worker script, served by a restarted server.
		server.kill('SIGTERM');
		await new Promise((r) => server.once('exit', r));
		const worker = join(staticDir, 'service-worker.js');
		appendFileSync(worker, '\n// next release\n');
		// A release's build compresses it again (precompress): so does this one.
		writeFileSync(`${worker}.br`, brotliCompressSync(readFileSync(worker)));
		writeFileSync(`${worker}.gz`, gzipSync(readFileSync(worker)));
		server = await startServer();
		await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
		await expect(page.getByRole('alert').filter({ hasText: '新版本已就绪' })).toBeVisible({ timeout: 20_000 });

		// An edit made right before accepting must survive the reload into the new version.
		await page.getByTestId('households').getByText('更新前').click();
		await page.locator('[data-question="note"] input').fill('更新前最后一笔');
		await page.getByRole('button', { name: '立即更新' }).click();
		await page.waitForEvent('load');
		await expect(page.getByTestId('households').getByText('更新前')).toBeVisible();
		await expect(page.getByRole('alert').filter({ hasText: '新版本已就绪' })).toHaveCount(0);
		await page.getByTestId('households').getByText('更新前').click();
		await expect(page.locator('[data-question="note"] input')).toHaveValue('更新前最后一笔');
		await context.close();
		township.close();
	} finally {
		server.kill('SIGKILL');
		rmSync(dir, { recursive: true, force: true });
	}
});
