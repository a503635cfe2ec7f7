import { describe, expect, it } from 'vitest';
import { AUGUST_2022 } from '../../src/lib/campaign/campaign';
import { suggestedPhases } from '../../src/lib/campaign/phases';
import { OrganisationDoc } from '../../src/lib/organisation/organisationDoc';
import type { Change } from '../storage/store';
import { watchChanges } from './changeLog';

describe('the organisation’s audit trail', () => {
	it('records a campaign’s phases set and removed, as every organisation record', () => {
		const org = new OrganisationDoc();
		const changes: Change[] = [];
		const stop = watchChanges(org.doc, 'organisation', (change) => changes.push(change));
		const [training, screening] = suggestedPhases(AUGUST_2022);
		org.savePhase(training!);
		org.savePhase({ ...screening!, endsOn: '2022-08-13' });
		org.removePhase(AUGUST_2022.id, 'training');
		stop();
		expect(changes).toEqual([
			{ kind: 'org', target: 'phases', key: 'aug2022/training', value: JSON.stringify(training) },
			{ kind: 'org', target: 'phases', key: 'aug2022/screening', value: JSON.stringify({ ...screening, endsOn: '2022-08-13' }) },
			{ kind: 'org', target: 'phases', key: 'aug2022/training', value: null }
		]);
	});
});
