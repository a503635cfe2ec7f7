import { describe, expect, it } from 'vitest';
import { gridViewColumns, tableXlsx, viewCell, type ViewColumn } from './table';
import { xlsxWords } from './words';
import { FORM, mergesOf, readBack } from './xlsxFixtures';
import { AUGUST_2022 } from '../../campaign/campaign';
import { householdGridColumns } from '../../grid/gridColumns';
import { campaignTemplate } from '../../templates/registry';

const zh = xlsxWords('zh');
const now = new Date('2024-05-01T08:00:00');

describe('the grid’s current view', () => {
	const keys = ['head', 'type', 'surveyed_on', 's1_net', 's2_unsafe', 's2_unsafe__desc'];
	const grid = householdGridColumns(campaignTemplate(AUGUST_2022, 'household')!, FORM).filter((c) => keys.includes(c.key));
	const columns = gridViewColumns(grid, zh, (formKey) => (formKey === FORM ? 'household-screening-2022@1' : undefined));

	it('writes the view under a grouped header, typed from the stored values', async () => {
		const rows = [
			[
				{ value: '张三', text: '张三' },
				{ value: 'lifted', text: '脱贫户' },
				{ value: '2022-08-06', text: '2022-08-06' },
				{ value: 16000_50, text: '16000.50' },
				{ value: true, text: '是' },
				{ value: '漏雨', text: '漏雨' }
			],
			// What the grid shows as text only: read in the column's kind.
			['李明', '一般户', '2022-08-07', '1,200.50', '否', ''],
			// A value that does not fit, as it stands.
			['王芳', '监测户', '', { value: '一千', text: '一千' }, null, undefined]
		];
		const progress: [number, number, string][] = [];
		const file = await tableXlsx({ title: '东街村 表格', columns, rows, words: zh, now, fileName: '东街村-表格', onProgress: (d, t, p) => progress.push([d, t, p]) });
		expect(file.fileName).toBe('东街村-表格-2024-05-01.xlsx');
		expect(progress.at(-1)).toEqual([3, 3, 'file']);
		const wb = await readBack(file.bytes);
		expect(wb.worksheets.map((w) => w.name)).toEqual(['表格', '数据口径']);
		const ws = wb.getWorksheet('表格')!;
		expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(['户主姓名', '户类型', '基本情况', '1. 2021年10月以来家庭收支情况', '2. 住房保障', '2. 住房保障']);
		expect(mergesOf(wb, '表格')).toEqual(expect.arrayContaining(['A3:A4', 'B3:B4', 'E3:F3']));
		expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 4 });
		expect((ws.getRow(5).values as unknown[]).slice(1)).toEqual(['张三', '脱贫户', new Date(Date.UTC(2022, 7, 6)), 16000.5, '是', '漏雨']);
		expect(ws.getCell('D5').numFmt).toBe('#,##0.00');
		expect((ws.getRow(6).values as unknown[]).slice(1)).toEqual(['李明', '一般户', new Date(Date.UTC(2022, 7, 7)), 1200.5, '否']);
		expect(ws.getCell('D7').value).toBe('一千');
		expect(ws.getCell('D7').font?.color?.argb).toBe('FFC00000');

		const dict = wb.getWorksheet('数据口径')!;
		expect(dict.getCell('D7').value).toBe('1. 2021年10月以来家庭收支情况 / ②2021年10月以来家庭纯收入（元）');
		expect(dict.getCell('H7').value).toBe('元');
		expect(dict.getCell('J7').value).toBe('household-screening-2022@1');
		expect(dict.getCell('J4').value).toBe('household-card@2');
	});

	it('reads cells in the column’s kind: money numbers are fen, IDs stay text, words stay words', () => {
		const money: ViewColumn = { header: '金额', kind: 'money' };
		expect(viewCell(money, 'money', 1234_56, zh)).toBe(1234.56);
		expect(viewCell(money, 'money', '¥1,234.56', zh)).toBe(1234.56);
		expect(viewCell(money, 'money', '约一千', zh)).toBe('约一千');
		expect(viewCell({ header: '万元', kind: 'wan' }, 'wan', '3.5', zh)).toBe(3.5);
		expect(viewCell({ header: '身份证号', kind: 'id' }, 'id', '410522198001011237', zh)).toBe('410522198001011237');
		expect(viewCell({ header: '人数', kind: 'integer' }, 'integer', '12', zh)).toBe(12);
		expect(viewCell({ header: '人数', kind: 'integer' }, 'integer', '4 人，常住 3 人', zh)).toBe('4 人，常住 3 人');
		expect(viewCell({ header: '是否', kind: 'short' }, 'short', true, zh)).toBe('是');
		expect(viewCell({ header: '月', kind: 'month' }, 'month', '2022-08', zh)).toEqual(new Date(Date.UTC(2022, 7, 1)));
	});
});
