import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DossierDoc } from '../dossier/dossierDoc';
import { CARD_FORM } from '../dossier/layout';
import { AUGUST_2022, campaignFormKey } from '../campaign/campaign';
import { householdScreening2022 } from '../templates/official/householdScreening2022';
import { householdGridColumns, repeatGridColumns, visibleColumns } from './gridColumns';
import { householdCard } from '../templates/householdCard';
import { HouseholdRows } from './householdRows';
import { readCell, readDay } from './cellInput';
import { applyWrites, changeKeys, planClear, planFillDown, planPaste } from './gridEdits';
import { queryRows } from './rowQuery';
import { parseTsv } from './clipboard';

const words = { yes: '是', no: '否', locale: 'zh' as const };
const formKey = campaignFormKey(householdScreening2022.id, AUGUST_2022.id);
const columns = householdGridColumns(householdScreening2022, formKey);
const col = (key: string, form = formKey) => columns.findIndex((c) => c.formKey === form && c.key === key);

function village() {
	const dossier = new DossierDoc();
	dossier.init({ id: 'dossier01', township: '洺州镇', village: '东村', createdBy: 'a' });
	dossier.addCampaign(AUGUST_2022);
	const ids = ['张三', '李四', '王五'].map((head, i) =>
		dossier.createHousehold({ head, type: i === 1 ? 'monitored' : 'ordinary' }, { name: 'a', at: new Date(Date.UTC(2022, 7, 1 + i)) })
	);
	return { dossier, ids };
}

describe('grid columns', () => {
	it('freezes head and type, then follows the template section by section', () => {
		expect(columns.slice(0, 2).map((c) => [c.formKey, c.key, c.frozen])).toEqual([
			[CARD_FORM, 'head', true],
			[CARD_FORM, 'type', true]
		]);
		expect(columns.slice(2).every((c) => !c.frozen && c.formKey === formKey)).toBe(true);
		// The form's own copies of head and type are the frozen columns, not shown twice.
		expect(columns.filter((c) => c.column.label.zh === '户主姓名')).toHaveLength(1);
		expect(new Set(columns.map((c) => c.id)).size).toBe(columns.length);
		const s2 = columns.find((c) => c.key === 's2_unsafe')!;
		expect(s2.column.section.zh).toContain('住房');
		expect(columns.find((c) => c.key === 's1_net')!.column.readOnly).toBe(true);
	});

	it('hides what a person hid, never the frozen columns', () => {
		const hidden = new Set([columns[0]!.id, columns[5]!.id]);
		const shown = visibleColumns(columns, hidden);
		expect(shown).toHaveLength(columns.length - 1);
		expect(shown[0]).toBe(columns[0]);
	});
});

describe('reading a cell', () => {
	const byKey = (key: string, form = formKey) => columns[col(key, form)]!.column;

	it('reads the words the form shows, and nothing it does not', () => {
		expect(readCell(byKey('s2_unsafe'), '是')).toEqual({ ok: true, value: true });
		expect(readCell(byKey('s2_unsafe'), ' 否 ')).toEqual({ ok: true, value: false });
		expect(readCell(byKey('s2_unsafe'), '1')).toEqual({ ok: false, problem: { code: 'answer.notYesNo' } });
		expect(readCell(byKey('type', CARD_FORM), '监测户')).toEqual({ ok: true, value: 'monitored' });
		expect(readCell(byKey('type', CARD_FORM), 'monitored')).toEqual({ ok: true, value: 'monitored' });
		expect(readCell(byKey('type', CARD_FORM), '贫困户')).toMatchObject({ ok: false, problem: { code: 'grid.notAnOption' } });
		expect(readCell(byKey('s1_net'), '100')).toEqual({ ok: false, problem: { code: 'grid.readOnly' } });
		expect(readCell(byKey('head', CARD_FORM), '')).toEqual({ ok: true, value: undefined });
	});

	it('reads dates the way ledgers write them, and refuses impossible ones', () => {
		expect(readDay('2022/8/5', false)).toBe('2022-08-05');
		expect(readDay('2022年8月5日', false)).toBe('2022-08-05');
		expect(readDay('2022年8月', true)).toBe('2022-08-01');
		expect(readDay('2022-08', false)).toBeNull();
		expect(readDay('2022-02-30', false)).toBeNull();
		expect(readCell(byKey('surveyed_on'), '2022.8')).toEqual({ ok: true, value: '2022-08-01' });
		expect(readCell(byKey('surveyed_on'), '2999-01-01')).toMatchObject({ ok: false, problem: { code: 'answer.dateInFuture' } });
	});

	it('reads money only as written in the ledgers, never guessing a slip', async () => {
		const { incomeSheetTemplate } = await import('../templates/incomeSheetTemplate');
		const amount = repeatGridColumns(incomeSheetTemplate, 'income-sheet@aug2022', 'lines').find((c) => c.key === 'amount')!.column;
		expect(readCell(amount, '1,250.50')).toEqual({ ok: true, value: 125050 });
		expect(readCell(amount, '¥12.5元')).toEqual({ ok: true, value: 1250 });
		for (const slip of ['12，50', '1,2', '3 5', '12.345']) expect(readCell(amount, slip)).toMatchObject({ ok: false, problem: { code: 'answer.notMoney' } });
	});

	it('checks the template rules after reading', () => {
		expect(readCell(byKey('head', CARD_FORM), '张'.repeat(41))).toMatchObject({ ok: false, problem: { code: 'answer.tooLong' } });
		// A problem description is free text, kept with its line breaks.
		expect(readCell(byKey('s2_unsafe__desc'), '墙体开裂\r\n屋顶漏雨')).toEqual({ ok: true, value: '墙体开裂\n屋顶漏雨' });
	});
});

