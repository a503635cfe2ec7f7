import { describe, expect, it } from 'vitest';
import type { StatsTable } from '../../statistics/tables';
import { buildXlsx } from './request';
import { tablesXlsx } from './tables';
import { xlsxWords } from './words';
import { mergesOf, readBack } from './xlsxFixtures';

const zh = xlsxWords('zh');
const now = new Date('2022-08-20T09:30:00');

/** Tables shaped as the statistics page makes them (statistics/tables.ts). */
const tables: StatsTable[] = [
	{
		id: 'progress',
		title: '排查与整改进度',
		columns: [
			{ key: 'item', label: '项目', kind: 'text' },
			{ key: 'done', label: '已完成', kind: 'count' },
			{ key: 'total', label: '总数', kind: 'count' },
			{ key: 'share', label: '比例', kind: 'percent' }
		],
		rows: [
			{ key: 'check', cells: ['排查进度（户）', 6, 11, 6 / 11] },
			{ key: 'rectify', cells: ['整改进度（条）', 0, 0, null] }
		],
		note: '时间进度按行动时间 2022-08-01 至 2022-08-25 计'
	},
	{
		id: 'types',
		title: '按户类型',
		columns: [
			{ key: 'type', label: '户类型', kind: 'text' },
			{ key: 'households', label: '应排查户数', group: '农户', kind: 'count' },
			{ key: 'checked', label: '已排查户数', group: '农户', kind: 'count' },
			{ key: 'people', label: '应排查人数', group: '人口', kind: 'count' },
			{ key: 'checkedPeople', label: '已排查人数', group: '人口', kind: 'count' },
			{ key: 'checkRate', label: '排查率', kind: 'percent' }
		],
		rows: [
			{ key: 'ordinary', cells: ['一般户', 5, 2, 17, 6, 0.4] },
			{ key: 'lifted', cells: ['脱贫户', 4, 2, 8, 4, 0.5] },
			{ key: 'monitored', cells: ['监测户', 2, 2, 5, 5, 1] }
		],
		footer: { key: 'total', cells: ['合计', 11, 6, 30, 15, 6 / 11] },
		note: '已排查：入户排查表已签字且签字后未修改'
	},
	// A title longer than a sheet name may be, with characters Excel refuses in one; and the same
	// title twice.
	{
		id: 'long',
		title: '重点户（9 类重点户必到）/ 各类重点户排查情况: 低保、特困、残疾、重病、老人',
		columns: [
			{ key: 'kind', label: '类别', kind: 'text' },
			{ key: 'inBand', label: '监测范围（户）', kind: 'count' }
		],
		rows: [{ key: 'dibao', cells: ['低保户', null] }]
	},
	{
		id: 'again',
		title: '按户类型',
		columns: [{ key: 'x', label: '项目', kind: 'text' }],
		rows: [{ key: 'x', cells: ['—'] }]
	}
];

const SUMMARY = '截至2022年8月20日，贾寨镇在“八月攻坚”中共排查农户6户15人（应排查11户30人，排查率54.5%）。';

