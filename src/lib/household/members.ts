/**
 * Who counts in a household: the one rule the household card, 附件1 section 1 and per-capita
 * income all read, so "家里 N 口人", the card's size and the divisor of per-capita income can
 * never disagree (README "Who counts in a household").
 *
 * - Every member row on the household card is a member (家庭人口): the card's size.
 * - Resident members (家庭常住人口) are those whose "常住" box says 是. They are what per-capita
 *   net income divides by: the seeds do not name the divisor, and the national 收入核算 practice
 *   is the resident population, since a member who lives and earns elsewhere all year neither
 *   adds to nor lives on the household's income.
 * - "Of whom able to work" counts resident members whose box says 是.
 * - An unanswered "常住" box counts as not resident, and is never silent: it is counted apart
 *   (`unanswered`), every count says so beside it, and 附件1 cannot be signed until it is
 *   answered. Counting it as resident (the old default) lowered per-capita income by a guess;
 *   not counting it raises it by one. Neither guess belongs on a signed form.
 */
import type { FormValue, RepeatRows } from '../dossier/layout';

export interface Member {
	/** The card's answer: null when the box is not answered (or holds something else). */
	resident: boolean | null;
	ableToWork: boolean | null;
}

export interface HouseholdCount {
	/** Member rows on the card (家庭人口). */
	total: number;
	/** Members whose resident box says yes (家庭常住人口): per-capita income's divisor. */
	residents: number;
	/** Members whose resident box is not answered: counted as not resident, shown as missing. */
	unanswered: number;
	/** Resident members able to work. */
	ableToWork: number;
}

/** Whether an answer holds repeat-group rows (members, income lines). */
export const isRows = (v: FormValue | undefined): v is RepeatRows => typeof v === 'object' && v !== null && !Array.isArray(v);
const yesNo = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);

/** The members on a household card's answers (`members` rows), in their order. */
export function readMembers(card: Readonly<Record<string, FormValue | undefined>>): Member[] {
	const rows = card.members;
	if (!isRows(rows)) return [];
	return Object.values(rows).map((row) => ({ resident: yesNo(row.resident), ableToWork: yesNo(row.able_to_work) }));
}

export function countMembers(members: readonly Member[]): HouseholdCount {
	let residents = 0;
	let unanswered = 0;
	let ableToWork = 0;
	for (const m of members) {
		if (m.resident === null) unanswered++;
		else if (m.resident) {
			residents++;
			if (m.ableToWork === true) ableToWork++;
		}
	}
	return { total: members.length, residents, unanswered, ableToWork };
}

/** The household's count from its card answers. */
export function householdCount(card: Readonly<Record<string, FormValue | undefined>>): HouseholdCount {
	return countMembers(readMembers(card));
}

/**
 * Whether a count needs more than one number to be told truthfully: some members are not
 * resident, or not yet known to be. Then the UI shows both ("4 人，常住 3 人").
 */
export function countsDiffer(count: HouseholdCount): boolean {
	return count.residents !== count.total;
}

/** Health answers that make a member one of the 特殊人群 the 16–59 特困 question asks about. */
const SPECIAL_HEALTH = ['disabled', 'serious'];

/**
 * Whether the household has someone the form's "全县16-59岁特殊人群符合特困人员条件的是否及时
 * 纳入" is about: a member aged 16 to 59 (by the ID number's birth date, on `today`) who is
 * disabled or seriously ill. Null when a member's age or health cannot be read yet (the question
 * is then asked: better a question too many than a problem missed).
 */
export function hasSpecialAdult(card: Readonly<Record<string, FormValue | undefined>>, today: string, birthDateOf: (idNumber: string) => string | null): boolean | null {
	const rows = card.members;
	if (!isRows(rows)) return false;
	let unknown = false;
	for (const row of Object.values(rows)) {
		const special = typeof row.health === 'string' ? SPECIAL_HEALTH.includes(row.health) : null;
		if (special === false) continue;
		const birth = typeof row.id_number === 'string' ? birthDateOf(row.id_number) : null;
		if (special === null || birth === null) {
			unknown = true;
			continue;
		}
		const age = ageAt(birth, today);
		if (age >= 16 && age <= 59) return true;
	}
	return unknown ? null : false;
}

function ageAt(birthDate: string, today: string): number {
	const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
	const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
	return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}
