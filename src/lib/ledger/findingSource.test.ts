import { describe, expect, it } from 'vitest';
import { findingSchema, findingSource, sourcesFor } from './finding';
import { sampleFinding } from './ledgerFixtures';

describe('where a finding came from', () => {
	it('is entered by the role that may: a checker’s is the round’s, a reviewer records the county’s', () => {
		expect(sourcesFor('checker')).toEqual(['roundCheck']);
		expect(sourcesFor('owner')).toEqual(['selfCheck']);
		expect(sourcesFor('reviewer')).toContain('county');
		expect(findingSource(findingSchema.parse(sampleFinding({ role: 'reviewer', source: 'county' })))).toBe('county');
	});

	it('reads from the role on findings raised before sources were asked', () => {
		const old = findingSchema.parse(sampleFinding());
		expect(old.source).toBeUndefined();
		expect(findingSource(old)).toBe('roundCheck');
		expect(findingSchema.safeParse(sampleFinding({ source: 'rumour' as never })).success).toBe(false);
	});
});