describe('report tables as one workbook', () => {
	it('writes the summary, a sheet per table, the dictionary; grouped headers, counts, rates, 合计 and notes', async () => {
		const progress: [number, number, string][] = [];
		const file = await tablesXlsx({
			words: zh,
			now,
			title: '贾寨镇排查统计',
			info: ['乡镇：贾寨镇', '排查活动：八月攻坚'],
			tables,
			summary: SUMMARY,
			fileName: '贾寨镇-八月攻坚-排查统计',
			onProgress: (d, t, p) => progress.push([d, t, p])
		});
		expect(file.fileName).toBe('贾寨镇-八月攻坚-排查统计-2022-08-20.xlsx');
		// Data rows of every table; 合计 is not a row of progress.
		expect(progress.at(-1)).toEqual([7, 7, 'file']);
		const wb = await readBack(file.bytes);
		const names = wb.worksheets.map((w) => w.name);
		expect(names).toEqual(['上报摘要', '排查与整改进度', '按户类型', '重点户（9 类重点户必到）_ 各类重点户排查情况_ 低保、特困', '按户类型(2)', '数据口径']);
		expect(names.every((n) => n.length <= 31)).toBe(true);

		// The summary sheet: title, facts with the export time, the paragraph merged and wrapped.
		const summary = wb.getWorksheet('上报摘要')!;
		expect(summary.getCell('A1').value).toBe('贾寨镇排查统计');
		expect(summary.getCell('A2').value).toBe('乡镇：贾寨镇\u3000\u3000排查活动：八月攻坚\u3000\u3000导出时间：2022-08-20 09:30');
		expect(summary.getCell('A4').value).toBe('上报摘要');
		expect(summary.getCell('A5').value).toBe(SUMMARY);
		expect(summary.getCell('A5').alignment?.wrapText).toBe(true);
		expect(mergesOf(wb, '上报摘要')).toEqual(expect.arrayContaining(['A1:H1', 'A5:H5']));

		// A table without groups: one header row; counts are numbers, a rate is its fraction shown 0.0%.
		const progressSheet = wb.getWorksheet('排查与整改进度')!;
		expect(progressSheet.getCell('A1').value).toBe('排查与整改进度');
		expect((progressSheet.getRow(3).values as unknown[]).slice(1)).toEqual(['项目', '已完成', '总数', '比例']);
		expect((progressSheet.getRow(4).values as unknown[]).slice(1)).toEqual(['排查进度（户）', 6, 11, 6 / 11]);
		expect(progressSheet.getCell('B4').numFmt).toBe('0');
		expect(progressSheet.getCell('D4').numFmt).toBe('0.0%');
		expect(progressSheet.getCell('D4').alignment?.horizontal).toBe('right');
		// A rate of nothing is "—", as the page shows it.
		expect(progressSheet.getCell('D5').value).toBe('—');
		// The note right under the last row, merged across the table, and in the print area.
		expect(progressSheet.getCell('A6').value).toBe('时间进度按行动时间 2022-08-01 至 2022-08-25 计');
		expect(mergesOf(wb, '排查与整改进度')).toContain('A6:D6');
		expect(progressSheet.pageSetup.printArea).toBe('A1:D6');

		// A grouped table: each group merged over its columns, an ungrouped column over both rows.
		const types = wb.getWorksheet('按户类型')!;
		expect(mergesOf(wb, '按户类型')).toEqual(expect.arrayContaining(['A3:A4', 'B3:C3', 'D3:E3', 'F3:F4', 'A9:F9']));
		expect((types.getRow(3).values as unknown[]).slice(1)).toEqual(['户类型', '农户', '农户', '人口', '人口', '排查率']);
		expect((types.getRow(4).values as unknown[]).slice(1)).toEqual(['户类型', '应排查户数', '已排查户数', '应排查人数', '已排查人数', '排查率']);
		expect((types.getRow(5).values as unknown[]).slice(1)).toEqual(['一般户', 5, 2, 17, 6, 0.4]);
		expect(types.getCell('F7').value).toBe(1);
		expect(types.getCell('F7').numFmt).toBe('0.0%');
		// 合计 in bold, typed as the rows are.
		expect((types.getRow(8).values as unknown[]).slice(1)).toEqual(['合计', 11, 6, 30, 15, 6 / 11]);
		for (const col of ['A', 'B', 'F']) expect(types.getCell(`${col}8`).font?.bold).toBe(true);
		expect(types.getCell('B7').font?.bold).toBeFalsy();
		expect(types.getCell('F8').numFmt).toBe('0.0%');
		expect(types.getCell('B8').border?.top?.style).toBe('thin');
		expect(types.getCell('A9').value).toBe('已排查：入户排查表已签字且签字后未修改');
		expect(types.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 4 });
		expect(types.pageSetup.printTitlesRow).toBe('3:4');

		// The dictionary names every table's columns, group / label, with their types and notes.
		const dict = wb.getWorksheet('数据口径')!;
		const rows = dict.getSheetValues().slice(1).map((r) => ((r as unknown[] | undefined) ?? []).slice(1));
		const entry = (sheet: string, column: string) => rows.find((r) => r[1] === sheet && r[2] === column)!;
		expect(entry('按户类型', 'B').slice(3, 10)).toEqual(['农户 / 应排查户数', undefined, undefined, '整数', undefined, undefined, '排查统计（本设备上各村档卡）']);
		expect(entry('按户类型', 'F')[6]).toBe('百分比');
		expect(entry('按户类型', 'F')[10]).toContain('0.545 显示为 54.5%');
		expect(entry('按户类型', 'F')[10]).not.toContain('不适用');
		expect(entry('排查与整改进度', 'D')[10]).toContain('“—”：不适用');
		expect(entry('重点户（9 类重点户必到）_ 各类重点户排查情况_ 低保、特困', 'B')[10]).toContain('“—”：不适用');
		expect(entry('排查与整改进度', 'A')[6]).toBe('文字');
		expect(rows.filter((r) => typeof r[0] === 'number')).toHaveLength(4 + 6 + 2 + 1);
	});

	it('leaves the summary sheet out when there is no paragraph, and names sheets in English', async () => {
		// A character outside the BMP (a rare name's 𠀀) is never cut in half at the 31st unit.
		const rare = { ...tables[3]!, title: `${'村'.repeat(30)}𠀀` };
		const file = await tablesXlsx({ words: xlsxWords('en'), now, title: 'Statistics', tables: [tables[0]!, rare] });
		expect(file.fileName).toBe('Statistics-2022-08-20.xlsx');
		const wb = await readBack(file.bytes);
		expect(wb.worksheets.map((w) => w.name)).toEqual(['排查与整改进度', '村'.repeat(30), 'Data dictionary']);
		expect(wb.worksheets[0]!.getCell('A2').value).toBe('Exported: 2022-08-20 09:30');
	});

	it('is a request the worker builds from plain data', async () => {
		const file = await buildXlsx({ kind: 'tables', locale: 'zh', names: {}, title: '北关村排查统计', tables: structuredClone(tables.slice(1, 2)), summary: SUMMARY });
		const wb = await readBack(file.bytes);
		expect(wb.worksheets.map((w) => w.name)).toEqual(['上报摘要', '按户类型', '数据口径']);
		expect(wb.getWorksheet('按户类型')!.getCell('F8').value).toBeCloseTo(6 / 11, 12);
	});
});
