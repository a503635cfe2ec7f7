import { describe, expect, it } from 'vitest';
import { findHeader, findRosterSheet, type ColumnTitle } from './headerRows';
import { checkMapping, guessMapping, restoreMapping, rosterShape, sourceKey } from './columnMapping';
import { readSheetFile, type Sheet } from './sheetFile';
import { rosterWorkbook, sheet, utf8, workbook } from './testing/rosterFixtures';

function firstSheet(bytes: Uint8Array, name = 'a.xlsx'): Sheet {
	const result = readSheetFile(bytes, name);
	if (!result.ok) throw new Error(result.refusal.code);
	return result.file.sheets[0]!;
}

function header(s: Sheet) {
	const found = findHeader(s);
	if (!found) throw new Error('no header');
	return found;
}

const byTitle = (columns: readonly ColumnTitle[], mapping: Record<string, number>) =>
	Object.fromEntries(Object.entries(mapping).map(([field, index]) => [field, columns.find((c) => c.index === index)!.title]));

/** The roster fixture's columns, as the township's 花名册 has them. */
const ROSTER_MAPPING = {
	'household.number': 1,
	'household.head': 2,
	'household.type': 3,
	'household.group': 4,
	'household.phone': 5,
	'member.name': 6,
	'member.id_number': 7,
	'member.relation': 8,
	'member.health': 9,
	'member.able_to_work': 10,
	'member.resident': 11
};

