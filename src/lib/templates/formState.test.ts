import { describe, expect, it } from 'vitest';
import { formState, isFlagged, reasonsToSay, signingBlockers } from './formState';
import { householdIncome } from '../accounting/incomeForm';
import { AUGUST_2022 } from '../campaign/campaign';
import { campaignTemplate } from './registry';
import { describeKey } from './template';
import { householdScreening2022 } from './official/householdScreening2022';
import { villageScreening2022 } from './official/villageScreening2022';
import { evaluate } from './conditions';
import { findQuestion } from './template';

const ctx = { meta: { township: '洺州镇', village: '东街村' }, card: { head: '张三', type: 'lifted' }, income: null };

describe('formState', () => {
	it('fills the header from the dossier and the household card', () => {
		const header = formState(householdScreening2022, {}, ctx)[0]!;
		const values = Object.fromEntries(header.questions.map((q) => [q.question.id, q.value]));
		expect(values).toMatchObject({ township: '洺州镇', village: '东街村', head: '张三', household_type: 'lifted' });
	});

	it('counts answered rows per section and flags problem answers', () => {
		const sections = formState(householdScreening2022, { s2_unsafe: true, s2_unappraised: false, s2_sign_matches: false }, ctx);
		const housing = sections.find((s) => s.id === 's2_housing')!;
		expect(housing).toMatchObject({ answered: 3, required: 6, flagged: 2 });
		expect(housing.questions.filter((q) => q.flagged).map((q) => q.question.id)).toEqual(['s2_unsafe', 's2_sign_matches']);
	});

	it('asks each household only what applies to it: an ordinary household gets no false problems', () => {
		const asked = (card: Record<string, unknown>, answers: Record<string, unknown> = {}) =>
			formState(householdScreening2022, answers as Record<string, boolean>, { ...ctx, card: card as typeof ctx.card })
				.flatMap((s) => s.questions)
				.map((q) => q.question.id);
		// The sign plate and the chronic-illness appraisal are for 脱贫户 and 监测户 only.
		expect(asked({ head: '李四', type: 'ordinary' })).not.toContain('s2_sign_matches');
		expect(asked({ head: '李四', type: 'ordinary' })).not.toContain('s4_chronic_unappraised');
		expect(asked({ head: '张三', type: 'lifted' })).toContain('s2_sign_matches');
		expect(asked({ head: '王五', type: 'monitored' })).toContain('s4_chronic_unappraised');
		// The contribution subsidy concerns monitored, 低保 and 特困 households; the departments'
		// yearly review of cards and plates, households under support.
		expect(asked({ head: '李四', type: 'ordinary' })).not.toContain('s4_subsidy_known');
		expect(asked({ head: '李四', type: 'ordinary', flags: ['dibao'] })).toContain('s4_subsidy_known');
		expect(asked({ head: '王五', type: 'monitored' })).toContain('s4_subsidy_known');
		expect(asked({ head: '李四', type: 'ordinary' })).not.toContain('s10_annual_review');
		expect(asked({ head: '张三', type: 'lifted' })).toContain('s10_annual_review');
		// Repair and acceptance, the subsidy and living on in it follow a 危房 only.
		expect(asked(ctx.card)).not.toContain('s2_repaired');
		expect(asked(ctx.card, { s2_unsafe: false })).not.toContain('s2_repaired');
		expect(asked(ctx.card, { s2_unsafe: true })).toEqual(expect.arrayContaining(['s2_repaired', 's2_subsidy_unpaid', 's2_still_lived_in']));
		// The 16–59 特困 question: only with a disabled or seriously ill member of that age.
		const member = (id: string, health: string) => ({ name: 'x', id_number: id, health, resident: true });
		const adult = '110105198001010016'; // born 1980
		const child = '110105202401010014'; // born 2024: a child for years to come
		const noTekun = asked({ head: '李四', type: 'ordinary', members: { r1: member(adult, 'healthy') } });
		expect(noTekun).not.toContain('s6_tekun_included');
		expect(asked({ head: '李四', type: 'ordinary', members: { r1: member(adult, 'disabled') } })).toContain('s6_tekun_included');
		expect(asked({ head: '李四', type: 'ordinary', members: { r1: member(child, 'disabled') } })).not.toContain('s6_tekun_included');
		// Not known yet (no ID number): asked, rather than a problem missed.
		expect(asked({ head: '李四', type: 'ordinary', members: { r1: { name: 'x', health: 'serious' } } })).toContain('s6_tekun_included');
		// An ordinary household answering everything it is asked 否 where 否 is fine has no problems.
		const sections = formState(householdScreening2022, { s2_unsafe: false }, { ...ctx, card: { head: '李四', type: 'ordinary' } });
		expect(sections.find((s) => s.id === 's2_housing')!.flagged).toBe(0);
	});

	it('hides a follow-up until its condition holds, and then requires it', () => {
		const village = (answers: Record<string, boolean>) => formState(villageScreening2022, answers, ctx).find((s) => s.id === 'v5_projects')!;
		expect(village({}).questions.map((q) => q.question.id)).not.toContain('v5_started');
		expect(village({ v5_has_projects: true }).questions.map((q) => q.question.id)).toContain('v5_started');
		expect(village({ v5_has_projects: true }).required).toBe(5);
		expect(village({ v5_has_projects: false }).required).toBe(4);
	});

	it('applies the collective income test from the typed figure', () => {
		const industry = formState(villageScreening2022, { v4_collective_income: 3_000_000 }, ctx).find((s) => s.id === 'v4_industry')!;
		const below = industry.questions.find((q) => q.question.id === 'v4_collective_below_target')!;
		expect(below).toMatchObject({ value: true, flagged: true });
	});

	it('reports a value that does not fit as a problem, not as an answer to drop', () => {
		const industry = formState(villageScreening2022, { v4_collective_income: '三万' }, ctx).find((s) => s.id === 'v4_industry')!;
		expect(industry.problems).toBe(1);
		expect(industry.questions.find((q) => q.question.id === 'v4_collective_income')!.problem?.code).toBe('answer.notMoneyWan');
	});
});

