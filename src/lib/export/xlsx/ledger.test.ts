import { describe, expect, it } from 'vitest';
import { ledgerXlsx } from './ledger';
import { xlsxWords } from './words';
import { fixtureLedger, mergesOf, readBack } from './xlsxFixtures';
import { lookupOf, namesFrom } from '../../organisation/personName';
import { people } from '../../ledger/ledgerFixtures';

const zh = xlsxWords('zh');
const now = new Date('2024-05-01T08:00:00');
/** The organisation's names: the checker was renamed since raising the findings. */
const names = namesFrom(lookupOf([...Object.values(people).filter((p) => p.id !== 'p-checker'), { id: 'p-checker', name: '赵检查' }]));
const day = (iso: string) => iso.slice(0, 10);

describe('问题台账', () => {
	it('writes a village’s ledger in the paper columns, dates as dates, the evidence counted, overdue in red', async () => {
		const rows = fixtureLedger().filter((r) => r.finding.dossierId === 'export0001');
		const file = await ledgerXlsx({ rows, scope: 'village', township: '洺州镇', village: '东街村', today: '2022-08-20', names, words: zh, now, day });
		expect(file.fileName).toBe('东街村-问题台账-2024-05-01.xlsx');
		const wb = await readBack(file.bytes);
		expect(wb.worksheets.map((w) => w.name)).toEqual(['问题台账', '数据口径']);
		const ws = wb.getWorksheet('问题台账')!;
		expect(ws.getCell('A1').value).toBe('本村问题台账');
		expect(ws.getCell('A2').value).toContain('村：东街村');
		expect(ws.getCell('A3').value).toBe('查找出问题 2 条，已整改 1 条，已销号 1 条，待审核 0 条，超期 1 条');
		expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual(['序号', '村', '户主', '类别', '问题描述', '发现人', '签字确认', '发现日期', '责任人', '整改时限', '整改措施', '佐证', '状态', '销号人', '销号日期']);
		const closed = ws.getRow(5);
		expect(closed.getCell(1).value).toBe(1);
		expect(closed.getCell(3).value).toBe('张三');
		expect(closed.getCell(6).value).toBe('赵检查');
		expect(closed.getCell(8).value).toEqual(new Date(Date.UTC(2022, 7, 8)));
		expect(closed.getCell(8).numFmt).toBe('yyyy-mm-dd');
		expect(closed.getCell(10).value).toEqual(new Date(Date.UTC(2022, 7, 25)));
		expect(closed.getCell(11).value).toBe('已加固屋顶');
		expect(closed.getCell(12).value).toBe(2);
		expect(closed.getCell(13).value).toBe('已销号');
		expect(closed.getCell(14).value).toBe('审核员老李');
		expect(closed.getCell(15).value).toBeInstanceOf(Date);
		const overdue = ws.getRow(6);
		expect(overdue.getCell(13).value).toBe('待整改 ⚠');
		expect(overdue.getCell(13).font?.color?.argb).toBe('FFC00000');
		expect(overdue.getCell(12).value).toBeNull();
		expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 4 });
		expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', printTitlesRow: '4:4', printArea: 'A1:O8' });
		expect(ws.getCell('A8').value).toBe('填报人（签字）：__________');
		expect(mergesOf(wb, '问题台账')).toEqual(expect.arrayContaining(['A1:O1', 'A8:E8', 'F8:J8', 'K8:O8']));

		const dict = wb.getWorksheet('数据口径')!;
		const status = [...Array(dict.rowCount).keys()].map((i) => dict.getRow(i + 1)).find((r) => r.getCell(4).value === '状态')!;
		expect(status.getCell(3).value).toBe('M');
		expect(status.getCell(9).value).toBe('待整改、整改中、待审核、已退回、已销号');
	});

	it('adds each village’s totals and their sum for the township', async () => {
		const file = await ledgerXlsx({ rows: fixtureLedger(), scope: 'township', township: '洺州镇', today: '2022-08-20', names, words: zh, now, day });
		const wb = await readBack(file.bytes);
		expect(wb.worksheets.map((w) => w.name)).toEqual(['问题台账', '各村统计', '数据口径']);
		const ws = wb.getWorksheet('问题台账')!;
		expect(ws.getCell('A1').value).toBe('全乡问题台账');
		expect([5, 6, 7].map((r) => ws.getCell(r, 2).value)).toEqual(['东街村', '东街村', '北关村']);
		// A village-level finding names the village form instead of a household.
		expect(ws.getCell(7, 3).value).toBe('乡村排查表');
		expect(ws.views[0]).toMatchObject({ xSplit: 3 });
		const totals = wb.getWorksheet('各村统计')!;
		expect((totals.getRow(3).values as unknown[]).slice(1)).toEqual(['村', '查找出问题', '已整改', '待审核', '已销号', '超期', '未销号']);
		expect((totals.getRow(4).values as unknown[]).slice(1)).toEqual(['东街村', 2, 1, 0, 1, 1, 1]);
		expect((totals.getRow(5).values as unknown[]).slice(1)).toEqual(['北关村', 1, 0, 0, 0, 0, 1]);
		expect((totals.getRow(6).values as unknown[]).slice(1)).toEqual(['合计', 3, 1, 0, 1, 1, 2]);
		const dict = wb.getWorksheet('数据口径')!;
		expect([...Array(dict.rowCount).keys()].map((i) => dict.getCell(i + 1, 2).value).filter((s) => s === '各村统计')).toHaveLength(7);
	});

	it('writes an empty ledger with its header and dictionary', async () => {
		const wb = await readBack((await ledgerXlsx({ rows: [], scope: 'village', village: '东街村', today: '2022-08-20', names, words: xlsxWords('en'), now, day })).bytes);
		const ws = wb.getWorksheet('Problem ledger')!;
		expect(ws.getCell(4, 2).value).toBe('Village');
		expect(ws.pageSetup.printArea).toBe('A1:O6');
	});
});
