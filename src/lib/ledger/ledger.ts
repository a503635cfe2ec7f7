/**
 * The problem ledger's state machine (问题台账). A finding is open when raised; the group that
 * keeps the village rectifies it (整改) and submits the rectification for review; a reviewer
 * closes it (销号) or returns it with a reason, and "措施不落实不销号": nothing closes without a
 * submitted measure. Nobody closes a finding they raised or signed.
 *
 * A finding's history is an append-only list of events, and its state is the fold of that list.
 * Events merged from two devices that acted at once both stay in the history; the fold applies
 * them in the document's (causal, then deterministic) order and keeps the one that no longer fits
 * as refused, with the reason. So every device reaches the same, valid state, and nothing anybody
 * did is lost from the record.
 *
 * The fold checks what an event may do from the role it claims; that the person really held the
 * role is checked where the event is made (ReviewDoc.transition, and the server in issue #5).
 */
import { z } from 'zod';
import { actorSchema, type Actor } from '../organisation/organisation';
import { isCalendarDay } from '../calendar/calendar';
import { SIGNATURE_IMAGE_PREFIX } from '../signing/signature';

export const LEDGER_STATES = ['open', 'rectifying', 'submitted', 'returned', 'closed'] as const;
export type LedgerState = (typeof LEDGER_STATES)[number];

export const ROLES = ['owner', 'checker', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];

