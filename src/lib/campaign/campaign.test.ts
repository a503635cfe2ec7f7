import { describe, expect, it } from 'vitest';
import { AUGUST_2022, campaignSchema, DEFAULT_LARGE_RIGID_SPENDING, incomeRules } from './campaign';

/** A campaign record as layout 1 wrote it (every app before issue 12). */
const layout1 = {
	id: 'aug2022',
	name: '巩固脱贫成果“八月攻坚”整改专项行动',
	startsOn: '2022-08-01',
	endsOn: '2022-08-25',
	povertyLineFen: 7300_00,
	monitoringFactor: 1.5,
	templates: { household: { id: 'household-screening-2022', version: 1 }, village: { id: 'village-screening-2022', version: 1 } }
};

describe('campaign settings', () => {
	it('reads a layout-1 record as it was, with nothing written into it', () => {
		const parsed = campaignSchema.parse(layout1);
		// A signed form binds the record as stored: reading must not add defaults to it.
		expect(parsed).toEqual(layout1);
		expect(incomeRules(parsed)).toEqual({ lineFen: 7300_00, band: { factor: 1.5 }, largeRigidSpending: DEFAULT_LARGE_RIGID_SPENDING });
	});

	it('has no band unless the campaign names one, and no built-in factor', () => {
		const { monitoringFactor: _factor, ...none } = layout1;
		expect(incomeRules(campaignSchema.parse(none)).band).toBeNull();
		expect(incomeRules(AUGUST_2022).band).toBeNull();
		expect(incomeRules(campaignSchema.parse({ ...none, monitoringUpperFen: 9000_00 })).band).toEqual({ upperFen: 9000_00 });
	});

	it('defaults large rigid spending to more than the household’s net income', () => {
		expect(DEFAULT_LARGE_RIGID_SPENDING).toEqual({ percentOfNetIncome: 100 });
		expect(incomeRules(campaignSchema.parse({ ...layout1, largeRigidSpending: { amountFen: 10_000_00 } })).largeRigidSpending).toEqual({ amountFen: 10_000_00 });
	});

	it('refuses a band with two edges, an edge at or below the line, and a malformed rule', () => {
		expect(campaignSchema.safeParse({ ...layout1, monitoringUpperFen: 9000_00 }).success).toBe(false);
		const { monitoringFactor: _factor, ...none } = layout1;
		expect(campaignSchema.safeParse({ ...none, monitoringUpperFen: 7300_00 }).success).toBe(false);
		expect(campaignSchema.safeParse({ ...layout1, largeRigidSpending: { percentOfNetIncome: 0 } }).success).toBe(false);
		expect(campaignSchema.safeParse({ ...layout1, largeRigidSpending: { percentOfNetIncome: 50, amountFen: 1 } }).success).toBe(false);
		expect(campaignSchema.safeParse({ ...layout1, lineName: '' }).success).toBe(false);
	});

	it('keeps the settings it knows and ignores what a newer app added', () => {
		const newer = { ...layout1, lineName: '监测线', somethingNew: { x: 1 } };
		expect(campaignSchema.parse(newer)).toEqual({ ...layout1, lineName: '监测线' });
	});
});
