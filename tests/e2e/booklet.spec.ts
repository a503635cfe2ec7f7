/**
 * The bound booklet (档案册) of a village set up as its people would: the keeping group's cadre
 * fills in a household in the app (members, an income line with its proof photo, 附件1 signed on
 * screen) and adds a second household with nothing else; a checker finds a problem with a photo,
 * the cadre rectifies it with another, and a reviewer closes it with a drawn signature (these
 * three through stock clients, as each person's own device would write them). Then the booklet,
 * on screen, under print media, and as an A4 PDF.
 */
import { expect, test, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { addHousehold, createDossier, expectSynced, serverURL, signIn, signScreening } from './helpers';
import { crossCheckTownship, startRound } from './orgFixture';
import { stockClient, until, type Client, type TestUser, type Township } from '../support/township';
import { ReviewDoc } from '../../src/lib/review/reviewDoc';
import { SIGNATURE_IMAGE_PREFIX } from '../../src/lib/signing/signature';
import { campaignFormKey, AUGUST_2022 } from '../../src/lib/campaign/campaign';
import { findQuestion } from '../../src/lib/templates/template';
import { householdScreening2022 } from '../../src/lib/templates/official/householdScreening2022';

const SIGNATURE = SIGNATURE_IMAGE_PREFIX + Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><path d="M5 30 C 30 0, 60 40, 115 10" stroke="black" fill="none" stroke-width="3"/></svg>').toString('base64');
const actor = (user: TestUser) => ({ id: user.id, name: user.name });

/** A photo as a camera would give one: a PNG the browser draws. */
async function picture(page: Page, colour: string, label: string): Promise<Buffer> {
	const data = await page.evaluate(
		([fill, text]) => {
			const canvas = document.createElement('canvas');
			canvas.width = 480;
			canvas.height = 360;
			const g = canvas.getContext('2d')!;
			g.fillStyle = fill!;
			g.fillRect(0, 0, 480, 360);
			g.fillStyle = 'white';
			g.font = '48px sans-serif';
			g.fillText(text!, 40, 190);
			return canvas.toDataURL('image/png');
		},
		[colour, label]
	);
	return Buffer.from(data.split(',')[1]!, 'base64');
}

/** Puts a photo on the server for a dossier, as the device of the person who took it does. */
async function upload(user: TestUser, dossierId: string, png: Buffer): Promise<string> {
	const hash = createHash('sha256').update(png).digest('hex');
	const res = await fetch(`${serverURL()}/api/blobs/${hash}?dossier=${dossierId}`, { method: 'PUT', headers: { cookie: user.cookie, 'content-type': 'image/png' }, body: new Uint8Array(png) });
	expect(res.status).toBe(201);
	return hash;
}

/** Opens the village's review document as a user, lets `write` change it, and waits until the server has it on disk. */
async function reviewAs(township: Township, user: TestUser, dossierId: string, write: (review: ReviewDoc) => void): Promise<void> {
	const room = `${dossierId}/review`;
	const client: Client = stockClient(township.wsUrl, room, await township.token(user, room));
	try {
		await until(() => client.provider.synced, 10_000, `${room} synced`);
		write(new ReviewDoc(dossierId, client.doc));
		await client.durable.whenDurable();
	} finally {
		client.destroy();
	}
}

/** How many pages a PDF has: its page objects (`/Type /Page`, not the `/Pages` tree). */
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;

test('a household’s volume and the village’s box, on screen, on paper and as an A4 PDF', async ({ page, baseURL }) => {
	test.setTimeout(180_000);
	const town = await crossCheckTownship(baseURL, '档案镇', { cadre: '王干部', checker: '赵检查', reviewer: '李审核' });
	const { cadre, checker, reviewer } = town.people;

	// The cadre's village: 刘大, filled in and signed; 王二, only the card.
	await signIn(page, cadre);
	const id = await createDossier(page, '北关村');
	await addHousehold(page, '刘大', 'lifted');
	await addHousehold(page, '王二', 'ordinary');
	const households = page.getByTestId('households');
	await households.getByText('刘大', { exact: true }).click();
	await page.locator('[data-question="group"] input').fill('1组');
	await page.getByTestId('add-members').click();
	const member = page.locator('[data-group="members"] [data-row]').last();
	await member.locator('[data-question="name"] input').fill('刘大');
	await member.locator('[data-question="resident"]').getByRole('radio', { name: '是' }).click();
	await member.locator('[data-question="able_to_work"]').getByRole('radio', { name: '是' }).click();
	await page.getByTestId('tab-income').click();
	await page.getByTestId('add-lines').click();
	const line = page.locator('[data-group="lines"] [data-row]').last();
	await line.locator('[data-question="category"] select').selectOption('wage');
	await line.locator('[data-question="amount"] input').fill('36000');
	await line.locator('[data-question="note"] input').fill('县城务工');
	await line.locator('[data-question="proof"] input[type="file"]').setInputFiles({ name: '工资单.png', mimeType: 'image/png', buffer: await picture(page, '#2471a3', '工资单') });
	await expect(line.locator('[data-testid="photos"] img')).toHaveCount(1);
	await signScreening(page);
	await households.getByText('王二', { exact: true }).click();
	await page.getByTestId('tab-card').click();
	await page.getByTestId('add-members').click();
	await page.locator('[data-group="members"] [data-row]').last().locator('[data-question="name"] input').fill('王二');
	await expectSynced(page);
	const householdId = await households.getByText('刘大', { exact: true }).evaluate((el) => el.closest('[data-household]')!.getAttribute('data-household')!);

	// A problem on 刘大's housing: found with a photo, rectified with another, closed with 销号.
	const roundId = await startRound(town, id, '第一轮推磨互查');
	const before = await upload(checker, id, await picture(page, '#b03a2e', '整改前'));
	const after = await upload(cadre, id, await picture(page, '#1e8449', '整改后'));
	const formKey = campaignFormKey(householdScreening2022.id, AUGUST_2022.id);
	const raisedAt = new Date().toISOString();
	await reviewAs(town.township, checker, id, (review) =>
		review.raise({
			id: 'bookletFinding1',
			dossierId: id,
			village: '北关村',
			target: { kind: 'question', householdId, head: '刘大', formKey, questionId: 's2_unsafe', question: findQuestion(householdScreening2022, 's2_unsafe')!.label },
			category: { id: 's2_housing', label: { zh: '2. 住房保障', en: '2. Safe housing' } },
			description: '屋顶漏雨，墙体开裂',
			evidence: [before],
			raisedBy: actor(checker),
			raisedAt,
			role: 'checker',
			roundId,
			checkerGroupId: town.groups.checker,
			signature: { by: actor(checker), at: raisedAt, image: SIGNATURE },
			deadline: null,
			responsible: null
		})
	);
	await reviewAs(town.township, cadre, id, (review) => review.transition('bookletFinding1', { type: 'submit', by: actor(cadre), role: 'owner', measure: '已鉴定为C级并加固屋顶', evidence: [after] }, ['owner']));
	await reviewAs(town.township, reviewer, id, (review) => review.transition('bookletFinding1', { type: 'close', by: actor(reviewer), role: 'reviewer', image: SIGNATURE }, ['reviewer']));

	// From the household card to its volume.
	await page.goto(`/d/${id}`);
	await households.getByText('刘大', { exact: true }).click();
	await page.getByTestId('household-card').getByTestId('household-booklet').click();
	await expect(page).toHaveURL(new RegExp(`/d/${id}/booklet\\?household=`));
	const booklet = page.getByTestId('booklet');
	await expect(booklet).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
	await expect(booklet).toHaveAttribute('data-scope', 'household');
	await expect(page.getByTestId('booklet-cover-head')).toHaveText('刘大');
	await expect(page.getByTestId('booklet-cover')).toContainText('档案镇');
	await expect(page.getByTestId('booklet-cover')).toContainText('巩固脱贫成果“八月攻坚”整改专项行动');
	const entries = page.getByTestId('booklet-contents').getByTestId('booklet-entry');
	await expect(entries).toHaveText([/户卡（家庭成员）/, /家庭收支核算表.*附证明照片 1 张/, /入户问题排查表.*已签/, /发现问题及整改、销号记录.*1 条，已销号 1 条/]);
	// The sheets in the paper's order.
	const sheets = page.getByTestId('booklet-sheet');
	expect(await sheets.evaluateAll((all) => all.map((s) => s.getAttribute('data-kind') + (s.getAttribute('data-role') ? `:${s.getAttribute('data-role')}` : '')))).toEqual([
		'cover',
		'contents',
		'form:card',
		'form:income',
		'form:campaign',
		'findings'
	]);
	// The household card prints its member; the income sheet its line and proof; 附件1 its signature.
	await expect(page.locator('[data-role="card"] [data-testid="form-print"]')).toContainText('刘大');
	const proof = page.getByTestId('booklet-proofs').locator('img');
	await expect(proof).toHaveCount(1);
	await expect.poll(() => proof.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
	await expect(page.getByTestId('booklet-proofs')).toContainText('第 1 行：工资性收入 36000.00 元（县城务工）');
	const signed = page.locator('.booklet-form[data-role="campaign"] .signed');
	await expect(signed.locator('img')).toBeVisible();
	await expect(signed).toContainText('王干部 于');
	await expect(page.locator('.booklet-form[data-role="campaign"] [data-testid="booklet-form-status"]')).toHaveText('已签');
	// The problem: both photos, its history, the reviewer's signature on 销号.
	const finding = page.getByTestId('booklet-finding');
	await expect(finding).toHaveAttribute('data-state', 'closed');
	await expect(finding).toContainText('屋顶漏雨，墙体开裂');
	await expect(finding).toContainText('①现住房是否为不安全住房');
	await expect(finding.getByTestId('booklet-close')).toContainText('李审核 于');
	await expect(finding.getByTestId('booklet-close').locator('img')).toBeVisible();
	await expect(finding.getByTestId('booklet-steps').locator('tbody tr')).toHaveCount(2);
	await expect(finding.getByTestId('booklet-photo').locator('img')).toHaveCount(2);
	for (const img of await finding.getByTestId('booklet-photo').locator('img').all()) expect(await img.evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);

	// On paper: the sheets only, none of the app around them.
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('header.top')).toBeHidden();
	await expect(page.getByTestId('booklet-bar')).toBeHidden();
	await expect(page.getByTestId('booklet-print')).toBeHidden();
	await expect(page.getByTestId('booklet-cover')).toBeVisible();
	await expect(page.locator('[data-role="campaign"] [data-testid="form-print"]')).toBeVisible();
	await expect(page.locator('.running').first()).toBeHidden();
	const householdPdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
	const householdPages = pageCount(householdPdf);
	// Cover, 目录, 户卡, the income sheet with its photo, 附件1 (two to four pages), the problem.
	expect(householdPages).toBeGreaterThanOrEqual(7);
	expect(householdPages).toBeLessThanOrEqual(14);
	await page.emulateMedia({ media: 'screen' });

	// The whole village: cover, 目录 of households, a separator before each.
	await page.getByTestId('village-booklet').click();
	await expect(page).toHaveURL(new RegExp(`/d/${id}/booklet\\?campaign=`));
	await expect(booklet).toHaveAttribute('data-scope', 'village');
	await expect(booklet).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
	await expect(page.getByTestId('booklet-cover')).toContainText('2 户 2 人');
	const rows = page.getByTestId('booklet-household-entry');
	await expect(rows).toHaveCount(2);
	// Filed by 村民组: 刘大 (1组) before 王二 (none).
	await expect(rows.nth(0)).toContainText('刘大');
	await expect(rows.nth(0)).toContainText('已签');
	await expect(rows.nth(1)).toContainText('王二');
	await expect(rows.nth(1)).toContainText('未填写');
	const separators = page.getByTestId('booklet-separator');
	await expect(separators).toHaveCount(2);
	await expect(separators.nth(0)).toContainText('第 1 户');
	await expect(separators.nth(0).locator('h2')).toHaveText('刘大');
	await expect(separators.nth(1).locator('h2')).toHaveText('王二');
	await expect(separators.nth(1).getByTestId('booklet-entry').filter({ hasText: '家庭收支核算表' })).toContainText('未填写');
	// Each household's sheets follow its separator; the village's own part comes first.
	const kinds = await sheets.evaluateAll((all) => all.map((s) => s.getAttribute('data-kind')));
	expect(kinds.slice(0, 3)).toEqual(['cover', 'contents', 'ledger']);
	expect(kinds.filter((k) => k === 'separator')).toHaveLength(2);
	await expect(page.getByTestId('ledger').locator('tr[data-finding]')).toHaveCount(1);
	await expect(page.getByTestId('booklet-contents').first().getByTestId('booklet-entry').filter({ hasText: '乡村问题排查表' })).toContainText('未填写');

	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('header.top')).toBeHidden();
	await expect(page.getByTestId('ledger').locator('.tools')).toBeHidden();
	await expect(separators.nth(1)).toBeVisible();
	const villagePdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
	const villagePages = pageCount(villagePdf);
	// The household's volume less its cover and 目录, plus the village's cover, 目录 and ledger,
	// two separators, and 王二's card.
	expect(villagePages).toBeGreaterThanOrEqual(householdPages + 2);
	expect(villagePages).toBeLessThanOrEqual(householdPages + 8);
});
