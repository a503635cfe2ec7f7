/**
 * What an import would do to a dossier, worked out before anything is written, so the cadre sees
 * it and confirms it: the households it would add; the households it would update, matched to
 * the dossier's own by the head's ID number, else by the head's name and 村民组; in each of those
 * the members added, the members changed (field by field, old → new) and the members unchanged;
 * every row refused, with the reason, the row and the column; and the ID numbers that appear
 * twice — in the file, in another household of this village, or in another village's dossier of
 * the township. Duplicates are reported and held back, never merged: which of two records is the
 * person is for a cadre to say.
 *
 * An import only adds and corrects: an empty cell never clears an answer, a member the file
 * does not list stays, a household the file does not list stays.
 */
import type { Answer, FormValue, RepeatRows } from '../dossier/layout';
import { CARD_FORM } from '../dossier/layout';
import type { DossierDoc } from '../dossier/dossierDoc';
import { isRows } from '../household/members';
import { halfWidth, membersQuestion } from './importFields';
import { normaliseName } from './cellValues';
import { refuseTogether, sameAnswer, type DuplicateId, type FlagEdits, type ParsedHousehold, type ParsedMember, type Roster, type RowIssue } from './roster';
import type { RosterShape } from './columnMapping';

/** A person already in another village's dossier of the township, by ID number. */
export interface OtherDossierPerson {
	dossierId: string;
	village: string;
	/** The head of the household they are in there. */
	head: string;
}

export interface FieldChange {
	/** The card question's id. */
	question: string;
	before: Answer | undefined;
	after: Answer;
}

export interface MemberPlan {
	row: number;
	name: string;
	idNumber?: string;
	kind: 'add' | 'change' | 'same';
	/** The member's row on the card, when it is there already. */
	rowId?: string;
	/** Every answer the file gives for the member. */
	values: Record<string, Answer>;
	/** For 'change': what differs, old → new. */
	changes: FieldChange[];
}

export interface HouseholdPlan {
	rows: number[];
	headRow: number;
	head: string;
	headId?: string;
	/** The dossier's household it updates; absent for a new one. */
	householdId?: string;
	matchedBy?: 'headId' | 'headNameAndGroup';
	/** The card's household answers the file gives (flags as they would be after the import). */
	card: Record<string, Answer>;
	/** For a matched household: what the import changes on its card, old → new. */
	cardChanges: FieldChange[];
	members: MemberPlan[];
	/** Members on the card the file does not list: they stay as they are. */
	membersKept: number;
}

export interface OtherDossierDuplicate extends OtherDossierPerson {
	idNumber: string;
	rows: number[];
}

export interface OtherHouseholdDuplicate {
	idNumber: string;
	rows: number[];
	householdId: string;
	head: string;
}

export interface ImportPlan {
	shape: RosterShape;
	newHouseholds: HouseholdPlan[];
	matchedHouseholds: HouseholdPlan[];
	refused: RowIssue[];
	warnings: RowIssue[];
	skippedRows: number[];
	duplicates: {
		inFile: DuplicateId[];
		otherDossiers: OtherDossierDuplicate[];
		otherHouseholds: OtherHouseholdDuplicate[];
	};
	totals: ImportTotals;
}

export interface ImportTotals {
	rowsRead: number;
	newHouseholds: number;
	matchedHouseholds: number;
	/** Matched households the import would change nothing in. */
	unchangedHouseholds: number;
	membersAdded: number;
	membersChanged: number;
	membersUnchanged: number;
	refusedRows: number;
	warnings: number;
}

export interface PlanOptions {
	/** ID numbers in the township's other dossiers (built from the documents on the device). */
	otherDossiers?: ReadonlyMap<string, OtherDossierPerson>;
}

interface Existing {
	id: string;
	head: string;
	headId?: string;
	card: Record<string, FormValue>;
	members: [string, Record<string, Answer>][];
}

const CHINESE_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一组, 第1村民组, 1组 and 1 are one group; 张庄组 is 张庄. */
export function groupKey(group: Answer | FormValue | undefined): string {
	if (typeof group !== 'string' && typeof group !== 'number') return '';
	const text = halfWidth(String(group)).replace(/\s+/g, '').replace(/^第/, '').replace(/(村民小组|村民组|小组|组)$/, '');
	return text.replace(/^[零〇一二两三四五六七八九十]+$/, chineseNumber);
}

function chineseNumber(text: string): string {
	if (!text.includes('十')) return [...text].map((c) => CHINESE_DIGITS[c] ?? c).join('');
	const [tens, ones] = text.split('十') as [string, string];
	return String((tens ? (CHINESE_DIGITS[tens] ?? 1) : 1) * 10 + (ones ? (CHINESE_DIGITS[ones] ?? 0) : 0));
}

const nameGroupKey = (head: string, group: Answer | FormValue | undefined) => `${normaliseName(head)}|${groupKey(group)}`;

