import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';
import { householdFormTable } from './householdExport';
import { DossierDoc } from '../dossier/dossierDoc';
import { AUGUST_2022, campaignFormKey, INCOME_SHEET } from '../campaign/campaign';
import { householdScreening2022 } from '../templates/official/householdScreening2022';
import { columnsOf } from '../templates/columns';
import { campaignTemplate } from '../templates/registry';
import { campaignSchema } from '../campaign/campaign';
import { CARD_FORM } from '../dossier/layout';

const words = { yes: '是', no: '否', locale: 'zh' as const, headcount: (c: { total: number; residents: number }) => `${c.total} 人，常住 ${c.residents} 人` };

describe('csv', () => {
	it('quotes, keeps Chinese, and defuses formulas', () => {
		expect(csvCell('张三')).toBe('张三');
		expect(csvCell('a,b')).toBe('"a,b"');
		expect(csvCell('say "hi"')).toBe('"say ""hi"""');
		expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
		expect(csvCell('-12.50')).toBe('-12.50');
		expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(toCsv([['a', 'b'], ['1', '2']])).toBe('\uFEFFa,b\r\n1,2\r\n');
	});
});

describe('household form export', () => {
	it('has one column per question of the template, descriptions beside problem questions', () => {
		const columns = columnsOf(householdScreening2022);
		const keys = columns.map((c) => c.key);
		expect(keys).toContain('s2_unsafe');
		expect(keys[keys.indexOf('s2_unsafe') + 1]).toBe('s2_unsafe__desc');
		expect(keys).not.toContain('checker_signature');
		expect(columns.find((c) => c.key === 's1_net')?.readOnly).toBe(true);
	});

	it('writes each household with computed figures and answers as people read them', () => {
		const d = new DossierDoc();
		d.init({ id: 'export0001', township: '洺州镇', village: '东街村', createdBy: 'x' });
		const id = d.createHousehold({ head: '张三', type: 'lifted' }, { name: 'x' });
		d.addRow(id, CARD_FORM, 'members', { name: '张三', resident: true, able_to_work: true });
		d.addRow(id, CARD_FORM, 'members', { name: '张小三', resident: false });
		const income = campaignFormKey(INCOME_SHEET, AUGUST_2022.id);
		d.addRow(id, income, 'lines', { category: 'wage', amount: 6000_00 });
		d.setAnswer(id, income, 'medical', 6000_01);
		const form = campaignFormKey(householdScreening2022.id, AUGUST_2022.id);
		d.setAnswer(id, form, 's2_unsafe', true);
		d.setAnswer(id, form, 's2_unsafe__desc', '=屋顶漏雨');
		const [header, row] = householdFormTable(d, campaignTemplate(AUGUST_2022, 'household')!, AUGUST_2022, words);
		const cell = (name: string) => row![header!.findIndex((h) => h.endsWith(name))];
		expect(row!.slice(0, 2)).toEqual(['张三', '脱贫户']);
		expect(cell('①家里人口（口人）')).toBe('2 人，常住 1 人');
		expect(cell('②2021年10月以来家庭纯收入（元）')).toBe('6000.00');
		// The line as the campaign has it (004 names only the amount), and the form's own 有/无.
		expect(cell('收入是否低于7300元')).toBe('是');
		expect(cell('③家里有无大额刚性支出（超过家庭纯收入为大额）')).toBe('有');
		expect(cell('①现住房是否为不安全住房')).toBe('是');
		expect(cell('①现住房是否为不安全住房（问题描述）')).toBe('=屋顶漏雨');
		expect(toCsv([header!, row!])).toContain("'=屋顶漏雨");
	});

	it('names the line as the campaign names it, with the campaign’s figure', () => {
		const campaign = campaignSchema.parse({ ...AUGUST_2022, id: 'c2023', name: '2023年排查', povertyLineFen: 7600_00, lineName: '监测线' });
		const header = householdFormTable(new DossierDoc(), campaignTemplate(campaign, 'household')!, campaign, words)[0]!;
		expect(header.some((h) => h.endsWith('收入是否低于监测线（7600元）'))).toBe(true);
		expect(header.join()).not.toMatch(/7300|贫困线/);
	});
});
