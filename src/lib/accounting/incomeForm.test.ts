import { describe, expect, it } from 'vitest';
import { readIncomeSheet } from './incomeForm';

const card = {
	members: {
		m1: { name: '张三', resident: true, able_to_work: true },
		m2: { name: '李梅', resident: true, able_to_work: false },
		m3: { name: '张小明', resident: false, able_to_work: true }
	}
};

describe('readIncomeSheet', () => {
	it('reads members from the card and lines from the sheet', () => {
		const read = readIncomeSheet(card, {
			lines: { l1: { category: 'wage', amount: 12_000_00 }, l2: { category: 'transfer', amount: 600_00, note: '低保' }, l3: {} },
			production_costs: 100_00,
			education: 2_000_00
		});
		expect(read).toEqual({
			ok: true,
			sheet: {
				members: [
					{ resident: true, ableToWork: true },
					{ resident: true, ableToWork: false },
					{ resident: false, ableToWork: true }
				],
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