export const EVENT_TYPES = ['start', 'submit', 'return', 'close', 'setDeadline', 'assign'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

const blobRef = z.string().regex(/^[0-9a-f]{64}$/);

export const ledgerEventSchema = z.object({
	id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
	type: z.enum(EVENT_TYPES),
	by: actorSchema,
	role: z.enum(ROLES),
	at: z.iso.datetime({ offset: true }),
	/** Why a rectification was returned. */
	reason: z.string().max(2000).optional(),
	/** The rectification measure (整改措施) submitted. */
	measure: z.string().max(2000).optional(),
	/** Evidence photos of the rectification. */
	evidence: z.array(blobRef).max(10).optional(),
	deadline: z.string().refine(isCalendarDay).nullable().optional(),
	responsible: actorSchema.nullable().optional(),
	/**
	 * The reviewer's drawn signature (SVG data URL) on a 销号 or 退回, as a finding carries its
	 * checker's: these are the steps the reviewer answers for. Steps of layout 1 have none.
	 */
	image: z.string().startsWith(SIGNATURE_IMAGE_PREFIX).max(512 * 1024).optional()
});
export type LedgerEvent = z.infer<typeof ledgerEventSchema>;

/** Steps the reviewer signs on screen, as the checker signs a finding. */
export const SIGNED_STEPS: readonly EventType[] = ['close', 'return'];

/**
 * Why a new step may not be taken as input, before the fold: a signed step needs its signature.
 * (The fold itself still applies unsigned steps written before signatures were asked for.)
 */
export function newStepRefusal(event: Pick<LedgerEvent, 'type' | 'image'>): Refusal | null {
	return SIGNED_STEPS.includes(event.type) && !event.image ? 'signatureMissing' : null;
}

/** Why an event was not applied; i18n keys `ledger.refused.<code>`. */
export type Refusal = 'malformed' | 'role' | 'state' | 'ownFinding' | 'measureMissing' | 'reasonMissing' | 'signatureMissing';

interface Rule {
	roles: readonly Role[];
	from: readonly LedgerState[];
	to?: LedgerState;
}

const NOT_CLOSED: readonly LedgerState[] = ['open', 'rectifying', 'submitted', 'returned'];

export const RULES: Readonly<Record<EventType, Rule>> = {
	start: { roles: ['owner'], from: ['open', 'returned'], to: 'rectifying' },
	submit: { roles: ['owner'], from: ['open', 'rectifying', 'returned'], to: 'submitted' },
	return: { roles: ['reviewer'], from: ['submitted'], to: 'returned' },
	close: { roles: ['reviewer'], from: ['submitted'], to: 'closed' },
	setDeadline: { roles: ['reviewer', 'checker'], from: NOT_CLOSED },
	assign: { roles: ['owner', 'reviewer'], from: NOT_CLOSED }
};

/** What the fold needs to know of the finding itself. */
export interface FindingFacts {
	raisedBy: Actor;
	signedBy: Actor;
	deadline: string | null;
	responsible: Actor | null;
}

export interface HistoryEntry {
	event: LedgerEvent;
	/** Null when the event was applied; otherwise why not. */
	refused: Refusal | null;
	/** The state the finding was in after this entry. */
	state: LedgerState;
}

export interface LedgerStatus {
	state: LedgerState;
	deadline: string | null;
	responsible: Actor | null;
	/** The latest submitted rectification, kept after a return so the next one can build on it. */
	measure: string | null;
	evidence: string[];
	submitted: { by: Actor; at: string } | null;
	returned: { by: Actor; at: string; reason: string } | null;
	closed: { by: Actor; at: string } | null;
	history: HistoryEntry[];
	/** Entries that did not apply (refused), e.g. the loser of two reviewers acting at once. */
	refusals: number;
}

/** Why `event` may not happen to a finding in `status`, or null if it may. */
export function refusalOf(status: Pick<LedgerStatus, 'state'>, facts: FindingFacts, event: LedgerEvent): Refusal | null {
	const rule = RULES[event.type];
	if (!rule.roles.includes(event.role)) return 'role';
	if (!rule.from.includes(status.state)) return 'state';
	if (event.type === 'close' && (event.by.id === facts.raisedBy.id || event.by.id === facts.signedBy.id)) return 'ownFinding';
	if (event.type === 'submit' && !event.measure?.trim()) return 'measureMissing';
	if (event.type === 'return' && !event.reason?.trim()) return 'reasonMissing';
	return null;
}

/** Applies a finding's events in order; see the module comment. */
export function foldLedger(facts: FindingFacts, events: readonly unknown[]): LedgerStatus {
	const status: LedgerStatus = {
		state: 'open',
		deadline: facts.deadline,
		responsible: facts.responsible,
		measure: null,
		evidence: [],
		submitted: null,
		returned: null,
		closed: null,
		history: [],
		refusals: 0
	};
	const seen = new Set<string>();
	for (const raw of events) {
		const parsed = ledgerEventSchema.safeParse(raw);
		// An event another app version wrote, or garbage, or one repeated under the same id: not
		// shown as a step, never applied.
		if (!parsed.success || seen.has(parsed.data.id)) continue;
		seen.add(parsed.data.id);
		const event = parsed.data;
		const refused = refusalOf(status, facts, event);
		if (!refused) apply(status, event);
		else status.refusals++;
		status.history.push({ event, refused, state: status.state });
	}
	return status;
}

function apply(status: LedgerStatus, event: LedgerEvent): void {
	const to = RULES[event.type].to;
	if (to) status.state = to;
	switch (event.type) {
		case 'submit':
			status.measure = event.measure?.trim() ?? null;
			status.evidence = event.evidence ?? [];
			status.submitted = { by: event.by, at: event.at };
			break;
		case 'return':
			status.returned = { by: event.by, at: event.at, reason: event.reason?.trim() ?? '' };
			break;
		case 'close':
			status.closed = { by: event.by, at: event.at };
			break;
		case 'setDeadline':
			status.deadline = event.deadline ?? null;
			break;
		case 'assign':
			status.responsible = event.responsible ?? null;
			break;
	}
}

/**
 * Overdue: past its deadline and not yet rectified. A rectification submitted in time is with the
 * reviewer, so it is not the group's delay; a returned one is the group's again.
 */
export function isOverdue(status: Pick<LedgerStatus, 'state' | 'deadline'>, today: string): boolean {
	return !!status.deadline && today > status.deadline && (status.state === 'open' || status.state === 'rectifying' || status.state === 'returned');
}

/** The transitions a person holding `roles` could make now (for the buttons a screen offers). */
export function availableTransitions(status: Pick<LedgerStatus, 'state'>, facts: FindingFacts, actor: Actor, roles: readonly Role[]): EventType[] {
	return EVENT_TYPES.filter((type) =>
		roles.some((role) => {
			const probe: LedgerEvent = { id: 'probe', type, by: actor, role, at: new Date(0).toISOString(), measure: 'x', reason: 'x' };
			return refusalOf(status, facts, probe) === null;
		})
	);
}
