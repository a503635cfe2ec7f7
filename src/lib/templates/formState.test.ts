import { describe, expect, it } from 'vitest';
import { formState, isFlagged } from './formState';
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
		expect(industry.questions.find((q) => q.question.id === 'v4_collective_income')!.problem?.code).toBe('answer.notMoney');
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