describe('household rows', () => {
	it('shows values, computed cells and problems, and re-reads what changed', () => {
		const { dossier, ids } = village();
		const rows = new HouseholdRows(dossier, AUGUST_2022, columns, words);
		const head = columns[col('head', CARD_FORM)]!;
		const unsafe = columns[col('s2_unsafe')]!;
		expect(rows.cell(ids[0]!, head).text).toBe('张三');
		expect(rows.cell(ids[1]!, columns[1]!).text).toBe('监测户');
		expect(rows.cell(ids[0]!, unsafe).text).toBe('');
		dossier.setAnswer(ids[0]!, formKey, 's2_unsafe', 'maybe');
		expect(rows.cell(ids[0]!, unsafe).problem).toBeNull(); // cached until told
		rows.invalidate([ids[0]!]);
		expect(rows.cell(ids[0]!, unsafe)).toMatchObject({ text: 'maybe', problem: { code: 'answer.notYesNo' } });
		dossier.setAnswer(ids[0]!, formKey, 's2_unsafe', true);
		rows.invalidate([ids[0]!]);
		expect(rows.cell(ids[0]!, unsafe)).toMatchObject({ text: '是', problem: null, flagged: true });
		expect(rows.rowFacts(ids[0]!).flagged).toBe(1);
		expect(rows.cell(ids[0]!, columns[col('village')]!).text).toBe('东村');
	});
});

describe('household rows: section 1 of 附件1', () => {
	it('counts the household by the one rule, with both numbers, and marks what is missing', () => {
		const { dossier, ids } = village();
		const rows = new HouseholdRows(dossier, AUGUST_2022, columns, { ...words, headcount: (c) => `${c.total} 人，常住 ${c.residents} 人` });
		const size = columns[col('s1_size')]!;
		const net = columns[col('s1_net')]!;
		const below = columns[col('s1_below_line')]!;
		dossier.addRow(ids[0]!, CARD_FORM, 'members', { name: '张三', resident: true });
		const late = dossier.addRow(ids[0]!, CARD_FORM, 'members', { name: '张小三' });
		// No income line yet, and a resident box unanswered: both cells are missing, not zero.
		expect(rows.cell(ids[0]!, size)).toMatchObject({ value: 1, text: '2 人，常住 1 人', missing: true });
		expect(rows.cell(ids[0]!, net)).toMatchObject({ value: undefined, missing: true });
		dossier.setRowAnswer(ids[0]!, CARD_FORM, 'members', late, 'resident', true);
		dossier.addRow(ids[0]!, campaignFormKey('income-sheet', AUGUST_2022.id), 'lines', { category: 'wage', amount: 14_599_99 });
		rows.invalidate([ids[0]!]);
		expect(rows.cell(ids[0]!, size)).toMatchObject({ value: 2, missing: false });
		expect(rows.cell(ids[0]!, net)).toMatchObject({ text: '14599.99', missing: false });
		// 7,299.995 each shows as 7,300.00 and is below the line, decided on fen.
		expect(rows.cell(ids[0]!, below).text).toBe('是');
		expect(rows.rowFacts(ids[0]!).belowLine).toBe(true);
	});
});