describe('finding the header', () => {
	it('takes a merged title row as a title, and a two-row header with merged parents as one', async () => {
		const s = firstSheet(await rosterWorkbook(3, 2));
		const h = header(s);
		expect(h).toMatchObject({ firstHeaderRow: 1, lastHeaderRow: 2, firstDataRow: 3, titles: ['洺州镇冯老村农户花名册'] });
		expect(h.columns.map((c) => c.path)).toEqual([
			['序号'],
			['户编号'],
			['户主信息', '户主姓名'],
			['户主信息', '户类型'],
			['户主信息', '村民组'],
			['户主信息', '联系电话'],
			['家庭成员信息', '姓名'],
			['家庭成员信息', '身份证号'],
			['家庭成员信息', '与户主关系'],
			['家庭成员信息', '健康状况'],
			['家庭成员信息', '劳动能力'],
			['家庭成员信息', '是否常住']
		]);
		expect(h.columns[7]).toMatchObject({ letter: 'H', title: '家庭成员信息 / 身份证号' });
		const guess = guessMapping(h.columns);
		expect(guess.mapping).toEqual(ROSTER_MAPPING);
		expect(guess.unmapped).toEqual([0]);
		expect(rosterShape(guess.mapping)).toBe('member');
		expect(checkMapping(guess.mapping, h.columns)).toEqual([]);
	});

	it('finds the same columns in the same roster saved as CSV, where the merges are lost', () => {
		const csv = [
			'洺州镇冯老村农户花名册,,,,,,,,,,,',
			'序号,户编号,户主信息,,,,家庭成员信息,,,,,',
			',,户主姓名,户类型,村民组,联系电话,姓名,身份证号,与户主关系,健康状况,劳动能力,是否常住',
			'1,H1,张三,脱贫户,一组,13812345678,张三,410102199001011015,户主,健康,是,是'
		].join('\r\n');
		const s = firstSheet(utf8(csv, true), 'a.csv');
		const h = header(s);
		expect(h).toMatchObject({ firstHeaderRow: 1, lastHeaderRow: 2, firstDataRow: 3 });
		expect(h.columns.map((c) => c.title)).toEqual([
			'序号',
			'户编号',
			'户主信息 / 户主姓名',
			'户主信息 / 户类型',
			'户主信息 / 村民组',
			'户主信息 / 联系电话',
			'家庭成员信息 / 姓名',
			'家庭成员信息 / 身份证号',
			'家庭成员信息 / 与户主关系',
			'家庭成员信息 / 健康状况',
			'家庭成员信息 / 劳动能力',
			'家庭成员信息 / 是否常住'
		]);
		expect(guessMapping(h.columns).mapping).toEqual(ROSTER_MAPPING);
	});

	it('reads 姓名 and 身份证号 under 户主信息 as the head’s, under 家庭成员 as the member’s', async () => {
		const s = firstSheet(
			await sheet(
				[
					['户主信息', null, '家庭成员', null, null],
					['姓名', '身份证号', '姓名', '身份证号', '关系'],
					['张三', '410102199001011015', '李四', '410102199001011023', '配偶']
				],
				(ws) => {
					ws.mergeCells('A1:B1');
					ws.mergeCells('C1:E1');
				}
			)
		);
		const h = header(s);
		expect(h.firstDataRow).toBe(2);
		expect(guessMapping(h.columns).mapping).toEqual({ 'household.head': 0, 'household.headId': 1, 'member.name': 2, 'member.id_number': 3, 'member.relation': 4 });
	});

	it('maps a 防返贫监测系统-style export: a title, an export line, forty columns, their numbers, then data', async () => {
		// 监测对象类别 is left to the cadre: it is blank for every household that is not monitored.
		const titles = [
			'序号', '省', '市', '县', '乡镇', '行政村', '自然村', '户编号', '人编号', '姓名', '证件号码', '人数', '与户主关系', '性别', '民族',
			'出生日期', '政治面貌', '文化程度', '在校生状况', '健康状况', '劳动技能', '务工状况', '务工时间（月）', '是否参加城乡居民基本医疗保险',
			'是否参加大病保险', '是否享受农村低保', '是否特困供养人员', '监测对象类别', '风险是否已消除', '识别监测时间', '致贫风险', '联系电话',
			'是否易地搬迁户', '家庭年收入（元）', '人均纯收入（元）', '帮扶责任人', '备注', '户主姓名', '村民组', '是否常住人口'
		];
		const s = firstSheet(
			await sheet(
				[
					['防返贫监测对象家庭成员信息表'],
					['导出单位：洺州镇人民政府    导出时间：2022-08-01'],
					titles,
					titles.map((_, i) => i + 1),
					titles.map((t, i) => (t === '姓名' ? '张三' : t === '证件号码' ? '410102199001011015' : i))
				],
				(ws) => {
					ws.mergeCells(1, 1, 1, titles.length);
					ws.mergeCells(2, 1, 2, titles.length);
				}
			)
		);
		const h = header(s);
		expect(h).toMatchObject({ firstHeaderRow: 2, lastHeaderRow: 2, firstDataRow: 4 });
		expect(h.titles).toEqual(['防返贫监测对象家庭成员信息表', '导出单位：洺州镇人民政府 导出时间：2022-08-01']);
		const mapping = byTitle(h.columns, guessMapping(h.columns).mapping);
		expect(mapping).toEqual({
			'household.number': '户编号',
			'member.name': '姓名',
			'member.id_number': '证件号码',
			'household.size': '人数',
			'member.relation': '与户主关系',
			'member.sex': '性别',
			'member.birth_date': '出生日期',
			'member.schooling': '文化程度',
			'member.health': '健康状况',
			'member.able_to_work': '劳动技能',
			'household.flag.dibao': '是否享受农村低保',
			'household.flag.tekun': '是否特困供养人员',
			'household.phone': '联系电话',
			'household.note': '备注',
			'household.head': '户主姓名',
			'household.group': '村民组',
			'member.resident': '是否常住人口'
		});
	});

	it('takes a sheet of one row per household, where 身份证号 is the head’s', async () => {
		const s = firstSheet(await sheet([['户主姓名', '身份证号', '户类型', '人口数（人）', '村民组', '联系电话', '备注'], ['张三', '410102199001011015', '脱贫户', 3, '一组', '', '']]));
		const guess = guessMapping(header(s).columns);
		expect(guess.mapping).toEqual({ 'household.head': 0, 'household.headId': 1, 'household.type': 2, 'household.size': 3, 'household.group': 4, 'household.phone': 5, 'household.note': 6 });
		expect(rosterShape(guess.mapping)).toBe('household');
	});

	it('guesses by the whole title only where the name is most of it', () => {
		const columns = ['劳动力人数', '户主联系电话', '身份证号码（18位）', '*姓名', '家庭\n人口数', '户主签字'].map((t, index) => ({ index, letter: '', path: [t], title: t }));
		expect(guessMapping(columns).mapping).toEqual({ 'household.phone': 1, 'member.id_number': 2, 'member.name': 3, 'household.size': 4 });
	});

	it('picks the roster among the sheets, passing over hidden lookup lists and notes', async () => {
		const bytes = await workbook((wb) => {
			wb.addWorksheet('说明').addRow(['填表说明：请按户填写，每人一行']);
			const lists = wb.addWorksheet('字典');
			lists.addRow(['户编号', '姓名', '身份证号', '与户主关系', '户类型', '健康状况']);
			lists.state = 'hidden';
			const roster = wb.addWorksheet('花名册');
			roster.addRow(['户编号', '姓名', '身份证号', '与户主关系']);
			roster.addRow(['1', '张三', '410102199001011015', '户主']);
		});
		const result = readSheetFile(bytes, 'a.xlsx');
		if (!result.ok) throw new Error(result.refusal.code);
		expect(findRosterSheet(result.file.sheets)?.sheet.name).toBe('花名册');
	});
});

