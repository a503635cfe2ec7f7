import { expect, test, type Locator, type Page } from '@playwright/test';
import { addHousehold, createDossier, drawSignature, expectSynced, signInCadre, townshipOnce } from './helpers';

const town = townshipOnce('表格乡');
const FORM = 'household-screening-2022@aug2022';

test.use({ viewport: { width: 1280, height: 900 } });

/** A cell by household head and column (`<formKey>:<answer key>`). */
function cell(page: Page, head: string, column: string): Locator {
	const heads = page.locator('[data-col="card:head"], [data-col="finding:head"]', { hasText: head });
	const row = page.locator('[role="row"][data-row]', { has: heads });
	return row.locator(`[data-col="${column}"]`);
}

/** What a cell shows (without a peer's name tag or the words for a screen reader). */
function shown(page: Page, head: string, column: string): Locator {
	return cell(page, head, column).locator('.value');
}

/** Scrolls the grid sideways until a column is in view (the grid draws only what is in view). */
async function show(page: Page, column: string) {
	await page.getByTestId('grid').evaluate(async (el, column) => {
		const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
		el.scrollLeft = 0;
		await frame();
		for (let i = 0; i < 200 && !el.querySelector(`[role="columnheader"][data-col="${column}"]`); i++) {
			el.scrollLeft += 300;
			await frame();
		}
		const header = el.querySelector<HTMLElement>(`[role="columnheader"][data-col="${column}"]`)!;
		const frozen = el.querySelector<HTMLElement>('.labels .frozen-pane')?.offsetWidth ?? 0;
		el.scrollLeft = header.offsetLeft - frozen - 20;
		await frame();
		await frame();
	}, column);
}

async function activeCell(page: Page) {
	const id = await page.getByTestId('grid-keys').getAttribute('aria-activedescendant');
	return page.locator(`#${id}`);
}

/**
 * Whether all of an element shows within the grid's box: below the header, above the bottom
 * edge (and its scrollbar), and, unless it is in the frozen columns, right of them.
 */
async function inView(target: Locator): Promise<boolean> {
	return target.evaluate((el) => {
		const scroller = el.closest<HTMLElement>('[data-testid="grid"]')!;
		const view = scroller.getBoundingClientRect();
		const head = scroller.querySelector('.head')!.getBoundingClientRect();
		const frozen = el.closest('.frozen-pane') ? view.left : (scroller.querySelector('.body .frozen-pane')?.getBoundingClientRect().right ?? view.left);
		const box = el.getBoundingClientRect();
		const bottom = view.top + scroller.clientTop + scroller.clientHeight;
		const right = view.left + scroller.clientLeft + scroller.clientWidth;
		return box.top >= head.bottom - 0.5 && box.bottom <= bottom + 0.5 && box.left >= frozen - 0.5 && box.right <= right + 0.5;
	});
}

/** The column headers drawn whose name runs past the bottom of the header (a line cut across). */
async function cutHeaders(page: Page): Promise<string[]> {
	return page.locator('[role="columnheader"][data-col]').evaluateAll((headers) =>
		headers
			.filter((h) => (h.querySelector('.text')?.getBoundingClientRect().bottom ?? 0) > h.getBoundingClientRect().bottom + 0.5)
			.map((h) => h.getAttribute('data-col') ?? '')
	);
}

async function paste(page: Page, data: { text?: string; html?: string }) {
	await page.evaluate((data) => {
		const dt = new DataTransfer();
		if (data.text !== undefined) dt.setData('text/plain', data.text);
		if (data.html !== undefined) dt.setData('text/html', data.html);
		document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
	}, data);
}

async function copy(page: Page): Promise<{ text: string; html: string }> {
	return page.evaluate(() => {
		const dt = new DataTransfer();
		document.dispatchEvent(new ClipboardEvent('copy', { clipboardData: dt, bubbles: true, cancelable: true }));
		return { text: dt.getData('text/plain'), html: dt.getData('text/html') };
	});
}

async function villageWithThree(page: Page, name: string, village: string) {
	const { township, groupId } = await town();
	await signInCadre(page, township, name, groupId);
	const id = await createDossier(page, village);
	await addHousehold(page, '张三', 'ordinary');
	await addHousehold(page, '李四', 'monitored');
	await addHousehold(page, '王五', 'lifted');
	await page.getByTestId('tab-grid').click();
	await expect(page.getByTestId('grid-count')).toHaveText('共 3 户');
	return id;
}

