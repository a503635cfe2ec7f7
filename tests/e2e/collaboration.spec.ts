import { expect, test } from '@playwright/test';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { addHousehold, createDossier, expectSynced, goOffline, goOnline, serverURL, signInCadre, townshipOnce, waitForServiceWorker } from './helpers';
import { stockClient, until } from '../support/township';
import { gcUpdate, syncUpdate } from '../support/craftedUpdates';
import { DossierDoc } from '../../src/lib/dossier/dossierDoc';
import { CARD_FORM } from '../../src/lib/dossier/layout';

const town = townshipOnce('东街乡');

test('two cadres on one dossier see each other live', async ({ browser }) => {
	const a = await browser.newContext();
	const b = await browser.newContext();
	const pa = await a.newPage();
	const pb = await b.newPage();

	const { township, groupId } = await town();
	await signInCadre(pa, township, '王干部', groupId);
	const id = await createDossier(pa, '东街村');
	await addHousehold(pa, '张三', 'lifted');
	await expectSynced(pa);

	await signInCadre(pb, township, '李干部', groupId);
	// B finds the dossier on the server and opens it.
	await pb.getByTestId('server-dossiers').getByText('东街村').click();
	await expect(pb).toHaveURL(new RegExp(`/d/${id}$`));
	await expect(pb.getByTestId('households').getByText('张三')).toBeVisible();

	// Each sees the other in the presence list.
	await expect(pa.getByTestId('presence')).toContainText('李干部');
	await expect(pb.getByTestId('presence')).toContainText('王干部');

	// B adds a household; A sees it appear.
	await addHousehold(pb, '李四', 'monitored');
	await expect(pa.getByTestId('households').getByText('李四')).toBeVisible();

	// A opens 张三's card; B edits it from its own card; A's open card updates in place.
	await pa.getByTestId('households').getByText('张三').click();
	await pb.getByTestId('households').getByText('张三').click();
	await pb.locator('[data-question="phone"] input').fill('13803190001');
	await expect(pa.locator('[data-question="phone"] input')).toHaveValue('13803190001');
	// The household size is the members list, counted: B adds a member, A's list says so.
	await pb.getByTestId('add-members').click();
	await pb.locator('[data-group="members"] [data-row] [data-question="name"] input').fill('张三');
	// Not yet known to live in the household, they are not counted as resident, and A reads so.
	await expect(pa.locator('[data-question="size"] output')).toHaveText('1 人，常住 0 人，1 人未填是否常住');
	await pb.locator('[data-group="members"] [data-row] [data-question="resident"]').getByRole('radio', { name: '是' }).click();
	await expect(pa.locator('[data-question="size"] output')).toHaveText('1 人');
	await expect(pa.getByTestId('households')).toContainText('1 人');

	// A bad value is kept and shown as an error, in Chinese, on both screens.
	await pb.locator('[data-question="phone"] input').fill('一三八');
	await expect(pb.locator('[data-question="phone"] .error')).toHaveText('电话号码格式不对');
	await expect(pa.locator('[data-question="phone"] .error')).toHaveText('电话号码格式不对');
	await expectSynced(pb);

	await a.close();
	await b.close();
});