describe('paste, fill and clear', () => {
	it('lands good cells and rejects bad ones with the reason, in one transaction', () => {
		const { dossier, ids } = village();
		const start = col('s2_unsafe');
		expect(columns[start + 1]!.key).toBe('s2_unsafe__desc');
		const block = parseTsv('是\t墙裂\r\n不知道\t屋漏\r\n');
		const plan = planPaste(block, { top: 0, left: start, bottom: 0, right: start }, { rowIds: ids, columns });
		expect(plan.writes).toHaveLength(3);
		expect(plan.rejected).toEqual([{ row: 1, col: start, problem: { code: 'answer.notYesNo' }, text: '不知道' }]);
		expect(plan.range).toEqual({ top: 0, left: start, bottom: 1, right: start + 1 });
		let transactions = 0;
		dossier.doc.on('afterTransaction', () => transactions++);
		applyWrites(dossier, plan.writes, 'grid');
		expect(transactions).toBe(1);
		expect(dossier.answer(ids[0]!, formKey, 's2_unsafe')).toBe(true);
		expect(dossier.answer(ids[1]!, formKey, 's2_unsafe')).toBeUndefined();
		expect(dossier.answer(ids[1]!, formKey, 's2_unsafe__desc')).toBe('屋漏');
	});

	it('leaves alone the cells a ragged block does not cover', () => {
		const { ids } = village();
		const c = col('s2_unsafe');
		const plan = planPaste([['是', '墙裂'], ['否']], { top: 0, left: c, bottom: 0, right: c }, { rowIds: ids, columns });
		expect(plan.writes.map((w) => [w.householdId, w.key])).toEqual([
			[ids[0], 's2_unsafe'],
			[ids[0], 's2_unsafe__desc'],
			[ids[1], 's2_unsafe']
		]);
	});

	it('fills a selection with one value, and clips a block at the grid edge', () => {
		const { ids } = village();
		const c = col('s2_unsafe');
		const fill = planPaste([['否']], { top: 0, left: c, bottom: 2, right: c }, { rowIds: ids, columns });
		expect(fill.writes.map((w) => w.value)).toEqual([false, false, false]);
		const clipped = planPaste(parseTsv('是\n是\n是\n是'), { top: 1, left: c, bottom: 1, right: c }, { rowIds: ids, columns });
		expect(clipped.writes).toHaveLength(2);
		expect(clipped.clipped).toBe(2);
	});

	it('fills down the top row and clears only writable cells', () => {
		const { dossier, ids } = village();
		const c = col('s2_unsafe');
		dossier.setAnswer(ids[0]!, formKey, 's2_unsafe', false);
		const rows = new HouseholdRows(dossier, AUGUST_2022, columns, words);
		const valueAt = (row: number, column: number) => rows.value(ids[row]!, columns[column]!);
		const down = planFillDown({ top: 0, left: c, bottom: 2, right: c }, { rowIds: ids, columns }, valueAt);
		expect(down.writes.map((w) => [w.householdId, w.value])).toEqual([
			[ids[1], false],
			[ids[2], false]
		]);
		const single = planFillDown({ top: 1, left: c, bottom: 1, right: c }, { rowIds: ids, columns }, valueAt);
		expect(single.writes.map((w) => w.householdId)).toEqual([ids[1]]);
		const net = col('s1_net');
		expect(planClear({ top: 0, left: net, bottom: 2, right: c }, { rowIds: ids, columns }).writes.every((w) => w.key !== 's1_net')).toBe(true);
	});
});

