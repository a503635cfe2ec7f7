/**
 * The 18-digit resident identity number (居民身份证号码, GB 11643-1999): 6-digit area code,
 * 8-digit birth date, 3-digit sequence (odd for men, even for women) and a check character
 * computed with ISO 7064 MOD 11-2. A number is accepted only if all of it holds together.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type ResidentIdProblem = 'format' | 'checksum' | 'birthDate' | 'birthInFuture';

export interface ResidentIdFacts {
	/** 'YYYY-MM-DD'. */
	birthDate: string;
	sex: 'male' | 'female';
	areaCode: string;
}

export function checkCharacter(first17: string): string {
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
	return CHECK[sum % 11]!;
}

export type ResidentIdResult = { ok: true; facts: ResidentIdFacts } | { ok: false; problem: ResidentIdProblem };

/** Validates and reads a resident ID; `today` ('YYYY-MM-DD') bounds the birth date. */
export function parseResidentId(raw: string, today: string): ResidentIdResult {
	const id = raw.trim().toUpperCase();
	if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: 'format' };
	if (checkCharacter(id.slice(0, 17)) !== id[17]) return { ok: false, problem: 'checksum' };
	const y = Number(id.slice(6, 10));
	const m = Number(id.slice(10, 12));
	const d = Number(id.slice(12, 14));
	const date = new Date(Date.UTC(y, m - 1, d));
	if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
		return { ok: false, problem: 'birthDate' };
	}
	const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
	if (birthDate > today) return { ok: false, problem: 'birthInFuture' };
	return { ok: true, facts: { birthDate, sex: Number(id[16]) % 2 === 1 ? 'male' : 'female', areaCode: id.slice(0, 6) } };
}

/** Age in whole years on `today` ('YYYY-MM-DD'). */
export function ageOn(birthDate: string, today: string): number {
	const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
	const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
	return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}