test('offline edits survive a reload and merge when back online', async ({ browser }) => {
	const a = await browser.newContext();
	const b = await browser.newContext();
	const pa = await a.newPage();
	const pb = await b.newPage();

	const { township, groupId } = await town();
	await signInCadre(pa, township, '赵干部', groupId);
	const id = await createDossier(pa, '西关村');
	await addHousehold(pa, '王五', 'ordinary');
	await expectSynced(pa);
	await waitForServiceWorker(pa);

	await signInCadre(pb, township, '钱干部', groupId);
	await pb.goto(`/d/${id}`);
	await expect(pb.getByTestId('households').getByText('王五')).toBeVisible();

	// A loses the network, keeps working.
	await goOffline(a);
	await expect(pa.getByTestId('sync-status')).toHaveAttribute('data-state', 'offline');
	await addHousehold(pa, '离线户', 'monitored');
	await pa.getByTestId('households').getByText('王五').click();
	await pa.locator('[data-question="phone"] input').fill('13812345678');
	// One new household and one field, however many keystrokes it took.
	await expect(pa.getByTestId('sync-status')).toHaveText('离线：2 处修改待同步');

	// Still offline: reload. The shell comes from the service worker, the data from IndexedDB.
	await pa.reload();
	await expect(pa.getByTestId('households').getByText('离线户')).toBeVisible();
	await expect(pa.getByTestId('sync-status')).toHaveText('离线：2 处修改待同步');
	await pa.getByTestId('households').getByText('王五').click();
	await expect(pa.locator('[data-question="phone"] input')).toHaveValue('13812345678');

	// B has seen none of it.
	await expect(pb.getByTestId('households').getByText('离线户')).toHaveCount(0);

	// Back online: A syncs, and B sees the edits.
	await goOnline(a);
	await expectSynced(pa);
	await expect(pb.getByTestId('households').getByText('离线户')).toBeVisible();
	await pb.getByTestId('households').getByText('王五').click();
	await expect(pb.locator('[data-question="phone"] input')).toHaveValue('13812345678');

	await a.close();
	await b.close();
});

test('an offline cadre whose client id a colleague took renames its changes, and nothing is lost', async ({ browser }) => {
	const a = await browser.newContext();
	const pa = await a.newPage();
	const { township, groupId } = await town();
	await signInCadre(pa, township, '周干部', groupId);
	const id = await createDossier(pa, '南关村');
	await addHousehold(pa, '孙六', 'ordinary');
	await expectSynced(pa);
	await waitForServiceWorker(pa);

	// Offline, the page starts again: a new document under a client id the server has never seen.
	await goOffline(a);
	await pa.reload();
	await pa.getByTestId('households').getByText('孙六').click();
	await pa.locator('[data-question="phone"] input').fill('13812340006');
	await expect(pa.getByTestId('sync-status')).toHaveText('离线：1 处修改待同步');
	// The id the offline answer was written under: in the device's own database, unknown to the server.
	const colleague = await township.createUser({ name: '吴同组', groupId });
	const wsUrl = `${serverURL().replace('http', 'ws')}/sync`;
	const reader = stockClient(wsUrl, id, await township.token(colleague, id));
	await until(() => reader.provider.synced, 10_000, 'the reader has the dossier');
	const serverState = () => Y.decodeStateVector(Y.encodeStateVector(reader.doc));
	const storedClients = () =>
		pa.evaluate(
			(name) =>
				new Promise<number[][]>((resolve, reject) => {
					const open = indexedDB.open(name);
					open.onerror = () => reject(open.error);
					open.onsuccess = () => {
						const all = open.result.transaction('updates').objectStore('updates').getAll();
						all.onsuccess = () => {
							resolve((all.result as Uint8Array[]).map((u) => Array.from(u)));
							open.result.close();
						};
					};
				}),
			`dangka-dossier-${id}`
		);
	let offlineId: number | undefined;
	await expect
		.poll(async () => {
			const clients = (await storedClients()).flatMap((u) => Y.decodeUpdate(new Uint8Array(u)).structs.map((s) => s.id.client));
			offlineId = clients.find((c) => !serverState().has(c));
			return offlineId;
		})
		.toBeDefined();

	// A colleague's crafted client claims that id first, with a 1,000-clock GC struct.
	const socket = new WebSocket(`${wsUrl}/${id}?token=${encodeURIComponent(await township.token(colleague, id))}`);
	await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
	socket.send(syncUpdate(gcUpdate([offlineId!], 1000)));
	await until(() => serverState().get(offlineId!) === 1000, 10_000, 'the colleague holds the id');
	socket.close();

	// Back online, the server's reply carries structs under that id the device never wrote: the app
	// applies none of it (their deletions would erase the answer), renames the answer, reloads, resends.
	await goOnline(a);
	await expectSynced(pa);
	await pa.getByTestId('households').getByText('孙六').click();
	await expect(pa.locator('[data-question="phone"] input')).toHaveValue('13812340006');
	const dossier = new DossierDoc(reader.doc);
	await until(() => dossier.listHouseholds().some((h) => dossier.answer(h.id, CARD_FORM, 'phone') === '13812340006'), 15_000, 'the answer arrives');
	reader.destroy();
	await a.close();
});