test('keyboard: move, type to replace, refuse a bad value, fill down and clear', async ({ page }) => {
	await villageWithThree(page, '钱干部', '表格一村');
	const unsafe = `${FORM}:s2_unsafe`;
	await show(page, unsafe);
	await cell(page, '张三', unsafe).click();
	await expect(await activeCell(page)).toHaveAttribute('data-col', unsafe);

	// Typing replaces; Enter writes and moves down.
	await page.keyboard.type('是');
	await page.keyboard.press('Enter');
	await expect(shown(page, '张三', unsafe)).toHaveText('是');
	await expect(await activeCell(page)).toHaveAttribute('data-r', '1');

	// A value the question refuses stays in the editor with the reason; Esc gives up.
	await page.keyboard.type('也许');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('alert')).toHaveText('应选“是”或“否”');
	await page.keyboard.press('Escape');
	await expect(shown(page, '李四', unsafe)).toHaveText('');

	// F2 opens the list editor for a yes/no; choosing 否 and Tab writes and moves right.
	await page.keyboard.press('F2');
	await page.getByTestId('grid').locator('select').selectOption('no');
	await page.keyboard.press('Tab');
	await expect(shown(page, '李四', unsafe)).toHaveText('否');
	await expect(await activeCell(page)).toHaveAttribute('data-col', `${unsafe}__desc`);

	// Arrows, Home and Ctrl+arrows.
	await page.keyboard.press('ArrowUp');
	await page.keyboard.press('ArrowLeft');
	await expect(await activeCell(page)).toHaveAttribute('data-col', unsafe);
	await page.keyboard.press('Home');
	await expect(await activeCell(page)).toHaveAttribute('data-col', 'card:head');
	await page.keyboard.press('Control+ArrowDown');
	await expect(await activeCell(page)).toHaveAttribute('data-r', '2');
	await page.keyboard.press('Control+ArrowUp');

	// Computed cells are read-only.
	await show(page, `${FORM}:s1_net`);
	await cell(page, '张三', `${FORM}:s1_net`).click();
	await page.keyboard.type('5');
	await expect(page.getByTestId('grid-notice')).toHaveText('此列由系统计算，不能填写');

	// Ctrl+D fills 张三's answer down a selected column; Delete clears the selection.
	await show(page, unsafe);
	await cell(page, '张三', unsafe).click();
	await page.keyboard.press('Shift+ArrowDown');
	await page.keyboard.press('Shift+ArrowDown');
	await page.keyboard.press('Control+d');
	await expect(shown(page, '王五', unsafe)).toHaveText('是');
	await expect(shown(page, '李四', unsafe)).toHaveText('是');
	await page.keyboard.press('Delete');
	await expect(shown(page, '张三', unsafe)).toHaveText('');
	await page.keyboard.press('Control+z');
	await expect(shown(page, '张三', unsafe)).toHaveText('是');

	// Space ticks a yes/no: 是 ⇄ 否.
	await cell(page, '张三', unsafe).click();
	await page.keyboard.press('Space');
	await expect(shown(page, '张三', unsafe)).toHaveText('否');
	await page.keyboard.press('Space');
	await expect(shown(page, '张三', unsafe)).toHaveText('是');

	// A mouse drag selects a range; Delete clears it.
	const from = await cell(page, '张三', unsafe).boundingBox();
	const to = await cell(page, '李四', unsafe).boundingBox();
	await page.mouse.move(from!.x + 10, from!.y + 10);
	await page.mouse.down();
	await page.mouse.move(to!.x + 10, to!.y + 10, { steps: 4 });
	await page.mouse.up();
	await expect(cell(page, '李四', unsafe)).toHaveAttribute('aria-selected', 'true');
	await page.keyboard.press('Delete');
	await expect(shown(page, '张三', unsafe)).toHaveText('');
	await expect(shown(page, '李四', unsafe)).toHaveText('');
	await expect(shown(page, '王五', unsafe)).toHaveText('是');
	await expectSynced(page);

	// Pressing Enter twice on a cell (edit, commit unchanged) writes nothing: nothing waits.
	await cell(page, '王五', unsafe).click();
	await page.keyboard.press('Enter');
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced');

	// A problem description keeps its lines: Alt+Enter breaks the line, as in Excel.
	const desc = `${FORM}:s2_unsafe__desc`;
	await cell(page, '王五', desc).click();
	await page.keyboard.press('F2');
	await page.keyboard.type('墙体开裂');
	await page.keyboard.press('Alt+Enter');
	await page.keyboard.type('屋顶漏雨');
	await page.keyboard.press('Enter');
	await cell(page, '王五', desc).click();
	expect((await copy(page)).text).toBe('"墙体开裂\n屋顶漏雨"\r\n');

	// The active cell scrolled out of view: Enter brings it back and edits it; Esc gives up.
	await page.getByTestId('grid').evaluate((el) => (el.scrollLeft = el.scrollWidth));
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('grid').locator('.editor textarea')).toBeFocused();
	await page.keyboard.press('Escape');
	await page.keyboard.press('ArrowLeft');
	await expect(await activeCell(page)).toHaveAttribute('data-col', unsafe);
	await expectSynced(page);
});

