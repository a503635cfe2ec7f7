import { describe, expect, it } from 'vitest';
import { getTemplate, latestTemplate, questionLabel } from './registry';
import { AUGUST_2022 } from '../campaign/campaign';

describe('template registry', () => {
	it('resolves the exact versions a campaign names', () => {
		const { household, village } = AUGUST_2022.templates;
		expect(getTemplate(household.id, household.version)?.version).toBe(household.version);
		expect(getTemplate(village.id, village.version)?.scope).toBe('village');
		expect(getTemplate(household.id, household.version + 1000)).toBeUndefined();
		expect(latestTemplate('income-sheet')?.id).toBe('income-sheet');
	});

	it('finds a stored question’s label from its form key', () => {
		expect(questionLabel('household-screening-2022@aug2022', 's2_unsafe')?.zh).toBe('①现住房是否为不安全住房');
		expect(questionLabel('card', 'phone')?.zh).toBe('联系电话');
		expect(questionLabel('income-sheet@aug2022', 'education')?.zh).toBe('教育支出（元）');
		expect(questionLabel('household-screening-2022@aug2022', 'nope')).toBeNull();
		expect(questionLabel('unknown-form@x', 's2_unsafe')).toBeNull();
	});
});
