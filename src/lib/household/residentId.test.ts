import { describe, expect, it } from 'vitest';
import { ageOn, checkCharacter, parseResidentId } from './residentId';

const today = '2022-08-06';

describe('resident ID numbers', () => {
	it('accepts the standard’s worked example and reads it', () => {
		// GB 11643-1999's example: born 1949-12-31, sequence 002 (even: female), check X.
		expect(parseResidentId('11010519491231002X', today)).toEqual({
			ok: true,
			facts: { birthDate: '1949-12-31', sex: 'female', areaCode: '110105' }
		});
		expect(parseResidentId('11010519491231002x', today).ok).toBe(true);
	});

	it('computes check characters, X included', () => {
		expect(checkCharacter('11010519491231002')).toBe('X');
		expect(checkCharacter('44052418800101001')).toBe('4');
		// A well-known number with a correct check character, but nobody alive was born in 1880.
		expect(parseResidentId('440524188001010014', today)).toEqual({ ok: false, problem: 'birthDate' });
	});

	it.each([
		['110105194912310021', 'checksum'],
		['11010519491231002', 'format'],
		['1101051949123100X2', 'format'],
		['11010519491231002XX', 'format'],
		['', 'format'],
		['110105194902300025', 'birthDate'], // 30 February
		['110105203001010010', 'birthInFuture']
	])('rejects %j (%s)', (id, problem) => {
		const result = parseResidentId(id, today);
		if (problem === 'birthDate' || problem === 'birthInFuture') {
			// Make the check character right, so only the date is wrong.
			const fixed = id.slice(0, 17) + checkCharacter(id.slice(0, 17));
			expect(parseResidentId(fixed, today)).toEqual({ ok: false, problem });
		} else {
			expect(result).toEqual({ ok: false, problem });
		}
	});

	it('counts age in whole years', () => {
		expect(ageOn('1949-12-31', '2022-08-06')).toBe(72);
		expect(ageOn('2004-08-06', '2022-08-06')).toBe(18);
		expect(ageOn('2004-08-07', '2022-08-06')).toBe(17);
	});
});
