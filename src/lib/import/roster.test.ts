import { describe, expect, it } from 'vitest';
import { gbk, idNumber, ids, rosterOf, sheet, townshipRoster, utf8, type SheetRow } from './testing/rosterFixtures';

describe('rows into households', () => {
	it('groups member rows by a household number merged down the rows, or written on the first only', async () => {
		const roster = rosterOf(await townshipRoster());
		expect(roster.shape).toBe('member');
		expect(roster.households.map((h) => [h.number, h.head, h.headId, h.rows])).toEqual([
			['H1', '张三', ids.zhang, [4, 5, 6]],
			['H3', '孙七', ids.sun, [9, 10]]
		]);
		const [zhang, sun] = roster.households;
		expect(zhang!.card).toEqual({ head: '张三', type: 'lifted', group: '一组' });
		expect(zhang!.declaredSize).toBe(3);
		expect(zhang!.members.map((m) => m.values)).toEqual([
			{ name: '张三', id_number: ids.zhang, relation: 'head', health: 'healthy' },
			{ name: '李梅', id_number: ids.li, relation: 'spouse', health: 'chronic' },
			{ name: '张小明', id_number: ids.xiaoming, relation: 'child', health: 'healthy' }
		]);
		expect(sun!.card).toEqual({ head: '孙七', type: 'monitored', group: '1组' });
		expect(sun!.members.map((m) => [m.row, m.name, m.values.relation])).toEqual([
			[9, '孙七', 'head'],
			[10, '孙八', 'child']
		]);
	});

	it('refuses a household whole when one of its rows is refused, naming the row and the column as the sheet does', async () => {
		const roster = rosterOf(await townshipRoster());
		expect(roster.refused).toEqual([
			{ row: 7, code: 'import.row.sameHousehold', params: { rows: '8' } },
			{ row: 8, column: { index: 5, letter: 'F', title: '家庭成员信息 / 身份证号' }, code: 'import.cell.idAsNumber', params: { shown: '4.10102E+17' } }
		]);
	});

	it('skips totals and notes, and warns where the stated size and the members listed differ', async () => {
		const roster = rosterOf(await townshipRoster());
		expect(roster.skippedRows).toEqual([11, 12]);
		expect(roster.rowsRead).toBe(7);
		expect(roster.warnings).toEqual([{ row: 9, column: { index: 8, letter: 'I', title: '人口数' }, code: 'import.warn.sizeDiffers', params: { declared: 3, counted: 2 } }]);
	});

	it('reports an ID number on two rows and holds back both households, merging nothing', async () => {
		const rows: SheetRow[] = [
			['户编号', '姓名', '身份证号', '与户主关系'],
			['1', '张三', ids.zhang, '户主'],
			['1', '李梅', ids.li, '配偶'],
			['2', '王五', ids.wang, '户主'],
			['2', '李梅', ids.li, '儿媳'],
			['3', '孙七', ids.sun, '户主']
		];
		const roster = rosterOf(await sheet(rows));
		expect(roster.duplicateIds).toEqual([{ idNumber: ids.li, rows: [3, 5] }]);
		expect(roster.households.map((h) => h.head)).toEqual(['孙七']);
		expect(roster.refused.map((r) => [r.row, r.code])).toEqual([
			[2, 'import.row.sameHousehold'],
			[3, 'import.row.duplicateInFile'],
			[4, 'import.row.sameHousehold'],
			[5, 'import.row.duplicateInFile']
		]);
	});

	it('without a household number, starts a household at each 户主 row; a row before any is refused', async () => {
		const roster = rosterOf(
			utf8(['姓名,身份证号,与户主关系,出生日期', `李梅,${ids.li},妻,1968-05-12`, `张三,${ids.zhang},户主,1965/3/4`, `李梅,${idNumber('19900101', 2)},女,1990年1月2日`, `王五,${ids.wang},本人,19700101`].join('\n')),
			'a.csv'
		);
		expect(roster.households.map((h) => [h.head, h.members.map((m) => m.name)])).toEqual([
			['张三', ['张三', '李梅']],
			['王五', ['王五']]
		]);
		expect(roster.refused).toEqual([{ row: 2, column: { index: 2, letter: 'C', title: '与户主关系' }, code: 'import.row.noHousehold' }]);
		// 1990年1月2日 is not the birth date in that ID number (1 January): the ID counts, and it is said.
		expect(roster.warnings).toEqual([
			{ row: 4, column: { index: 3, letter: 'D', title: '出生日期' }, code: 'import.warn.birthDateDiffers', params: { date: '1990-01-02', fromId: '1990-01-01' } }
		]);
	});

	it('groups by runs of the head’s name when that is all there is, and finds the head by name', async () => {
		const roster = rosterOf(
			await sheet([
				['户主姓名', '姓名', '身份证号', '村民组'],
				['张三', '张三', ids.zhang, '一组'],
				['张三', '李梅', ids.li, '一组'],
				['王五', '王五', ids.wang, '二组'],
				[null, '赵六', ids.zhao, '二组']
			])
		);
		expect(roster.households.map((h) => [h.head, h.headId, h.members.map((m) => [m.name, m.values.relation ?? null])])).toEqual([
			[
				'张三',
				ids.zhang,
				[
					['张三', 'head'],
					['李梅', null]
				]
			],
			[
				'王五',
				ids.wang,
				[
					['王五', 'head'],
					['赵六', null]
				]
			]
		]);
	});

	it('reads one row per household: the head is its member, flags from yes/no columns', async () => {
		const roster = rosterOf(
			await sheet([
				['户主姓名', '身份证号', '户类型', '人口数', '村民组', '联系电话', '是否低保户', '是否五保户'],
				['张三', ids.zhang, '脱贫户', 4, '一组', '138 1234 5678', '是', '否'],
				['王五', ids.wang, '', 2, '二组', null, null, '√']
			])
		);
		expect(roster.shape).toBe('household');
		expect(roster.refused).toEqual([]);
		expect(roster.households.map((h) => ({ card: h.card, flags: h.flags, members: h.members.map((m) => m.values) }))).toEqual([
			{
				card: { head: '张三', type: 'lifted', group: '一组', phone: '13812345678' },
				flags: { on: ['dibao'], off: ['tekun'] },
				members: [{ name: '张三', relation: 'head', id_number: ids.zhang }]
			},
			{ card: { head: '王五', group: '二组' }, flags: { on: ['tekun'], off: [] }, members: [{ name: '王五', relation: 'head', id_number: ids.wang }] }
		]);
	});

	it('refuses two heads, a head whose name differs from the head row, and a household with two types', async () => {
		const roster = rosterOf(
			await sheet([
				['户编号', '户主姓名', '户类型', '姓名', '与户主关系'],
				['1', '张三', '一般户', '张三', '户主'],
				['1', '张三', '一般户', '张四', '户主'],
				['2', '王五', '一般户', '王武', '户主'],
				['3', '孙七', '一般户', '孙七', '户主'],
				['3', '孙七', '脱贫户', '孙八', '子']
			])
		);
		expect(roster.households).toEqual([]);
		expect(roster.refused.filter((r) => r.code !== 'import.row.sameHousehold')).toEqual([
			{ row: 3, column: expect.objectContaining({ letter: 'E' }), code: 'import.row.twoHeads', params: { rows: '2、3' } },
			{ row: 4, column: expect.objectContaining({ letter: 'B' }), code: 'import.row.headNameDiffers', params: { head: '王五', name: '王武' } },
			{ row: 6, column: expect.objectContaining({ letter: 'C' }), code: 'import.row.valuesDiffer', params: { value: '脱贫户', first: '一般户', firstRow: 5 } }
		]);
	});

	it('refuses a formula saved without its result, and skips the header repeated on each printed page', async () => {
		const roster = rosterOf(
			await sheet([
				['户编号', '姓名', '身份证号', '与户主关系', '健康状况'],
				['1', '张三', ids.zhang, '户主', '健康'],
				['户编号', '姓名', '身份证号', '与户主关系', '健康状况'],
				['2', '王五', ids.wang, '户主', { formula: 'VLOOKUP(B4,字典!A:B,2,0)' }]
			])
		);
		expect(roster.skippedRows).toEqual([3]);
		expect(roster.households.map((h) => h.head)).toEqual(['张三']);
		expect(roster.refused).toEqual([
			{ row: 4, column: { index: 4, letter: 'E', title: '健康状况' }, code: 'import.cell.formulaNoValue', params: { formula: '=VLOOKUP(B4,字典!A:B,2,0)' } }
		]);
	});

	it('does not take an empty row under a household’s merged cells for a member', async () => {
		const roster = rosterOf(
			await sheet(
				[
					['户编号', '户主姓名', '姓名', '身份证号', '与户主关系'],
					['1', '张三', '张三', ids.zhang, '户主'],
					[null, null, '李梅', ids.li, '配偶'],
					[null, null, null, null, null],
					['2', '王五', '王五', ids.wang, '户主']
				],
				(ws) => {
					ws.mergeCells('A2:A4');
					ws.mergeCells('B2:B4');
				}
			)
		);
		expect(roster.refused).toEqual([]);
		expect(roster.households.map((h) => [h.head, h.rows])).toEqual([
			['张三', [2, 3]],
			['王五', [5]]
		]);
	});

	it('reads a GBK CSV as WPS saves it: full-width digits, a lower-case x, and an ID Excel turned into 1.2E+17', () => {
		const wide = (text: string) => text.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
		const csv = [
			'户编号,户主姓名,姓名,身份证号,与户主关系,人口数',
			`１,张三,张三,${wide(ids.zhang)},户主,２`,
			`１,张三,张小明,${ids.xiaoming.toLowerCase()},子,`,
			`２,王五,王五,1.2E+17,户主,1`
		].join('\r\n');
		const roster = rosterOf(gbk(csv), '花名册.csv');
		expect(roster.households.map((h) => [h.number, h.head, h.members.map((m) => m.idNumber)])).toEqual([['1', '张三', [ids.zhang, ids.xiaoming]]]);
		expect(roster.warnings).toEqual([]);
		expect(roster.refused).toEqual([{ row: 4, column: { index: 3, letter: 'D', title: '身份证号' }, code: 'import.cell.idAsNumber', params: { shown: '1.2E+17' } }]);
	});
});
