import { describe, expect, it } from 'vitest';
import { setupSteps } from './setupSteps';

const group = { id: 'g1', name: '第一组', createdAt: '2022-08-01T00:00:00Z', dissolvedAt: null };
const person = { id: 'p1', name: '王干部', phone: '', groupId: 'g1', reviewer: false, leftAt: null };
const village = { dossierId: 'village0001', name: '北关村', groupId: 'g1' };
const round = { id: 'r1', name: '互查', startsOn: '2022-08-06', endsOn: '2022-08-12', createdAt: '2022-08-01T00:00:00Z', createdBy: '乡镇' };

describe('setupSteps', () => {
	it('lists everything as to do on a new township, in the order the work needs', () => {
		const steps = setupSteps({ groups: [], people: [], villages: [], rounds: [] });
		expect(steps.map((s) => [s.id, s.done])).toEqual([
			['groups', false],
			['people', false],
			['villages', false],
			['keepers', false],
			['rounds', false]
		]);
	});

	it('is done when groups have people, every village a keeping group, and a round exists', () => {
		expect(setupSteps({ groups: [group], people: [person], villages: [village], rounds: [round] }).every((s) => s.done)).toBe(true);
		const orphan = setupSteps({ groups: [group], people: [person], villages: [village, { ...village, dossierId: 'village0002', groupId: null }], rounds: [round] });
		expect(orphan.find((s) => s.id === 'keepers')?.done).toBe(false);
		expect(setupSteps({ groups: [{ ...group, dissolvedAt: '2022-09-01T00:00:00Z' }], people: [person], villages: [village], rounds: [round] }).find((s) => s.id === 'groups')?.done).toBe(false);
	});
});