test('clipboard: copy a range, paste it with a bad value, undo and redo the paste', async ({ page, context }) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await villageWithThree(page, '孙干部', '表格二村');
	const unsafe = `${FORM}:s2_unsafe`;
	const desc = `${FORM}:s2_unsafe__desc`;

	// A block from Excel: 王五's first cell does not read as 是/否.
	await show(page, unsafe);
	await cell(page, '李四', unsafe).click();
	await paste(page, { text: '是\t墙体开裂\r\n不清楚\t屋顶漏雨\r\n' });
	await expect(shown(page, '李四', unsafe)).toHaveText('是');
	await expect(shown(page, '李四', desc)).toHaveText('墙体开裂');
	await expect(shown(page, '王五', desc)).toHaveText('屋顶漏雨');
	const refused = cell(page, '王五', unsafe);
	await expect(refused.locator('.value')).toHaveText('');
	await expect(refused).toContainText('应选“是”或“否”');
	// The line above the grid says the same for the active cell.
	await refused.click();
	await expect(page.getByTestId('grid-cellbar')).toContainText('王五 · ①现住房是否为不安全住房');
	await expect(page.getByTestId('grid-cellbar').locator('.why')).toHaveText('应选“是”或“否”');
	await expect(refused).toHaveAttribute('aria-invalid', 'true');
	await expect(refused).toHaveAttribute('title', '应选“是”或“否”');
	await expect(page.getByTestId('grid-notice')).toHaveText('已粘贴 3 个单元格；1 个未通过校验，未写入，已标出原因');

	// Copy the two good cells of 李四 out, and paste them onto 张三 (as HTML, the way WPS does).
	await cell(page, '李四', unsafe).click();
	await page.keyboard.press('Shift+ArrowRight');
	const copied = await copy(page);
	expect(copied.text).toBe('是\t墙体开裂\r\n');
	expect(copied.html).toContain('<td>墙体开裂</td>');
	await cell(page, '张三', unsafe).click();
	await paste(page, { html: copied.html, text: 'ignored when there is a table' });
	await expect(shown(page, '张三', desc)).toHaveText('墙体开裂');

	// Undo takes the whole paste back in one step; redo brings it back.
	await page.keyboard.press('Control+z');
	await expect(shown(page, '张三', unsafe)).toHaveText('');
	await expect(shown(page, '张三', desc)).toHaveText('');
	await expect(shown(page, '李四', desc)).toHaveText('墙体开裂');
	await page.keyboard.press('Control+z');
	await expect(shown(page, '李四', unsafe)).toHaveText('');
	await expect(shown(page, '王五', desc)).toHaveText('');
	await page.keyboard.press('Control+y');
	await expect(shown(page, '李四', unsafe)).toHaveText('是');
	await expect(shown(page, '王五', desc)).toHaveText('屋顶漏雨');

	// The real keys and the system clipboard: Ctrl+C out, Ctrl+V back in elsewhere.
	await cell(page, '王五', desc).click();
	await page.keyboard.press('Control+c');
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('屋顶漏雨\r\n');
	await cell(page, '张三', desc).click();
	await page.keyboard.press('Control+v');
	await expect(shown(page, '张三', desc)).toHaveText('屋顶漏雨');
	await expectSynced(page);
});

