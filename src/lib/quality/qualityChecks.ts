/**
 * Checks across a village's records (数据核查): what no single form's validation can see, listed
 * for a person to look at and either correct or mark "这不是问题" (a decision on record: who
 * decided and when, decision.ts).
 *
 * - One ID number on two member rows: in two households here, twice in one household, or in
 *   another village's dossier (from what the device or the server knows: `elsewhere`).
 * - A person whose ID number says they are over MAX_AGE, or born after today.
 * - A household's per-capita net income that moved by more than the campaign's share
 *   (`incomeJumpPercent`, else DEFAULT_INCOME_JUMP_PERCENT) since the campaign before.
 * - Member relations that do not fit: no member, or more than one, is 户主.
 *
 * Every issue has a key that stays the same while the records behind it do, so a decision on it
 * holds until the records change in a way that makes a new issue (another household, a new
 * campaign pair).
 */
import type { DossierDoc } from '../dossier/dossierDoc';
import { CARD_FORM } from '../dossier/layout';
import { campaignFormKey, INCOME_SHEET, type Campaign } from '../campaign/campaign';
import { householdIncome } from '../accounting/incomeForm';
import { isRows } from '../household/members';
import { ageOn, parseResidentId } from '../household/residentId';

export const MAX_AGE = 120;
/** A change of per-capita income bigger than this share of the earlier figure is asked about. */
export const DEFAULT_INCOME_JUMP_PERCENT = 50;

export interface PersonAt {
	householdId: string;
	head: string;
	rowId: string;
	name: string;
}

/** Someone kept in another village, as the device or the server knows them. */
export interface ElsewhereRef {
	dossierId: string;
	village: string;
	/** Null when the asker may not read that village. */
	head: string | null;
}

export type QualityIssue =
	| { key: string; kind: 'duplicateId'; idNumber: string; here: PersonAt[]; elsewhere: ElsewhereRef[] }
	| { key: string; kind: 'age'; person: PersonAt; idNumber: string; birthDate: string; age: number | null }
	| { key: string; kind: 'incomeJump'; householdId: string; head: string; from: { campaign: string; perCapita: number }; to: { campaign: string; perCapita: number }; percent: number }
	| { key: string; kind: 'relations'; householdId: string; head: string; heads: number; members: number };

/** Other villages' people (as the import's township check returns them) by ID number, each village once. */
export function elsewhereById(people: readonly [string, { dossierId: string; village: string; head: string }][]): Map<string, ElsewhereRef[]> {
	const map = new Map<string, ElsewhereRef[]>();
	for (const [idNumber, person] of people) {
		const list = map.get(idNumber) ?? [];
		if (!list.some((e) => e.dossierId === person.dossierId)) list.push({ dossierId: person.dossierId, village: person.village, head: person.head || null });
		map.set(idNumber, list);
	}
	return map;
}

export interface QualityInput {
	dossier: DossierDoc;
	today: string;
	/** ID numbers other villages keep (upper case), when known. */
	elsewhere?: ReadonlyMap<string, readonly ElsewhereRef[]>;
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

export function qualityIssues({ dossier, today, elsewhere }: QualityInput): QualityIssue[] {
	const issues: QualityIssue[] = [];
	const byId = new Map<string, PersonAt[]>();
	const campaigns = dossier.campaigns();
	for (const household of dossier.listHouseholds()) {
		const card = dossier.answers(household.id, CARD_FORM);
		const rows = isRows(card.members) ? Object.entries(card.members) : [];
		let heads = 0;
		for (const [rowId, row] of rows) {
			const person: PersonAt = { householdId: household.id, head: household.head, rowId, name: text(row.name) };
			if (row.relation === 'head') heads++;
			const idNumber = text(row.id_number).toUpperCase();
			if (!idNumber) continue;
			const list = byId.get(idNumber) ?? [];
			list.push(person);
			byId.set(idNumber, list);
			const read = parseResidentId(idNumber, '9999-12-31');
			if (!read.ok) continue;
			const { birthDate } = read.facts;
			if (birthDate > today) issues.push({ key: `age:${household.id}:${rowId}`, kind: 'age', person, idNumber, birthDate, age: null });
			else if (ageOn(birthDate, today) > MAX_AGE) issues.push({ key: `age:${household.id}:${rowId}`, kind: 'age', person, idNumber, birthDate, age: ageOn(birthDate, today) });
		}
		if (rows.length && heads !== 1) issues.push({ key: `relations:${household.id}:${heads}`, kind: 'relations', householdId: household.id, head: household.head, heads, members: rows.length });
		issues.push(...incomeJumps(dossier, household.id, household.head, card, campaigns));
	}
	for (const [idNumber, here] of byId) {
		const there = elsewhere?.get(idNumber) ?? [];
		if (here.length > 1 || there.length) {
			const where = [...here.map((p) => `${p.householdId}:${p.rowId}`), ...there.map((e) => e.dossierId)].sort().join(',');
			issues.push({ key: `duplicateId:${idNumber}:${where}`, kind: 'duplicateId', idNumber, here, elsewhere: [...there] });
		}
	}
	return issues;
}

/** Per-capita income from one campaign to the next, for each pair of consecutive campaigns with figures for both. */
function incomeJumps(dossier: DossierDoc, householdId: string, head: string, card: ReturnType<DossierDoc['answers']>, campaigns: readonly Campaign[]): QualityIssue[] {
	const issues: QualityIssue[] = [];
	let before: { campaign: Campaign; perCapita: number } | null = null;
	for (const campaign of campaigns) {
		const income = householdIncome(card, dossier.answers(householdId, campaignFormKey(INCOME_SHEET, campaign.id)), campaign);
		const perCapita = income.state === 'ok' ? income.figures.perCapita : null;
		if (perCapita === null) continue;
		if (before && before.perCapita > 0) {
			const percent = Math.round(((perCapita - before.perCapita) / before.perCapita) * 100);
			const limit = campaign.incomeJumpPercent ?? DEFAULT_INCOME_JUMP_PERCENT;
			if (Math.abs(percent) > limit) {
				issues.push({
					key: `incomeJump:${householdId}:${before.campaign.id}:${campaign.id}`,
					kind: 'incomeJump',
					householdId,
					head,
					from: { campaign: before.campaign.name, perCapita: before.perCapita },
					to: { campaign: campaign.name, perCapita },
					percent
				});
			}
		}
		before = { campaign, perCapita };
	}
	return issues;
}

/** The household an issue leads to (the first, for one ID number in several places). */
export function issueHousehold(issue: QualityIssue): { householdId: string; rowId?: string } | null {
	switch (issue.kind) {
		case 'duplicateId':
			return issue.here[0] ? { householdId: issue.here[0].householdId, rowId: issue.here[0].rowId } : null;
		case 'age':
			return { householdId: issue.person.householdId, rowId: issue.person.rowId };
		default:
			return { householdId: issue.householdId };
	}
}
