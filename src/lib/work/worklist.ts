/**
 * 我的工作: what is a person's to do now, in every village they have a part in, most urgent first.
 * Read from the documents on the device (the organisation, each village's review document and,
 * where it is read, its households), so it works offline and follows every colleague's edit.
 *
 * Who sees what follows the roles the ledger's rules use (organisationDoc.rolesIn):
 * - the keeping group (owner): findings on its villages by state — returned first, with the
 *   reviewer's reason, then overdue, then due within DUE_SOON_DAYS — and its households still to
 *   screen or sign: a cadre's own 包户 one by one, the rest of the village as one line;
 * - a checker of a running round: the village they check (how many households are checked) and
 *   their findings still with the owner;
 * - a reviewer: rectifications submitted and waiting (not their own findings: nobody closes what
 *   they raised), overdue findings, villages behind the campaign's schedule;
 * - household records under review (户档审核): the keeping group sees records returned (with the
 *   reviewer's reasons, as urgent as a returned finding) and approved records changed since; a
 *   reviewer sees records submitted and waiting (not their own submissions);
 * - everyone: comments that mention them or answer theirs, until they have read them;
 * - an administrator: what set-up is still missing.
 *
 * Every item says where it leads (WorkTarget): the finding, the household's form and question,
 * or the page where a set-up step is done.
 */
import type { LedgerEntry } from '../review/reviewDoc';
import type { Comment } from '../review/comments';
import { parseThread } from '../ledger/finding';
import { isOverdue } from '../ledger/ledger';
import type { VillageRoles } from '../organisation/organisationDoc';
import type { Village } from '../organisation/organisation';
import type { Round } from '../organisation/round';
import type { CheckState } from '../statistics/figures';
import { addDays, daysBetween } from '../calendar/calendar';
import type { RecordReviewStatus, ReturnReason } from '../review/recordReview';

/** A deadline this close (in days, today included) makes a finding "due soon". */
export const DUE_SOON_DAYS = 3;
/** A village is behind when its share of checked households trails the time gone by this much. */
export const BEHIND_BY = 0.2;
/** Households listed by name under a village line; the rest are counted. */
export const NAMED_HOUSEHOLDS = 5;

/** Where an item leads: a place in a village, or a page of the app. */
export type WorkTarget =
	| { kind: 'finding'; dossierId: string; findingId: string }
	| { kind: 'household'; dossierId: string; householdId: string; formKey?: string; questionId?: string; comments?: boolean }
	| { kind: 'village'; dossierId: string; formKey?: string; questionId?: string; comments?: boolean }
	| { kind: 'page'; path: '/org' | '/rounds' | '/admin' | '/' };

/** A household as the worklist reads it (statistics/checkState.ts decides its state). */
export interface HouseholdWork {
	id: string;
	head: string;
	state: CheckState;
}

export interface FindingRef {
	findingId: string;
	dossierId: string;
	village: string;
	/** The household's head, or null for the village form. */
	head: string | null;
	/** The finding's words, as raised. */
	description: string;
	deadline: string | null;
}

/** A household's record under review, as the worklist reads it (review/recordReview.ts). */
export interface RecordWork {
	householdId: string;
	head: string;
	status: Pick<RecordReviewStatus, 'state' | 'submitted' | 'returned' | 'approved'>;
}

interface RecordRef {
	dossierId: string;
	village: string;
	householdId: string;
	head: string;
}

export type WorkItem =
	| ({ kind: 'recordReturned'; reasons: ReturnReason[]; returnedAt: string } & RecordRef)
	| ({ kind: 'recordToReview'; submittedAt: string; corrected: boolean } & RecordRef)
	| ({ kind: 'recordReopened'; approvedAt: string } & RecordRef)
	| ({ kind: 'returned'; reason: string; returnedAt: string } & FindingRef)
	| ({ kind: 'overdue'; daysOver: number } & FindingRef)
	| ({ kind: 'dueSoon'; daysLeft: number } & FindingRef)
	| ({ kind: 'toReview'; submittedAt: string; measure: string } & FindingRef)
	| ({ kind: 'withOwner'; state: 'open' | 'rectifying' | 'returned' } & FindingRef)
	| { kind: 'mention' | 'reply'; dossierId: string; village: string; thread: string; comment: Comment }
	| { kind: 'toScreen' | 'toSign'; dossierId: string; village: string; householdId: string; head: string; state: CheckState }
	| {
			kind: 'villageScreening';
			role: 'owner' | 'checker';
			dossierId: string;
			village: string;
			round: Round | null;
			checked: number;
			total: number;
			/** The first households still to do, by name. */
			next: HouseholdWork[];
	  }
	| { kind: 'behind'; dossierId: string; village: string; checked: number; total: number; expected: number; endsOn: string }
	| { kind: 'setup'; step: 'villageWithoutGroup' | 'roundWithoutRotation' | 'personWithoutAccount'; name: string; path: '/org' | '/rounds' | '/admin' };