describe('remembering a mapping per source', () => {
	it('keys it by the header alone: two villages’ exports of one system share it, another layout does not', async () => {
		const one = header(firstSheet(await sheet([['甲村花名册'], ['户编号', '姓名', '身份证号'], ['1', '张三', '410102199001011015']])));
		const two = header(firstSheet(await sheet([['乙村花名册'], ['户编号', '姓名', '身份证号'], ['7', '李四', '410102199001011023'], ['8', '王五', '410102199001011031']])));
		const other = header(firstSheet(await sheet([['乙村花名册'], ['户编号', '姓名', '证件号码'], ['7', '李四', '410102199001011023']])));
		expect(sourceKey(one.columns)).toBe(sourceKey(two.columns));
		expect(sourceKey(one.columns)).toMatch(/^h[0-9a-f]{16}$/);
		expect(sourceKey(other.columns)).not.toBe(sourceKey(one.columns));
	});

	it('restores only what still fits: known fields, columns that exist, each column once', () => {
		const columns = ['户编号', '姓名'].map((t, index) => ({ index, letter: '', path: [t], title: t }));
		expect(restoreMapping({ 'household.number': 0, 'member.name': 1, 'member.health': 5, 'member.nickname': 0, 'member.relation': 1 }, columns)).toEqual({
			'household.number': 0,
			'member.name': 1
		});
	});

	it('says what a mapping lacks before any row is read', () => {
		const columns = ['户类型', '姓名', '健康状况'].map((t, index) => ({ index, letter: '', path: [t], title: t }));
		expect(checkMapping({ 'household.type': 0 }, columns)).toEqual([{ code: 'import.mapping.noHead' }]);
		expect(checkMapping({ 'member.name': 1, 'member.health': 2 }, columns)).toEqual([{ code: 'import.mapping.cannotGroup' }]);
		expect(checkMapping({ 'member.name': 1, 'member.relation': 1 }, columns)).toEqual([{ code: 'import.mapping.columnTwice', params: { column: '姓名' } }]);
	});
});

describe('what is not a header', () => {
	it('does not take a title and a date above a one-row header for parents', () => {
		const csv = ['户主信息登记表,,,,2022年8月', '户编号,姓名,身份证号,与户主关系,健康状况', 'H1,张三,410102199001011015,户主,健康'].join('\n');
		const h = findHeader(firstSheet(utf8(csv), 'a.csv'))!;
		expect(h).toMatchObject({ firstHeaderRow: 1, lastHeaderRow: 1, firstDataRow: 2, titles: ['户主信息登记表 2022年8月'] });
		expect(guessMapping(h.columns).mapping).toEqual({ 'household.number': 0, 'member.name': 1, 'member.id_number': 2, 'member.relation': 3, 'member.health': 4 });
	});
});