describe('undo of grid edits', () => {
	it('undoes a paste as one step and never undoes another person’s edit', () => {
		const { dossier, ids } = village();
		const mine = new Y.UndoManager(dossier.doc.getMap('households'), { trackedOrigins: new Set(['grid']), captureTimeout: 0 });
		const c = col('s2_unsafe');
		applyWrites(dossier, planPaste(parseTsv('是\t裂\n是\t漏'), { top: 0, left: c, bottom: 0, right: c }, { rowIds: ids, columns }).writes, 'grid');
		expect(mine.undoStack).toHaveLength(1);

		// Another cadre changes one of the pasted cells afterwards.
		const other = new DossierDoc(new Y.Doc());
		Y.applyUpdate(other.doc, Y.encodeStateAsUpdate(dossier.doc));
		other.setAnswer(ids[0]!, formKey, 's2_unsafe', false);
		Y.applyUpdate(dossier.doc, Y.encodeStateAsUpdate(other.doc, Y.encodeStateVector(dossier.doc)));

		mine.undo();
		expect(dossier.answer(ids[0]!, formKey, 's2_unsafe')).toBe(false);
		expect(dossier.answer(ids[0]!, formKey, 's2_unsafe__desc')).toBeUndefined();
		expect(dossier.answer(ids[1]!, formKey, 's2_unsafe')).toBeUndefined();
		mine.redo();
		expect(dossier.answer(ids[1]!, formKey, 's2_unsafe__desc')).toBe('漏');
		expect(dossier.answer(ids[0]!, formKey, 's2_unsafe')).toBe(false);
	});
});

describe('row query', () => {
	it('filters by type, problem and text, and sorts with empty values last', () => {
		const { dossier, ids } = village();
		dossier.setAnswer(ids[2]!, formKey, 's2_unsafe', 'x');
		const rows = new HouseholdRows(dossier, AUGUST_2022, columns, words);
		const facts = (id: string) => rows.rowFacts(id);
		const head = columns[0]!;
		const value = (id: string) => rows.value(id, head);
		expect(queryRows(ids, { type: 'monitored' }, null, facts, value)).toEqual([ids[1]]);
		expect(queryRows(ids, { text: '王' }, null, facts, value)).toEqual([ids[2]]);
		expect(queryRows(ids, { problem: true }, null, facts, value)).toContain(ids[2]);
		// Pinyin order: 李 (li) < 王 (wang) < 张 (zhang).
		expect(queryRows(ids, {}, { columnId: head.id, descending: false }, facts, value)).toEqual([ids[1], ids[2], ids[0]]);
		expect(queryRows(ids, {}, { columnId: head.id, descending: true }, facts, value)).toEqual([ids[0], ids[2], ids[1]]);
	});
});

describe('rows of a repeat group', () => {
	it('lists every household’s members, reads their computed cells and writes into the row', () => {
		const { dossier, ids } = village();
		const first = dossier.addRow(ids[0]!, CARD_FORM, 'members', { name: '张三', id_number: '11010519491231002X' });
		const second = dossier.addRow(ids[2]!, CARD_FORM, 'members', { name: '王小五' });
		const memberColumns = repeatGridColumns(householdCard, CARD_FORM, 'members');
		expect(memberColumns.slice(0, 2).map((c) => c.key)).toEqual(['head', 'type']);
		// Whose row it is, not the household's card to edit from a member's row.
		expect(memberColumns.slice(0, 2).every((c) => c.column.readOnly)).toBe(true);
		const rows = new HouseholdRows(dossier, AUGUST_2022, memberColumns, words, { kind: 'rows', formKey: CARD_FORM, groupId: 'members' });
		expect(rows.rowKeys()).toEqual([`${ids[0]}/${first}`, `${ids[2]}/${second}`]);
		const byKey = (key: string) => memberColumns.find((c) => c.key === key)!;
		expect(rows.cell(`${ids[0]}/${first}`, byKey('head')).text).toBe('张三');
		expect(rows.cell(`${ids[0]}/${first}`, byKey('birth_date')).text).toBe('1949-12-31');

		const plan = planPaste([['王五五']], { top: 1, left: 2, bottom: 1, right: 2 }, { rowIds: rows.rowKeys(), columns: memberColumns });
		expect(plan.writes[0]).toMatchObject({ householdId: ids[2], row: { groupId: 'members', rowId: second }, key: memberColumns[2]!.key });
		expect(changeKeys(plan.writes)).toEqual([`answer/${ids[2]}/card/members/${second}/${memberColumns[2]!.key}`]);
		applyWrites(dossier, plan.writes);
		expect(dossier.rows(ids[2]!, CARD_FORM, 'members')[0]![1][memberColumns[2]!.key]).toBe('王五五');

		// A row removed by someone else meanwhile is not written to.
		dossier.removeRow(ids[2]!, CARD_FORM, 'members', second);
		applyWrites(dossier, plan.writes);
		expect(dossier.rows(ids[2]!, CARD_FORM, 'members')).toEqual([]);
		rows.invalidate([ids[2]!]);
		expect(rows.rowKeysOf(ids[2]!)).toEqual([]);
	});
});