test('a short grid: whole headers, messages inside its box, a paste’s refusal brought into view', async ({ page }) => {
	await villageWithThree(page, '蒋干部', '表格七村');
	const grid = page.getByTestId('grid');
	const cellbar = page.getByTestId('grid-cellbar');

	// Column names of three lines fit the header: none is cut across (②…纯收入（元） was).
	await expect(page.locator('[role="columnheader"][data-col$=":s1_net"]')).toBeVisible();
	expect(await cutHeaders(page)).toEqual([]);
	await show(page, `${FORM}:s2_sign_matches`);
	expect(await cutHeaders(page)).toEqual([]);

	// The last row of a three-row grid: the editor's message opens above the cell, not past the
	// grid's bottom edge; the editor stays on its cell.
	await show(page, `${FORM}:surveyed_on`);
	const date = cell(page, '王五', `${FORM}:surveyed_on`);
	await date.click();
	await page.keyboard.type('不知道哪天');
	await page.keyboard.press('Enter');
	const alert = grid.getByRole('alert');
	await expect(alert).toHaveText('应为有效日期');
	expect(await inView(alert)).toBe(true);
	const input = (await date.locator('.editor input').boundingBox())!;
	const box = (await date.boundingBox())!;
	expect(Math.abs(input.y + input.height - (box.y + box.height))).toBeLessThan(2);
	await page.keyboard.press('Escape');
	// In the first row there is room below: the message stays under the cell.
	await cell(page, '张三', `${FORM}:surveyed_on`).click();
	await page.keyboard.type('不知道哪天');
	await page.keyboard.press('Enter');
	expect(await inView(alert)).toBe(true);
	expect((await alert.boundingBox())!.y).toBeGreaterThan((await cell(page, '张三', `${FORM}:surveyed_on`).boundingBox())!.y);
	await page.keyboard.press('Escape');

	// A row pasted from Excel whose refused value lands far to the right, out of view: the grid
	// scrolls to it and selects it, and the line above the grid says why it was refused.
	const unsafe = `${FORM}:s2_unsafe`;
	const aidGap = `${FORM}:s3_aid_gap`;
	const dropout = `${FORM}:s3_dropout`;
	await show(page, unsafe);
	await cell(page, '张三', unsafe).click();
	const values = ['否', '', '否', '', '否', '', '是', '', '否', '', '否', '', '否', '', '不清楚', ''];
	await paste(page, { text: values.join('\t') + '\r\n' });
	await expect(page.getByTestId('grid-notice')).toHaveText('已粘贴 15 个单元格；1 个未通过校验，未写入，已标出原因');
	await expect(await activeCell(page)).toHaveAttribute('data-col', dropout);
	const refused = cell(page, '张三', dropout);
	await expect.poll(() => inView(refused)).toBe(true);
	await expect(refused).toHaveAttribute('aria-invalid', 'true');
	await expect(cellbar).toContainText('张三 · ②是否存在义务教育阶段适龄儿童辍学');
	await expect(cellbar.locator('.why')).toHaveText('应选“是”或“否”');
	await expect(cellbar.locator('.what')).toHaveText('（“不清楚”未写入）');
	await expect(shown(page, '张三', aidGap)).toHaveText('否');

	// Ctrl+Z takes the paste back, and the status line says so instead of what the paste did;
	// the refusal went with the paste. Redo says what it did too.
	await page.keyboard.press('Control+z');
	await expect(shown(page, '张三', aidGap)).toHaveText('');
	await expect(page.getByTestId('grid-notice')).toHaveText('已撤销上一步修改');
	await expect(refused).not.toHaveAttribute('aria-invalid', 'true');
	await expect(cellbar.locator('.why')).toHaveText('必填');
	await expect(cellbar.locator('.what')).toHaveText('');
	await page.keyboard.press('Control+y');
	await expect(shown(page, '张三', aidGap)).toHaveText('否');
	await expect(page.getByTestId('grid-notice')).toHaveText('已重做上一步修改');
	await expectSynced(page);
});

