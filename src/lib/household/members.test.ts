import { describe, expect, it } from 'vitest';
import { countMembers, countsDiffer, householdCount, readMembers } from './members';

describe('who counts in a household', () => {
	it('counts every member row, and as resident only those whose box says yes', () => {
		const card = {
			members: {
				a: { name: '刘大', resident: true, able_to_work: true },
				b: { name: '王芳', resident: true, able_to_work: false },
				c: { name: '刘小', resident: false, able_to_work: true }, // works in the city all year
				d: { name: '刘奶奶' } // the box is not answered yet
			}
		};
		expect(householdCount(card)).toEqual({ total: 4, residents: 2, unanswered: 1, ableToWork: 1 });
	});

	it('does not count an unanswered resident box, nor anything else that is not a yes', () => {
		const members = readMembers({ members: { a: { resident: 'yes' }, b: { resident: null }, c: {} } });
		expect(members).toEqual([
			{ resident: null, ableToWork: null },
			{ resident: null, ableToWork: null },
			{ resident: null, ableToWork: null }
		]);
		expect(countMembers(members)).toEqual({ total: 3, residents: 0, unanswered: 3, ableToWork: 0 });
	});

	it('counts able-to-work members among residents only', () => {
		expect(countMembers([{ resident: false, ableToWork: true }, { resident: true, ableToWork: true }]).ableToWork).toBe(1);
	});

	it('has no members without a members list', () => {
		expect(householdCount({})).toEqual({ total: 0, residents: 0, unanswered: 0, ableToWork: 0 });
		expect(householdCount({ members: 'x' })).toEqual({ total: 0, residents: 0, unanswered: 0, ableToWork: 0 });
	});

	it('needs both numbers whenever not everyone counts as resident', () => {
		expect(countsDiffer({ total: 3, residents: 3, unanswered: 0, ableToWork: 0 })).toBe(false);
		expect(countsDiffer({ total: 4, residents: 3, unanswered: 0, ableToWork: 0 })).toBe(true);
		expect(countsDiffer({ total: 3, residents: 2, unanswered: 1, ableToWork: 0 })).toBe(true);
	});
});
