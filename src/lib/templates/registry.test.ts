import { describe, expect, it } from 'vitest';
import { getTemplate, latestTemplate } from './registry';
import { AUGUST_2022 } from '../campaign/campaign';

describe('template registry', () => {
	it('resolves the exact versions a campaign names', () => {
		const { household, village } = AUGUST_2022.templates;
		expect(getTemplate(household.id, household.version)?.version).toBe(household.version);
		expect(getTemplate(village.id, village.version)?.scope).toBe('village');
		expect(getTemplate(household.id, household.version + 1000)).toBeUndefined();
		expect(latestTemplate('income-sheet')?.id).toBe('income-sheet');
	});
});
