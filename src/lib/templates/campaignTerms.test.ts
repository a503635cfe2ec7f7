import { describe, expect, it } from 'vitest';
import { campaignTerms, GENERIC_TERMS, lineWords, placeholdersOf, rigidWords, withTerms, type FormTerms } from './campaignTerms';
import { AUGUST_2022, campaignSchema } from '../campaign/campaign';
import { campaignIncomeTemplate, campaignTemplate, getTemplate, questionLabel } from './registry';
import { findQuestion, questions, type Template } from './template';
import { householdScreening2022 } from './official/householdScreening2022';
import { villageScreening2022 } from './official/villageScreening2022';
import { incomeSheetTemplate } from './incomeSheetTemplate';
import { householdCard } from './householdCard';

const named = campaignSchema.parse({ ...AUGUST_2022, id: 'c2023', povertyLineFen: 7600_50, lineName: '监测线', largeRigidSpending: { percentOfNetIncome: 50 } });

const labels = (template: Template) =>
	questions(template)
		.flatMap((q) => (q.type === 'repeat' ? [q, ...q.questions] : [q]))
		.flatMap((q) => [q.label.zh, q.label.en])
		.concat(template.sections.flatMap((s) => [s.title.zh, s.title.en]));

describe('a form’s campaign terms', () => {
	it('names the line as the campaign names it, or by its amount alone as 004 does', () => {
		expect(lineWords(AUGUST_2022)).toEqual({ zh: '7300元', en: '7300 yuan' });
		expect(lineWords(named)).toEqual({ zh: '监测线（7600.50元）', en: 'the 监测线 (7600.50 yuan)' });
		expect(rigidWords(AUGUST_2022).zh).toBe('超过家庭纯收入');
		expect(rigidWords(named).zh).toBe('超过家庭纯收入的50%');
		expect(rigidWords(campaignSchema.parse({ ...AUGUST_2022, largeRigidSpending: { amountFen: 10_000_00 } })).zh).toBe('超过10000元');
	});

	it('fills every placeholder of every template, and knows no others', () => {
		const known = Object.keys(GENERIC_TERMS) as (keyof FormTerms)[];
		for (const template of [householdScreening2022, villageScreening2022, incomeSheetTemplate, householdCard]) {
			for (const text of labels(template)) for (const name of placeholdersOf(text)) expect(known).toContain(name);
			for (const text of labels(withTerms(template, campaignTerms(named)))) expect(text).not.toMatch(/\{\{/);
		}
	});

	it('prints no year’s line in a label: each campaign’s form reads its own', () => {
		for (const template of [householdScreening2022, incomeSheetTemplate]) expect(labels(template).join()).not.toMatch(/7300|贫困线|2022年为/);
		const below = (campaign: typeof named) => findQuestion(campaignTemplate(campaign, 'household')!, 's1_below_line')!.label.zh;
		expect(below(AUGUST_2022)).toBe('收入是否低于7300元');
		expect(below(named)).toBe('收入是否低于监测线（7600.50元）');
		expect(findQuestion(campaignIncomeTemplate(named), 'below_line')!.label.zh).toBe('人均纯收入是否低于监测线（7600.50元）');
		expect(findQuestion(campaignTemplate(named, 'household')!, 's1_rigid')!.label.zh).toBe('③家里有无大额刚性支出（超过家庭纯收入的50%为大额）');
	});

	it('gives the same filled template for the same campaign terms, leaving the template itself untouched', () => {
		expect(campaignTemplate(named, 'household')).toBe(campaignTemplate({ ...named }, 'household'));
		expect(findQuestion(getTemplate(householdScreening2022.id, 1)!, 's1_below_line')!.label.zh).toBe('收入是否低于{{line}}');
		expect(questionLabel(`${householdScreening2022.id}@c2023`, 's1_below_line', named)?.zh).toBe('收入是否低于监测线（7600.50元）');
		expect(questionLabel(`${householdScreening2022.id}@c2023`, 's1_below_line')?.zh).toBe('收入是否低于本次行动的标准');
	});
});
