import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DossierDoc } from './dossierDoc';
import { CARD_FORM } from './layout';

const cadre = { name: '王村干', at: new Date('2022-08-06T09:00:00+08:00') };

function sync(a: Y.Doc, b: Y.Doc) {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('DossierDoc', () => {
	it('initialises meta once and keeps the first names', () => {
		const d = new DossierDoc();
		expect(d.meta()).toBeNull();
		d.init({ id: 'dossier01', township: '洺州镇', village: '东村', createdBy: 'a' });
		d.init({ id: 'dossier01', township: '别的镇', village: '西村', createdBy: 'b' });
		expect(d.meta()).toMatchObject({ id: 'dossier01', township: '洺州镇', village: '东村', createdBy: 'a', layout: 1 });
	});

	it('creates households with a card and lists them in entry order', () => {
		const d = new DossierDoc();
		const first = d.createHousehold({ head: '张三', type: 'lifted' }, cadre);
		const second = d.createHousehold({ head: '李四', type: 'monitored' }, { name: '王村干', at: new Date('2022-08-07T09:00:00+08:00') });
		expect(d.listHouseholds().map((h) => [h.id, h.head, h.type])).toEqual([
			[first, '张三', 'lifted'],
			[second, '李四', 'monitored']
		]);
		expect(d.household(first)).toMatchObject({ createdBy: '王村干', createdAt: '2022-08-06T01:00:00.000Z' });
	});

	it('sets, reads and clears answers by question id', () => {
		const d = new DossierDoc();
		const id = d.createHousehold({ head: '张三', type: 'ordinary' }, cadre);
		d.setAnswer(id, CARD_FORM, 'size', 4);
		d.setAnswer(id, 'screening-2022', 'q1', true);
		expect(d.answer(id, CARD_FORM, 'size')).toBe(4);
		expect(d.answers(id, 'screening-2022')).toEqual({ q1: true });
		d.setAnswer(id, CARD_FORM, 'size', null);
		expect(d.answer(id, CARD_FORM, 'size')).toBeUndefined();
		expect(() => d.setAnswer('missing', CARD_FORM, 'size', 1)).toThrow(/no household/);
	});

	it('keeps values that do not fit as they are', () => {
		const d = new DossierDoc();
		const id = d.createHousehold({ head: '张三', type: 'ordinary' }, cadre);
		d.setAnswer(id, CARD_FORM, 'size', 'four');
		expect(d.answer(id, CARD_FORM, 'size')).toBe('four');
	});

	it('withdraws a household without deleting its record', () => {
		const d = new DossierDoc();
		const id = d.createHousehold({ head: '张三', type: 'ordinary' }, cadre);
		expect(() => d.removeHousehold(id, cadre, '  ')).toThrow();
		d.removeHousehold(id, { ...cadre, id: 'p-wang' }, '全户迁出，户口已转走');
		expect(d.listHouseholds()).toEqual([]);
		expect(d.household(id)).toBeNull();
		expect(d.householdsMap.get(id)?.toJSON()).toMatchObject({ removedBy: '王村干', removedById: 'p-wang', removedReason: '全户迁出，户口已转走' });
	});

	it('tells observers which households changed, locally and remotely', () => {
		const a = new DossierDoc();
		const b = new DossierDoc();
		const seen: string[][] = [];
		b.observeHouseholds((changed) => seen.push([...changed]));
		const id = a.createHousehold({ head: '张三', type: 'ordinary' }, cadre);
		sync(a.doc, b.doc);
		a.setAnswer(id, CARD_FORM, 'phone', '13800000000');
		sync(a.doc, b.doc);
		expect(seen).toEqual([[id], [id]]);
	});

	it('merges concurrent edits from two devices without loss', () => {
		const a = new DossierDoc();
		const b = new DossierDoc();
		const id = a.createHousehold({ head: '张三', type: 'ordinary' }, cadre);
		sync(a.doc, b.doc);
		a.setAnswer(id, CARD_FORM, 'size', 5);
		b.setAnswer(id, CARD_FORM, 'phone', '13900000000');
		const other = b.createHousehold({ head: '赵六', type: 'lifted' }, cadre);
		sync(a.doc, b.doc);
		for (const d of [a, b]) {
			expect(d.answers(id, CARD_FORM)).toMatchObject({ size: 5, phone: '13900000000', head: '张三' });
			expect(d.household(other)?.head).toBe('赵六');
		}
		expect(a.doc.getMap('households').toJSON()).toEqual(b.doc.getMap('households').toJSON());
	});

	it('keeps both devices’ answers when they start the same form offline', () => {
		const a = new DossierDoc();
		const b = new DossierDoc();
		const id = a.createHousehold({ head: '张三', type: 'ordinary' }, cadre);
		sync(a.doc, b.doc);
		// Neither device has this form yet; both start it at once.
		a.setAnswer(id, 'household-screening-2022@c1', 's2_unsafe', true);
		b.setAnswer(id, 'household-screening-2022@c1', 's3_dropout', false);
		sync(a.doc, b.doc);
		for (const d of [a, b]) expect(d.answers(id, 'household-screening-2022@c1')).toEqual({ s2_unsafe: true, s3_dropout: false });
	});

	it('keeps repeat rows added on two devices, in order, and hides a row removed on one', () => {
		const a = new DossierDoc();
		const b = new DossierDoc();
		const id = a.createHousehold({ head: '张三', type: 'ordinary' }, cadre);
		const first = a.addRow(id, CARD_FORM, 'members', { name: '张三', relation: 'head' });
		sync(a.doc, b.doc);
		const fromA = a.addRow(id, CARD_FORM, 'members', { name: '李梅' });
		const fromB = b.addRow(id, CARD_FORM, 'members', { name: '张小明' });
		sync(a.doc, b.doc);
		const names = (d: DossierDoc) => d.rows(id, CARD_FORM, 'members').map(([, v]) => v.name);
		expect(names(a)).toEqual(names(b));
		expect(names(a)[0]).toBe('张三');
		expect(new Set(names(a))).toEqual(new Set(['张三', '李梅', '张小明']));
		// The household size is counted from the same rows, and does not count row answers.
		for (const d of [a, b]) expect(d.countRows(id, CARD_FORM, 'members')).toBe(3);
		// A removes a row while B edits it: the row stays removed.
		a.removeRow(id, CARD_FORM, 'members', fromB);
		b.setRowAnswer(id, CARD_FORM, 'members', fromB, 'health', 'chronic');
		sync(a.doc, b.doc);
		for (const d of [a, b]) expect(d.rows(id, CARD_FORM, 'members').map(([rowId]) => rowId)).toEqual(expect.not.arrayContaining([fromB]));
		expect(a.rows(id, CARD_FORM, 'members').map(([rowId]) => rowId)).toContain(fromA);
		expect(a.rows(id, CARD_FORM, 'members').map(([rowId]) => rowId)).toContain(first);
		expect(b.countRows(id, CARD_FORM, 'members')).toBe(2);
		expect(() => a.setRowAnswer(id, CARD_FORM, 'members', 'missingrow', 'name', 'x')).toThrow(/no row/);
	});

	it('refuses a malformed form key', () => {
		const d = new DossierDoc();
		const id = d.createHousehold({ head: '张三', type: 'ordinary' }, cadre);
		expect(() => d.setAnswer(id, 'bad:key', 'q', 1)).toThrow(/bad form key/);
	});

	it('ignores household entries that are not households instead of failing to open', () => {
		const d = new DossierDoc();
		const id = d.createHousehold({ head: '张三', type: 'ordinary' }, cadre);
		const stray = d.doc.getMap('households') as unknown as import('yjs').Map<unknown>;
		stray.set('junk0001', 'not a household');
		stray.set('junk0002', { head: 'plain object' });
		expect(d.listHouseholds().map((h) => h.id)).toEqual([id]);
		expect(d.household('junk0001')).toBeNull();
		expect(d.answers('junk0002', CARD_FORM)).toEqual({});
		expect(() => d.setAnswer('junk0001', CARD_FORM, 'size', 1)).toThrow(/no household/);
	});

	it('keeps village-level forms apart from households, merged field by field', () => {
		const a = new DossierDoc();
		const b = new DossierDoc();
		a.setVillageAnswer('village-screening-2022@aug2022', 'village_type', 'lifted');
		b.setVillageAnswer('village-screening-2022@aug2022', 'v4_collective_income', 4_200_000);
		sync(a.doc, b.doc);
		for (const d of [a, b]) expect(d.villageAnswers('village-screening-2022@aug2022')).toEqual({ village_type: 'lifted', v4_collective_income: 4_200_000 });
		expect(a.listHouseholds()).toEqual([]);
	});
});
