import { describe, expect, it } from 'vitest';
import { householdIncome, readIncomeSheet } from './incomeForm';
import { AUGUST_2022 } from '../campaign/campaign';

const card = {
	members: {
		m1: { name: '张三', resident: true, able_to_work: true },
		m2: { name: '李梅', resident: true, able_to_work: false },
		m3: { name: '张小明', resident: false, able_to_work: true }
	}
};

describe('readIncomeSheet', () => {
	it('counts members from the card and reads lines from the sheet', () => {
		const read = readIncomeSheet(card, {
			lines: { l1: { category: 'wage', amount: 12_000_00 }, l2: { category: 'transfer', amount: 600_00, note: '低保' }, l3: {} },
			production_costs: 100_00,
			education: 2_000_00
		});
		expect(read).toEqual({
			ok: true,
			sheet: {
				household: { total: 3, residents: 2, unanswered: 0, ableToWork: 1 },
				lines: [
					{ category: 'wage', amount: 12_000_00 },
					{ category: 'transfer', amount: 600_00 }
				],
				productionCosts: 100_00,
				education: 2_000_00,
				medicalOutOfPocket: 0
			}
		});
	});

	it('never reads a bad amount as zero', () => {
		const read = readIncomeSheet(card, { lines: { l1: { category: 'wage', amount: '一万二' }, l2: { category: 'gift', amount: 5 } }, medical: -3 });
		expect(read).toEqual({ ok: false, invalid: ['lines.l1.amount', 'lines.l2.category', 'medical'] });
	});
});

describe('householdIncome', () => {
	it('has no figures until an income line is entered: an empty sheet is not a household with no income', () => {
		expect(householdIncome(card, {}, AUGUST_2022)).toEqual({ state: 'empty' });
		expect(householdIncome(card, { lines: { l1: {} }, education: 500_00 }, AUGUST_2022)).toEqual({ state: 'empty' });
		// A household with truly no income records a line of 0.
		const none = householdIncome(card, { lines: { l1: { category: 'transfer', amount: 0, note: '无任何收入' } } }, AUGUST_2022);
		expect(none).toMatchObject({ state: 'ok', figures: { netIncome: 0, belowLine: true } });
	});

	it('works the sheet out by the campaign’s line', () => {
		const income = householdIncome(card, { lines: { l1: { category: 'wage', amount: 14_600_00 } } }, AUGUST_2022);
		expect(income).toMatchObject({ state: 'ok', figures: { residents: 2, perCapita: 7_300_00, belowLine: false } });
		expect(householdIncome(card, { lines: { l1: { category: 'wage', amount: 14_599_99 } } }, AUGUST_2022)).toMatchObject({ figures: { belowLine: true } });
	});

	it('says what does not fit', () => {
		expect(householdIncome(card, { lines: { l1: { category: 'wage', amount: '三万' } } }, AUGUST_2022)).toEqual({ state: 'invalid', invalid: ['lines.l1.amount'] });
	});
});