export interface Scheduled {
	/** The campaign's screening period: its 排查 phase where the township set one (campaign/phases.ts). */
	startsOn: string;
	endsOn: string;
}

export interface VillageWorkInput {
	village: Village;
	/** The person's roles in this village today. */
	roles: VillageRoles;
	/** The running round in which the person's group checks this village, if it does. */
	checkingRound: Round | null;
	entries: readonly LedgerEntry[];
	threads: ReadonlyMap<string, readonly Comment[]>;
	/** The comments of a thread the person has seen. */
	seen: (thread: string) => ReadonlySet<string>;
	/** The households as read for the village's campaign; null when not read (yet). */
	households: readonly HouseholdWork[] | null;
	/** The households the person looks after here (包户). */
	caretaking: readonly string[];
	/** The campaign the households were read for. */
	campaign: Scheduled | null;
	/** Household records with review steps (户档审核); absent: none read. */
	records?: readonly RecordWork[];
}

export interface WorkInput {
	personId: string;
	today: string;
	villages: readonly VillageWorkInput[];
	/** Set-up still missing (administrators only). */
	setup?: readonly Extract<WorkItem, { kind: 'setup' }>[];
}

const URGENCY: Record<WorkItem['kind'], number> = {
	returned: 0,
	recordReturned: 0,
	overdue: 1,
	toReview: 2,
	recordToReview: 2,
	recordReopened: 6,
	mention: 3,
	dueSoon: 4,
	reply: 5,
	toSign: 6,
	toScreen: 7,
	villageScreening: 8,
	behind: 9,
	withOwner: 10,
	setup: 11
};

/** Whether an item asks something of the person (counted on the badge), or only informs. */
export function asksAction(item: WorkItem): boolean {
	return item.kind !== 'withOwner' && item.kind !== 'behind' && !(item.kind === 'villageScreening' && item.checked === item.total);
}

function findingRef(entry: LedgerEntry): FindingRef {
	const { finding } = entry;
	return {
		findingId: finding.id,
		dossierId: finding.dossierId,
		village: finding.village,
		head: finding.target.kind === 'village' ? null : finding.target.head,
		description: finding.description,
		deadline: entry.status.deadline
	};
}

function findingItems(input: VillageWorkInput, personId: string, today: string): WorkItem[] {
	const items: WorkItem[] = [];
	for (const entry of input.entries) {
		const { status, finding } = entry;
		if (status.state === 'closed') continue;
		const ref = findingRef(entry);
		if (input.roles.owner) {
			if (status.state === 'returned' && status.returned) {
				items.push({ kind: 'returned', reason: status.returned.reason, returnedAt: status.returned.at, ...ref });
				continue;
			}
			if (isOverdue(status, today)) {
				items.push({ kind: 'overdue', daysOver: daysBetween(status.deadline!, today), ...ref });
				continue;
			}
			if (status.deadline && status.state !== 'submitted' && status.deadline <= addDays(today, DUE_SOON_DAYS - 1)) {
				items.push({ kind: 'dueSoon', daysLeft: daysBetween(today, status.deadline), ...ref });
				continue;
			}
		}
		if (input.roles.reviewer) {
			const own = finding.raisedBy.id === personId || finding.signature.by.id === personId;
			if (status.state === 'submitted' && !own) {
				items.push({ kind: 'toReview', submittedAt: status.submitted?.at ?? finding.raisedAt, measure: status.measure ?? '', ...ref });
				continue;
			}
			if (!input.roles.owner && isOverdue(status, today)) {
				items.push({ kind: 'overdue', daysOver: daysBetween(status.deadline!, today), ...ref });
				continue;
			}
		}
		if (finding.raisedBy.id === personId && (status.state === 'open' || status.state === 'rectifying' || status.state === 'returned')) {
			items.push({ kind: 'withOwner', state: status.state, ...ref });
		}
	}
	return items;
}

