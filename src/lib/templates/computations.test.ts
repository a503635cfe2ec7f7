import { describe, expect, it } from 'vitest';
import { COMPUTATIONS, compute } from './computations';
import { householdScreening2022 } from './official/householdScreening2022';
import { villageScreening2022 } from './official/villageScreening2022';
import { householdCard } from './householdCard';
import { incomeSheetTemplate } from './incomeSheetTemplate';
import { findQuestion, questions, type Question } from './template';
import { computedProblem, type ComputeContext } from './computations';
import { householdIncome } from '../accounting/incomeForm';
import { AUGUST_2022 } from '../campaign/campaign';

describe('computations', () => {
	it('knows every computation the templates name', () => {
		const named = [householdScreening2022, villageScreening2022, householdCard, incomeSheetTemplate]
			.flatMap(questions)
			.flatMap((q) => (q.type === 'repeat' ? q.questions : [q]))
			.flatMap((q) => (q.type === 'computed' ? [q.compute] : []));
		expect(named.length).toBeGreaterThan(10);
		expect(named.filter((n) => !(n in COMPUTATIONS))).toEqual([]);
	});

	it('fills 附件1 section 1 from the household card and the income sheet', () => {
		const card = {
			members: {
				a: { name: '陈二', resident: true, able_to_work: true },
				b: { name: '王芳', resident: true, able_to_work: false }
			}
		};
		const income = householdIncome(card, { lines: { l1: { category: 'wage', amount: 10_000_00 } }, education: 2_000_00 }, AUGUST_2022);
		const ctx = { meta: null, card, income, answers: {} };
		expect(compute('household.residents', ctx)).toBe(2);
		expect(compute('household.ableToWork', ctx)).toBe(1);
		expect(compute('income.netIncome', ctx)).toBe(10_000_00);
		expect(compute('income.belowLine', ctx)).toBe(true);
		expect(compute('income.largeRigidSpending', ctx)).toBe(false); // 2,000 of 10,000 is not large by default
		expect(compute('income.education', ctx)).toBe(2_000_00);
		expect(compute('income.netIncome', { meta: null, answers: {} })).toBeUndefined();
		expect(compute('income.netIncome', { meta: null, card, income: { state: 'empty' }, answers: {} })).toBeUndefined();
	});

	it('says why a required figure is missing', () => {
		const net = findQuestion(householdScreening2022, 's1_net') as Extract<Question, { type: 'computed' }>;
		const below = findQuestion(householdScreening2022, 's1_below_line') as Extract<Question, { type: 'computed' }>;
		const size = findQuestion(householdScreening2022, 's1_size') as Extract<Question, { type: 'computed' }>;
		const card = { members: { a: { resident: true }, b: { resident: false } } };
		const why = (q: typeof net, ctx: Omit<ComputeContext, 'answers'>) => computedProblem(q, compute(q.compute, { ...ctx, answers: {} }), ctx);
		expect(why(net, { meta: null, card, income: { state: 'empty' } })).toEqual({ code: 'form.why.noIncomeSheet' });
		expect(why(net, { meta: null, card, income: { state: 'invalid', invalid: ['medical', 'education'] } })).toEqual({ code: 'form.why.incomeInvalid', params: { count: 2 } });
		const nobody = { members: { a: { resident: false } } };
		expect(why(below, { meta: null, card: nobody, income: householdIncome(nobody, { lines: { l: { category: 'wage', amount: 1 } } }, AUGUST_2022) })).toEqual({
			code: 'form.why.noResidents'
		});
		expect(why(net, { meta: null, card, income: householdIncome(card, { lines: { l: { category: 'wage', amount: 1 } } }, AUGUST_2022) })).toBeNull();
		// A count is not sound while a resident box is unanswered, nor with nobody on the card.
		expect(why(size, { meta: null, card })).toBeNull();
		expect(why(size, { meta: null, card: { members: { a: { resident: true }, b: {} } } })).toEqual({ code: 'form.why.residentUnanswered', params: { count: 1 } });
		expect(why(size, { meta: null, card: {} })).toEqual({ code: 'form.why.noMembers' });
	});

	it('applies the 50,000-yuan collective income test of 附件2', () => {
		const below = (fen: unknown) => compute('village.collectiveIncomeBelowTarget', { meta: null, answers: { v4_collective_income: fen as number } });
		expect(below(49_999_99)).toBe(true);
		expect(below(50_000_00)).toBe(false);
		expect(below('五万')).toBeUndefined();
		expect(below(undefined)).toBeUndefined();
	});

	it('counts the household from its members and reads birth date and sex from an ID number', () => {
		const card = { members: { r1: { name: '刘大', resident: true }, r2: { name: '王芳' } }, head: '刘大' };
		expect(compute('household.members', { meta: null, card, answers: {} })).toBe(2);
		expect(compute('household.residents', { meta: null, card, answers: {} })).toBe(1); // 王芳's box is unanswered
		expect(compute('household.members', { meta: null, card: {}, answers: {} })).toBe(0);
		// 11010519491231002X: born 1949-12-31, sequence 002 (even): a woman.
		const row = (id_number: string | undefined) => ({ meta: null, answers: { id_number } });
		expect(compute('member.birthDate', row('11010519491231002X'))).toBe('1949-12-31');
		expect(compute('member.sex', row('11010519491231002X'))).toBe('female');
		expect(compute('member.sex', row('110105194912310011'))).toBe('male');
		// A number that does not check out says nothing about the person.
		expect(compute('member.birthDate', row('110105194912310021'))).toBeUndefined();
		expect(compute('member.sex', row(undefined))).toBeUndefined();
	});

	it('refuses an unknown computation', () => {
		expect(() => compute('nope.nothing', { meta: null, answers: {} })).toThrow(/unknown computation/);
	});
});