describe('a complete form, the only kind that is signed (issue 12)', () => {
	const form = campaignTemplate(AUGUST_2022, 'household')!;
	const resident = { members: { a: { name: '刘大', resident: true, able_to_work: true } } };
	/** Every question of 附件1 answered 否 (and the month it was screened). */
	const allAnswered = () => {
		const answers: Record<string, string | boolean> = { surveyed_on: '2022-08-01' };
		for (const section of form.sections) for (const q of section.questions) if (q.type === 'yesno') answers[q.id] = false;
		return answers;
	};
	const section1 = (card: object, income: ReturnType<typeof householdIncome>) =>
		formState(form, allAnswered(), { ...ctx, card: { ...ctx.card, ...card }, income }).find((s) => s.id === 's1_income')!;

	it('is not complete while section 1 is empty for want of an income sheet, and says why', () => {
		const sections = formState(form, allAnswered(), { ...ctx, card: { ...ctx.card, ...resident }, income: householdIncome(resident, {}, AUGUST_2022) });
		const s1 = sections.find((s) => s.id === 's1_income')!;
		expect(s1.answered).toBeLessThan(s1.required);
		expect(s1.questions.find((q) => q.question.id === 's1_net')!.problem).toEqual({ code: 'form.why.noIncomeSheet' });
		// One reason, said once, for the nine figures it leaves out; nothing else stands in the way.
		expect(signingBlockers(sections)).toEqual([{ sectionId: 's1_income', code: 'form.why.noIncomeSheet', params: undefined }]);
		// And the form says it under the first of those figures only.
		expect([...reasonsToSay(sections)].map((q) => q.question.id)).toEqual(['s1_net']);
	});

	it('is complete, and can be signed, once the income sheet has a line', () => {
		const income = householdIncome(resident, { lines: { l1: { category: 'transfer', amount: 3000_00 } } }, AUGUST_2022);
		const sections = formState(form, allAnswered(), { ...ctx, card: { ...ctx.card, ...resident }, income });
		expect(sections.every((s) => s.answered === s.required || s.id === 'signoff')).toBe(true);
		expect(signingBlockers(sections)).toEqual([]);
		expect(section1(resident, income).questions.find((q) => q.question.id === 's1_size')!.headcount).toEqual({ total: 1, residents: 1, unanswered: 0, ableToWork: 1 });
	});

	it('cannot be signed while a member’s resident box is unanswered, nor with no resident', () => {
		const unanswered = { members: { a: { name: '刘大', resident: true }, b: { name: '王芳' } } };
		const line = { lines: { l1: { category: 'wage', amount: 1000_00 } } };
		const s1 = section1(unanswered, householdIncome(unanswered, line, AUGUST_2022));
		expect(signingBlockers([s1])).toEqual([{ sectionId: 's1_income', code: 'form.why.residentUnanswered', params: { count: 1 } }]);
		const nobody = { members: { a: { name: '刘大', resident: false } } };
		expect(signingBlockers([section1(nobody, householdIncome(nobody, line, AUGUST_2022))]).map((b) => b.code)).toEqual(['form.why.noResidents']);
	});

	it('counts unanswered and unfitting answers per section', () => {
		const answers: Record<string, string | boolean> = { ...allAnswered(), s2_unsafe: 'maybe' };
		delete answers.s3_dropout;
		delete answers.s3_college;
		const income = householdIncome(resident, { lines: { l1: { category: 'wage', amount: 1 } } }, AUGUST_2022);
		const blockers = signingBlockers(formState(form, answers, { ...ctx, card: { ...ctx.card, ...resident }, income }));
		expect(blockers).toEqual([
			{ sectionId: 's2_housing', code: 'form.blocked.invalid', params: { count: 1 } },
			{ sectionId: 's3_education', code: 'form.blocked.unanswered', params: { count: 2 } }
		]);
		// A description is not a question of its own: leaving one empty blocks nothing.
		expect(answers[describeKey('s2_unsafe')]).toBeUndefined();
	});
});

describe('conditions', () => {
	it('combines all, any and not', () => {
		const answers = { a: true, b: 'x', c: ['p', 'q'] };
		expect(evaluate({ all: [{ q: 'a', eq: true }, { q: 'b', in: ['x', 'y'] }] }, answers)).toBe(true);
		expect(evaluate({ any: [{ q: 'a', eq: false }, { q: 'c', eq: 'q' }] }, answers)).toBe(true);
		expect(evaluate({ not: { q: 'd', answered: true } }, answers)).toBe(true);
		expect(evaluate({ q: 'd', eq: null }, answers)).toBe(true);
		expect(evaluate({ q: 'b', eq: 'y' }, answers)).toBe(false);
	});

	it('marks which answer is a problem', () => {
		const knows = findQuestion(householdScreening2022, 's12_knows_team')!;
		expect(isFlagged(knows, false)).toBe(true);
		expect(isFlagged(knows, true)).toBe(false);
		expect(isFlagged(knows, undefined)).toBe(false);
	});
});
