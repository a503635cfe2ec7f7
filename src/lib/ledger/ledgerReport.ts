/**
 * What the township reports from its ledgers: totals per round ("查找出问题254条…"), each group's
 * record as checker and as the checked, and the ledger as a table for Excel/WPS. Pure: the pages
 * and the export read the same numbers. People are named through the resolver they are given
 * (personName.ts), never by the name a record holds.
 */
import type { Group, Village } from '../organisation/organisation';
import type { NameOf } from '../organisation/personName';
import type { Finding } from './finding';
import { isOverdue, type LedgerState, type LedgerStatus } from './ledger';

export interface LedgerRow {
	finding: Finding;
	status: LedgerStatus;
}

export interface Totals {
	/** 查找出问题: every finding raised. */
	found: number;
	/**
	 * 已整改: a rectification a reviewer accepted (销号). One submitted and not yet reviewed is
	 * 待审核 (awaiting), not rectified: the county asks what has been fixed, not what was claimed.
	 */
	rectified: number;
	/** 待审核: a rectification submitted, waiting for a reviewer. */
	awaiting: number;
	/** 已销号: closed by a reviewer. */
	closed: number;
	/** 超期: past the deadline and not rectified. */
	overdue: number;
	/** Not closed. */
	open: number;
}

export function totals(rows: readonly LedgerRow[], today: string): Totals {
	const t: Totals = { found: 0, rectified: 0, awaiting: 0, closed: 0, overdue: 0, open: 0 };
	for (const { status } of rows) {
		t.found++;
		if (status.state === 'closed') t.rectified++;
		if (status.state === 'submitted') t.awaiting++;
		if (status.state === 'closed') t.closed++;
		else t.open++;
		if (isOverdue(status, today)) t.overdue++;
	}
	return t;
}

export interface GroupRecord {
	group: Group;
	/** Findings its members raised as checkers. */
	raised: Totals;
	/** Findings against the villages it keeps. */
	against: Totals;
}

/**
 * Each group's accountability record. "Against" follows the village's keeping group as the
 * organisation has it now: the group that must rectify today is the one that answers for it.
 */
export function groupRecords(rows: readonly LedgerRow[], groups: readonly Group[], villages: readonly Village[], today: string): GroupRecord[] {
	const keeper = new Map(villages.map((v) => [v.dossierId, v.groupId]));
	return groups.map((group) => ({
		group,
		raised: totals(
			rows.filter((r) => r.finding.checkerGroupId === group.id),
			today
		),
		against: totals(
			rows.filter((r) => keeper.get(r.finding.dossierId) === group.id),
			today
		)
	}));
}

export interface LedgerFilter {
	states?: readonly LedgerState[];
	overdueOnly?: boolean;
	roundId?: string | null;
	dossierId?: string | null;
	/** Findings against this group's villages. */
	againstGroupId?: string | null;
	/** Findings this group raised as checker. */
	raisedByGroupId?: string | null;
	text?: string;
}

/** Filters the ledger; the text is searched in the finder's name as `name` gives it. */
export function filterLedger(rows: readonly LedgerRow[], filter: LedgerFilter, villages: readonly Village[], today: string, name: NameOf): LedgerRow[] {
	const keeper = new Map(villages.map((v) => [v.dossierId, v.groupId]));
	const text = filter.text?.trim();
	return rows.filter(({ finding, status }) => {
		if (filter.states?.length && !filter.states.includes(status.state)) return false;
		if (filter.overdueOnly && !isOverdue(status, today)) return false;
		if (filter.roundId && finding.roundId !== filter.roundId) return false;
		if (filter.dossierId && finding.dossierId !== filter.dossierId) return false;
		if (filter.againstGroupId && keeper.get(finding.dossierId) !== filter.againstGroupId) return false;
		if (filter.raisedByGroupId && finding.checkerGroupId !== filter.raisedByGroupId) return false;
		if (text) {
			const head = finding.target.kind === 'village' ? '' : finding.target.head;
			const hay = `${finding.village} ${head} ${finding.description} ${finding.category.label.zh} ${name(finding.raisedBy)}`;
			if (!hay.includes(text)) return false;
		}
		return true;
	});
}

export interface LedgerWords {
	locale: 'zh' | 'en';
	header: readonly string[];
	state: (state: LedgerState) => string;
	villageForm: string;
	date: (iso: string) => string;
	/** A person's name, looked up by id (personName.ts). */
	name: NameOf;
}

/** The ledger (问题台账) as rows of text, in the columns the township keeps on paper. */
export function ledgerTable(rows: readonly LedgerRow[], words: LedgerWords, today: string): string[][] {
	return [
		[...words.header],
		...rows.map(({ finding, status }) => [
			finding.village,
			finding.target.kind === 'village' ? words.villageForm : finding.target.head,
			finding.category.label[words.locale],
			finding.description,
			words.name(finding.raisedBy),
			words.name(finding.signature.by),
			words.date(finding.raisedAt),
			status.responsible ? words.name(status.responsible) : '',
			status.deadline ?? '',
			status.measure ?? '',
			String(status.evidence.length || ''),
			words.state(status.state) + (isOverdue(status, today) ? ' ⚠' : ''),
			status.closed ? words.name(status.closed.by) : '',
			status.closed ? words.date(status.closed.at) : ''
		])
	];
}