function readExisting(dossier: DossierDoc): Existing[] {
	return dossier.listHouseholds().map((summary) => {
		const card = dossier.answers(summary.id, CARD_FORM);
		const rows = card.members;
		const members = isRows(rows) ? Object.entries(rows as RepeatRows) : [];
		const headRow = members.find(([, values]) => values.relation === 'head' && typeof values.id_number === 'string');
		const headId = headRow ? (headRow[1].id_number as string) : undefined;
		return { id: summary.id, head: summary.head, ...(headId ? { headId } : {}), card, members };
	});
}

export function planImport(roster: Roster, dossier: DossierDoc, options: PlanOptions = {}): ImportPlan {
	const existing = readExisting(dossier);
	const byHeadId = new Map<string, Existing>();
	const byNameGroup = new Map<string, Existing[]>();
	const memberOwner = new Map<string, Existing>();
	for (const household of existing) {
		if (household.headId) byHeadId.set(household.headId, household);
		const key = nameGroupKey(household.head, household.card.group);
		const list = byNameGroup.get(key);
		if (list) list.push(household);
		else byNameGroup.set(key, [household]);
		for (const [, values] of household.members) if (typeof values.id_number === 'string') memberOwner.set(values.id_number, household);
	}

	const plan: ImportPlan = {
		shape: roster.shape,
		newHouseholds: [],
		matchedHouseholds: [],
		refused: [...roster.refused],
		warnings: [...roster.warnings],
		skippedRows: roster.skippedRows,
		duplicates: { inFile: roster.duplicateIds, otherDossiers: [], otherHouseholds: [] },
		totals: { rowsRead: roster.rowsRead, newHouseholds: 0, matchedHouseholds: 0, unchangedHouseholds: 0, membersAdded: 0, membersChanged: 0, membersUnchanged: 0, refusedRows: 0, warnings: 0 }
	};
	const claimed = new Map<string, number>();
	const others = options.otherDossiers;

	for (const parsed of roster.households) {
		const issues: RowIssue[] = [];
		const match = matchHousehold(parsed, byHeadId, byNameGroup);
		if (match.ambiguous) {
			issues.push({ row: parsed.headRow, code: 'import.row.ambiguousMatch', params: { head: parsed.head, count: match.ambiguous, group: String(parsed.card.group ?? '') } });
		}
		const target = match.household;
		if (target) {
			const first = claimed.get(target.id);
			if (first !== undefined) issues.push({ row: parsed.headRow, code: 'import.row.matchedTwice', params: { head: target.head, firstRow: first } });
			else claimed.set(target.id, parsed.headRow);
		}
		for (const member of parsed.members) {
			if (!member.idNumber) continue;
			const elsewhere = others?.get(member.idNumber);
			if (elsewhere) {
				issues.push({ row: member.row, code: 'import.row.idInOtherDossier', params: { id: member.idNumber, village: elsewhere.village, head: elsewhere.head } });
				plan.duplicates.otherDossiers.push({ ...elsewhere, idNumber: member.idNumber, rows: [member.row] });
			}
			const owner = memberOwner.get(member.idNumber);
			if (owner && owner.id !== target?.id) {
				issues.push({ row: member.row, code: 'import.row.idInOtherHousehold', params: { id: member.idNumber, head: owner.head } });
				plan.duplicates.otherHouseholds.push({ idNumber: member.idNumber, rows: [member.row], householdId: owner.id, head: owner.head });
			}
		}
		const household = issues.length ? null : target ? planMatched(parsed, target, match.by!, issues) : planNew(parsed);
		if (!household || issues.length) {
			plan.refused.push(...refuseTogether(parsed.rows, issues));
			continue;
		}
		(target ? plan.matchedHouseholds : plan.newHouseholds).push(household);
	}

	plan.refused.sort((a, b) => a.row - b.row);
	const t = plan.totals;
	t.newHouseholds = plan.newHouseholds.length;
	t.matchedHouseholds = plan.matchedHouseholds.length;
	for (const h of [...plan.newHouseholds, ...plan.matchedHouseholds]) {
		for (const m of h.members) {
			if (m.kind === 'add') t.membersAdded++;
			else if (m.kind === 'change') t.membersChanged++;
			else t.membersUnchanged++;
		}
	}
	t.unchangedHouseholds = plan.matchedHouseholds.filter((h) => h.cardChanges.length === 0 && h.members.every((m) => m.kind === 'same')).length;
	t.refusedRows = new Set(plan.refused.map((r) => r.row)).size;
	t.warnings = plan.warnings.length;
	return plan;
}