test('filter, search and sort, with counts', async ({ page }) => {
	await villageWithThree(page, '周干部', '表格三村');
	await expect(page.getByTestId('grid-count')).toHaveText('共 3 户');
	await page.getByTestId('grid-type').selectOption('monitored');
	await expect(page.getByTestId('grid-count')).toHaveText('1 / 3 户');
	await expect(page.locator('[role="row"][data-row]')).toHaveCount(1);
	await page.getByTestId('grid-type').selectOption('');
	await page.getByTestId('grid-search').fill('王');
	await expect(page.getByTestId('grid-count')).toHaveText('1 / 3 户');
	await page.getByTestId('grid-search').fill('');

	// Sorting by the head's name follows pinyin: 李 (li), 王 (wang), 张 (zhang); again: reversed.
	const heads = page.locator('[role="row"][data-row] [data-col="card:head"]');
	await page.locator('[role="columnheader"][data-col="card:head"] button').click();
	await expect(heads).toHaveText(['李四', '王五', '张三']);
	await page.locator('[role="columnheader"][data-col="card:head"] button').click();
	await expect(heads).toHaveText(['张三', '王五', '李四']);
	// The view exports as it stands, in that order.
	const download = page.waitForEvent('download');
	await page.getByTestId('grid-export').click();
	const csv = await (await (await download).createReadStream()).toArray();
	const lines = Buffer.concat(csv).toString('utf8').split('\r\n');
	expect(lines[0]).toMatch(/^\uFEFF户主姓名,户类型,/);
	expect(lines.slice(1, 4).map((l) => l.split(',')[0])).toEqual(['张三', '王五', '李四']);

	// A column hidden stays hidden for this person after a reload.
	await page.getByRole('button', { name: '显示列' }).click();
	await page.getByTestId('grid-columns').getByLabel('乡镇', { exact: true }).uncheck();
	await expect(page.locator('[role="columnheader"][data-col$=":township"]')).toHaveCount(0);
	await page.reload();
	await page.getByTestId('tab-grid').click();
	await expect(page.getByTestId('grid-count')).toHaveText('共 3 户');
	await expect(page.locator('[role="columnheader"][data-col$=":village"]')).toHaveCount(1);
	await expect(page.locator('[role="columnheader"][data-col$=":township"]')).toHaveCount(0);

	// "Needs correcting" lists households whose required answers are missing or wrong.
	await page.getByTestId('grid-problem').check();
	await expect(page.getByTestId('grid-count')).toHaveText('3 / 3 户');
	await page.getByTestId('grid-problem').uncheck();

	// One row per member: a member added on 张三's card shows under 张三's name; an ID number typed
	// into the grid fills the computed date of birth at once.
	await page.getByTestId('tab-households').click();
	await page.getByTestId('households').getByText('张三').click();
	await page.getByTestId('add-members').click();
	await page.locator('[data-group="members"] [data-row] [data-question="name"] input').fill('张小三');
	await page.getByTestId('tab-grid').click();
	await page.getByTestId('grid-rows-of').selectOption('members');
	await expect(page.getByTestId('grid-count')).toHaveText('共 1 行');
	const idColumn = 'card:members:id_number';
	await cell(page, '张三', idColumn).click();
	await page.keyboard.type('11010519491231002X');
	await page.keyboard.press('Enter');
	await expect(shown(page, '张三', 'card:members:birth_date')).toHaveText('1949-12-31');
	await expect(shown(page, '张三', 'card:members:name')).toHaveText('张小三');
});