/** Unread comments that mention the person, or answer one of theirs. */
function commentItems(input: VillageWorkInput, personId: string): WorkItem[] {
	const items: WorkItem[] = [];
	const mine = new Set<string>();
	for (const comments of input.threads.values()) for (const c of comments) if (c.by.id === personId) mine.add(c.id);
	for (const [thread, comments] of input.threads) {
		if (!parseThread(thread)) continue;
		const seen = input.seen(thread);
		for (const comment of comments) {
			if (comment.by.id === personId || seen.has(comment.id)) continue;
			if (comment.mentions.includes(personId)) items.push({ kind: 'mention', dossierId: input.village.dossierId, village: input.village.name, thread, comment });
			else if (comment.parentId && mine.has(comment.parentId)) items.push({ kind: 'reply', dossierId: input.village.dossierId, village: input.village.name, thread, comment });
		}
	}
	return items;
}

/** Records returned to the keeping group or changed after approval; records waiting for a reviewer. */
function recordItems(input: VillageWorkInput, personId: string): WorkItem[] {
	const items: WorkItem[] = [];
	const { dossierId, name: village } = input.village;
	for (const record of input.records ?? []) {
		const ref = { dossierId, village, householdId: record.householdId, head: record.head };
		const { state, returned, submitted, approved } = record.status;
		if (input.roles.owner && state === 'returned' && returned) items.push({ kind: 'recordReturned', reasons: returned.reasons ?? [], returnedAt: returned.at, ...ref });
		else if (input.roles.owner && state === 'reopened' && approved) items.push({ kind: 'recordReopened', approvedAt: approved.at, ...ref });
		else if (input.roles.reviewer && (state === 'submitted' || state === 'corrected') && submitted && submitted.by.id !== personId) {
			items.push({ kind: 'recordToReview', submittedAt: submitted.at, corrected: state === 'corrected', ...ref });
		}
	}
	return items;
}

const TO_SCREEN: readonly CheckState[] = ['notStarted', 'inProgress'];
const TO_SIGN: readonly CheckState[] = ['awaitingSignature', 'changedAfterSigning'];

/** The share of a period gone by on `today`: 0 before it starts, 1 from its last day. */
export function elapsedShare(period: Scheduled, today: string): number {
	if (today < period.startsOn) return 0;
	if (today >= period.endsOn) return 1;
	const days = daysBetween(period.startsOn, period.endsOn) + 1;
	return (daysBetween(period.startsOn, today) + 1) / days;
}

function householdItems(input: VillageWorkInput, today: string): WorkItem[] {
	const households = input.households;
	if (!households) return [];
	const items: WorkItem[] = [];
	const { dossierId, name: village } = input.village;
	const mine = new Set(input.caretaking);
	const checked = households.filter((h) => h.state === 'checked').length;
	if (input.roles.owner) {
		for (const h of households) {
			if (!mine.has(h.id)) continue;
			if (TO_SCREEN.includes(h.state)) items.push({ kind: 'toScreen', dossierId, village, householdId: h.id, head: h.head, state: h.state });
			else if (TO_SIGN.includes(h.state)) items.push({ kind: 'toSign', dossierId, village, householdId: h.id, head: h.head, state: h.state });
		}
	}
	if ((input.roles.owner || input.checkingRound) && households.length) {
		const next = households.filter((h) => h.state !== 'checked' && !mine.has(h.id)).slice(0, NAMED_HOUSEHOLDS);
		items.push({
			kind: 'villageScreening',
			role: input.checkingRound ? 'checker' : 'owner',
			dossierId,
			village,
			round: input.checkingRound,
			checked,
			total: households.length,
			next
		});
	}
	if (input.roles.reviewer && input.campaign && households.length) {
		const expected = elapsedShare(input.campaign, today);
		if (checked / households.length < expected - BEHIND_BY) {
			items.push({ kind: 'behind', dossierId, village, checked, total: households.length, expected, endsOn: input.campaign.endsOn });
		}
	}
	return items;
}

/** When an item is about, for ordering items of one kind: the soonest deadline, the newest event. */
function when(item: WorkItem): string {
	switch (item.kind) {
		case 'returned':
		case 'recordReturned':
			return item.returnedAt;
		case 'recordToReview':
			return item.submittedAt;
		case 'overdue':
		case 'dueSoon':
		case 'withOwner':
			return item.deadline ?? '';
		case 'toReview':
			return item.submittedAt;
		case 'mention':
		case 'reply':
			return item.comment.at;
		default:
			return '';
	}
}

