import { describe, expect, it } from 'vitest';
import { COMPUTATIONS, compute } from './computations';
import { householdScreening2022 } from './official/householdScreening2022';
import { villageScreening2022 } from './official/villageScreening2022';
import { householdCard } from './householdCard';
import { incomeSheetTemplate } from './incomeSheetTemplate';
import { questions } from './template';
import { computeIncome } from '../accounting/incomeSheet';

describe('computations', () => {
	it('knows every computation the templates name', () => {
		const named = [householdScreening2022, villageScreening2022, householdCard, incomeSheetTemplate]
			.flatMap(questions)
			.flatMap((q) => (q.type === 'repeat' ? q.questions : [q]))
			.flatMap((q) => (q.type === 'computed' ? [q.compute] : []));
		expect(named.length).toBeGreaterThan(10);
		expect(named.filter((n) => !(n in COMPUTATIONS))).toEqual([]);
	});

	it('fills 附件1 section 1 from the income sheet', () => {
		const income = computeIncome(
			{
				members: [
					{ resident: true, ableToWork: true },
					{ resident: true, ableToWork: false }
				],
				lines: [{ category: 'wage', amount: 10_000_00 }],
				productionCosts: 0,
				education: 2_000_00,
				medicalOutOfPocket: 0
			},
			{ lineFen: 7300_00, monitoringFactor: 1.5 }
		);
		const ctx = { meta: null, income, answers: {} };
		expect(compute('income.members', ctx)).toBe(2);
		expect(compute('income.ableToWork', ctx)).toBe(1);
		expect(compute('income.netIncome', ctx)).toBe(10_000_00);
		expect(compute('income.belowLine', ctx)).toBe(true);
		expect(compute('income.hasRigidSpending', ctx)).toBe(true);
		expect(compute('income.education', ctx)).toBe(2_000_00);
		expect(compute('income.netIncome', { meta: null, answers: {} })).toBeUndefined();
	});

	it('applies the 50,000-yuan collective income test of 附件2', () => {
		const below = (fen: unknown) => compute('village.collectiveIncomeBelowTarget', { meta: null, answers: { v4_collective_income: fen as number } });
		expect(below(49_999_99)).toBe(true);
		expect(below(50_000_00)).toBe(false);
		expect(below('五万')).toBeUndefined();
		expect(below(undefined)).toBeUndefined();
	});

	it('counts the household from its members and reads birth date and sex from an ID number', () => {
		const card = { members: { r1: { name: '刘大' }, r2: { name: '王芳' } }, head: '刘大' };
		expect(compute('card.memberCount', { meta: null, card, answers: {} })).toBe(2);
		expect(compute('card.memberCount', { meta: null, card: {}, answers: {} })).toBe(0);
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