function matchHousehold(
	parsed: ParsedHousehold,
	byHeadId: Map<string, Existing>,
	byNameGroup: Map<string, Existing[]>
): { household?: Existing; by?: HouseholdPlan['matchedBy']; ambiguous?: number } {
	if (parsed.headId) {
		const found = byHeadId.get(parsed.headId);
		if (found) return { household: found, by: 'headId' };
	}
	// By name and group only where the IDs do not say they are two people.
	const candidates = (byNameGroup.get(nameGroupKey(parsed.head, parsed.card.group)) ?? []).filter((h) => !h.headId || !parsed.headId || h.headId === parsed.headId);
	if (candidates.length === 1) return { household: candidates[0]!, by: 'headNameAndGroup' };
	if (candidates.length > 1) return { ambiguous: candidates.length };
	return {};
}

function flagsAfter(edits: FlagEdits | null, before: FormValue | undefined): string[] | undefined {
	if (!edits) return undefined;
	const base = edits.set ?? (Array.isArray(before) ? before.filter((v): v is string => typeof v === 'string') : []);
	const after = base.filter((v) => !edits.off.includes(v));
	for (const flag of edits.on) if (!after.includes(flag)) after.push(flag);
	return after;
}

function planNew(parsed: ParsedHousehold): HouseholdPlan {
	const card: Record<string, Answer> = { ...parsed.card };
	const flags = flagsAfter(parsed.flags, undefined);
	if (flags && flags.length) card.flags = flags;
	return {
		rows: parsed.rows,
		headRow: parsed.headRow,
		head: parsed.head,
		...(parsed.headId ? { headId: parsed.headId } : {}),
		card,
		cardChanges: [],
		members: parsed.members.map((m) => memberPlan(m, 'add')),
		membersKept: 0
	};
}

function memberPlan(member: ParsedMember, kind: MemberPlan['kind'], rowId?: string, changes: FieldChange[] = []): MemberPlan {
	return { row: member.row, name: member.name, ...(member.idNumber ? { idNumber: member.idNumber } : {}), kind, ...(rowId ? { rowId } : {}), values: member.values, changes };
}

function changesOf(values: Record<string, Answer>, before: Record<string, FormValue | undefined>): FieldChange[] {
	const changes: FieldChange[] = [];
	for (const [question, after] of Object.entries(values)) {
		const old = before[question] as Answer | undefined;
		// 一组 on the card and 1组 in the file are one group: not a change worth a line.
		if (question === 'group' && old !== undefined && groupKey(old) === groupKey(after)) continue;
		if (!sameAnswer(old, after)) changes.push({ question, before: old, after });
	}
	return changes;
}

function planMatched(parsed: ParsedHousehold, target: Existing, by: NonNullable<HouseholdPlan['matchedBy']>, issues: RowIssue[]): HouseholdPlan | null {
	const card: Record<string, Answer> = { ...parsed.card };
	const flags = flagsAfter(parsed.flags, target.card.flags);
	if (flags) card.flags = flags;
	const cardChanges = changesOf(card, target.card);

	const unclaimed = new Map(target.members);
	const members: MemberPlan[] = [];
	for (const member of parsed.members) {
		const rowId = findMember(member, unclaimed);
		if (!rowId) {
			members.push(memberPlan(member, 'add'));
			continue;
		}
		const before = unclaimed.get(rowId)!;
		unclaimed.delete(rowId);
		const changes = changesOf(member.values, before);
		members.push(memberPlan(member, changes.length ? 'change' : 'same', rowId, changes));
	}

	const total = target.members.length + members.filter((m) => m.kind === 'add').length;
	if (membersQuestion.maxRows !== undefined && total > membersQuestion.maxRows) {
		issues.push({ row: parsed.headRow, code: 'answer.tooManyRows', params: { max: membersQuestion.maxRows } });
	}
	const relationAfter = (rowId: string, values: Record<string, Answer>) => members.find((m) => m.rowId === rowId)?.values.relation ?? values.relation;
	const heads = target.members.filter(([rowId, values]) => relationAfter(rowId, values) === 'head').length + members.filter((m) => m.kind === 'add' && m.values.relation === 'head').length;
	if (heads > 1) issues.push({ row: parsed.headRow, code: 'import.row.secondHead', params: { head: target.head } });
	if (issues.length) return null;
	return {
		rows: parsed.rows,
		headRow: parsed.headRow,
		head: parsed.head,
		...(parsed.headId ? { headId: parsed.headId } : {}),
		householdId: target.id,
		matchedBy: by,
		card,
		cardChanges,
		members,
		membersKept: unclaimed.size
	};
}

/** The card's row for a member: by ID number, else by name where the IDs do not say otherwise, and only when one row fits. */
function findMember(member: ParsedMember, rows: Map<string, Record<string, Answer>>): string | undefined {
	if (member.idNumber) {
		for (const [rowId, values] of rows) if (values.id_number === member.idNumber) return rowId;
	}
	const name = normaliseName(member.name);
	const byName = [...rows].filter(([, values]) => typeof values.name === 'string' && normaliseName(values.name) === name && (!member.idNumber || typeof values.id_number !== 'string'));
	return byName.length === 1 ? byName[0]![0] : undefined;
}