test('a finding raised from a cell marks it, and lists as a row of the findings view', async ({ page }) => {
	await villageWithThree(page, '陈干部', '表格六村');
	const unsafe = `${FORM}:s2_unsafe`;
	await show(page, unsafe);
	await cell(page, '李四', unsafe).click();
	await page.keyboard.type('是');
	await page.keyboard.press('Enter');
	await page.keyboard.press('ArrowUp');
	await page.keyboard.press('Shift+F2');
	const review = page.getByTestId('grid-review');
	await review.getByTestId('propose-finding').click();
	await review.getByTestId('raise-finding').locator('textarea[name="description"]').fill('房屋开裂未鉴定');
	await review.getByRole('button', { name: '检查人确认签字' }).click();
	await drawSignature(page);
	await page.getByRole('button', { name: '签字并登记' }).click();
	await expect(cell(page, '李四', unsafe).getByTestId('cell-mark')).toHaveAttribute('data-state', 'open');

	await page.getByTestId('grid-rows-of').selectOption('findings');
	await expect(page.getByTestId('grid-count')).toHaveText('共 1 条');
	await expect(shown(page, '李四', 'finding:question')).toHaveText('①现住房是否为不安全住房');
	await expect(shown(page, '李四', 'finding:state')).toHaveText('待整改');
	await expect(shown(page, '李四', 'finding:description')).toHaveText('房屋开裂未鉴定');
	await cell(page, '李四', 'finding:description').click();
	await page.keyboard.type('x');
	await expect(page.getByTestId('grid-notice')).toHaveText('问题在问题台账中办理，这里只能查看');
});

test('two cadres: each sees the other’s selected cell and edits in place', async ({ browser }) => {
	const a = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const b = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const pa = await a.newPage();
	const pb = await b.newPage();
	const id = await villageWithThree(pa, '吴干部', '表格四村');
	await expectSynced(pa);
	const { township, groupId } = await town();
	await signInCadre(pb, township, '郑干部', groupId);
	await pb.goto(`/d/${id}`);
	await pb.getByTestId('tab-grid').click();

	const unsafe = `${FORM}:s2_unsafe`;
	await show(pb, unsafe);
	await show(pa, unsafe);
	await cell(pb, '王五', unsafe).click();
	await cell(pa, '张三', unsafe).click();
	// A sees where B is, in B's colour with B's name.
	await expect(cell(pa, '王五', unsafe).locator('.peer')).toHaveText('郑干部');
	await expect(cell(pb, '张三', unsafe).locator('.peer')).toHaveText('吴干部');

	// A types; B's screen shows it in place, and B's selection stays where it was.
	await pa.keyboard.type('否');
	await pa.keyboard.press('Enter');
	await expect(shown(pb, '张三', unsafe)).toHaveText('否');
	await expect(await activeCell(pb)).toHaveAttribute('data-r', '2');

	// A comments on a cell from the grid (Shift+F2); B's grid marks that cell.
	await pa.keyboard.press('ArrowUp');
	await pa.keyboard.press('Shift+F2');
	const review = pa.getByTestId('grid-review');
	await review.getByTestId('open-comments').click();
	await review.getByTestId('comments').locator('textarea').fill('请核实是否已鉴定');
	await review.getByTestId('comments').getByRole('button', { name: '发送' }).click();
	await expect(cell(pb, '张三', unsafe).getByTestId('cell-mark')).toHaveAttribute('data-state', 'comments');
	await expect(cell(pb, '张三', unsafe).getByTestId('cell-mark')).toHaveAttribute('title', '1 条评论');
	// B opens the thread from the cell's marker.
	await cell(pb, '张三', unsafe).getByTestId('cell-mark').click();
	await expect(pb.getByTestId('grid-review')).toContainText('张三 · ①现住房是否为不安全住房');
	await pb.getByTestId('grid-review').getByTestId('open-comments').click();
	await expect(pb.getByTestId('grid-review').getByTestId('comments')).toContainText('请核实是否已鉴定');

	// B's undo does not take back A's edit.
	await cell(pb, '王五', unsafe).click();
	await pb.keyboard.press('Control+z');
	await expect(pb.getByTestId('grid-notice')).toHaveText('没有可撤销的修改');
	await expect(shown(pb, '张三', unsafe)).toHaveText('否');
	await a.close();
	await b.close();
});

test('on a phone the grid gives way to cards that open the household', async ({ browser }) => {
	const context = await browser.newContext({ viewport: { width: 390, height: 800 }, isMobile: true, hasTouch: true });
	const page = await context.newPage();
	await villageWithThree(page, '冯干部', '表格五村');
	await expect(page.getByTestId('grid-cards')).toBeVisible();
	await expect(page.getByTestId('grid')).toHaveCount(0);
	await page.getByTestId('grid-cards').getByText('李四').click();
	await expect(page.getByTestId('households')).toBeVisible();
	await context.close();
});