/** Newest first for what happened (returned, mentioned), soonest first for what is due. */
const NEWEST_FIRST: ReadonlySet<WorkItem['kind']> = new Set(['returned', 'recordReturned', 'mention', 'reply']);

export function worklist(input: WorkInput): WorkItem[] {
	const items: WorkItem[] = [];
	for (const village of input.villages) {
		items.push(...findingItems(village, input.personId, input.today), ...commentItems(village, input.personId), ...householdItems(village, input.today), ...recordItems(village, input.personId));
	}
	items.push(...(input.setup ?? []));
	return items.sort((a, b) => {
		const rank = URGENCY[a.kind] - URGENCY[b.kind];
		if (rank) return rank;
		const [x, y] = NEWEST_FIRST.has(a.kind) ? [when(b), when(a)] : [when(a), when(b)];
		return x < y ? -1 : x > y ? 1 : 0;
	});
}

/** Where an item leads. */
export function targetOf(item: WorkItem): WorkTarget {
	switch (item.kind) {
		case 'returned':
		case 'overdue':
		case 'dueSoon':
		case 'toReview':
		case 'withOwner':
			return { kind: 'finding', dossierId: item.dossierId, findingId: item.findingId };
		case 'mention':
		case 'reply': {
			const ref = parseThread(item.thread);
			if (ref?.kind === 'finding') return { kind: 'finding', dossierId: item.dossierId, findingId: ref.findingId };
			if (ref?.kind === 'question') return { kind: 'household', dossierId: item.dossierId, householdId: ref.householdId, formKey: ref.formKey, questionId: ref.questionId, comments: true };
			if (ref?.kind === 'household') return { kind: 'household', dossierId: item.dossierId, householdId: ref.householdId, comments: true };
			if (ref?.kind === 'villageQuestion') return { kind: 'village', dossierId: item.dossierId, formKey: ref.formKey, questionId: ref.questionId, comments: true };
			return { kind: 'village', dossierId: item.dossierId, comments: true };
		}
		case 'toScreen':
		case 'toSign':
		case 'recordToReview':
		case 'recordReopened':
			return { kind: 'household', dossierId: item.dossierId, householdId: item.householdId };
		case 'recordReturned': {
			// The first reason's question, so the cadre lands where the correction is asked.
			const key = item.reasons[0]?.key;
			const cut = key ? key.indexOf(':') : -1;
			return cut > 0 ? { kind: 'household', dossierId: item.dossierId, householdId: item.householdId, formKey: key!.slice(0, cut), questionId: key!.slice(cut + 1) } : { kind: 'household', dossierId: item.dossierId, householdId: item.householdId };
		}
		case 'villageScreening': {
			const first = item.next[0];
			return first ? { kind: 'household', dossierId: item.dossierId, householdId: first.id } : { kind: 'village', dossierId: item.dossierId };
		}
		case 'behind':
			return { kind: 'village', dossierId: item.dossierId };
		case 'setup':
			return { kind: 'page', path: item.path };
	}
}

/** The query (after its `?`) that opens a place in a village (the village page reads it: villageLink.ts). */
export function villageQuery(target: Exclude<WorkTarget, { kind: 'page' }>): string {
	const query = new URLSearchParams();
	if (target.kind === 'finding') query.set('finding', target.findingId);
	if (target.kind === 'household') query.set('household', target.householdId);
	if (target.kind === 'village') query.set('view', 'village');
	if (target.kind !== 'finding' && target.formKey) query.set('form', target.formKey);
	if (target.kind !== 'finding' && target.questionId) query.set('question', target.questionId);
	if (target.kind !== 'finding' && target.comments) query.set('comments', '1');
	return query.toString();
}

/** A target as a path of the app (before the app's base path). */
export function targetHref(target: WorkTarget): string {
	return target.kind === 'page' ? target.path : `/d/${encodeURIComponent(target.dossierId)}?${villageQuery(target)}`;
}

/** A stable key for an item (list rendering, and what was already shown). */
export function itemKey(item: WorkItem): string {
	switch (item.kind) {
		case 'mention':
		case 'reply':
			return `${item.kind}:${item.comment.id}`;
		case 'toScreen':
		case 'toSign':
		case 'recordReturned':
		case 'recordToReview':
		case 'recordReopened':
			return `${item.kind}:${item.dossierId}:${item.householdId}`;
		case 'villageScreening':
		case 'behind':
			return `${item.kind}:${item.dossierId}`;
		case 'setup':
			return `setup:${item.step}:${item.name}`;
		default:
			return `${item.kind}:${item.findingId}`;
	}
}
