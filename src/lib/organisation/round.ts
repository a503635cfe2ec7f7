/**
 * Cross-check rounds (推磨交叉互查): for a set period every group checks another group's
 * village, none its own, and every village is checked once. The rotation is generated (group A
 * checks B's villages, B checks C's, … the last checks A's) and may then be edited by hand;
 * roundProblems says what an edited rotation breaks.
 */
import { z } from 'zod';
import { isCalendarDay } from '../calendar/calendar';
import { compareGroups, type Group, type Village } from './organisation';

export const roundSchema = z
	.object({
		id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
		name: z.string().trim().min(1).max(60),
		startsOn: z.string().refine(isCalendarDay),
		endsOn: z.string().refine(isCalendarDay),
		createdAt: z.iso.datetime({ offset: true }),
		createdBy: z.string().min(1).max(64)
	})
	.refine((r) => r.startsOn <= r.endsOn, { message: 'round ends before it starts', path: ['endsOn'] });
export type Round = z.infer<typeof roundSchema>;

/** Village (dossier id) → the group that checks it in a round. */
export type Rotation = Record<string, string>;

export type RotationProblem =
	| { kind: 'selfCheck'; dossierId: string; groupId: string }
	| { kind: 'unchecked'; dossierId: string }
	| { kind: 'unknownGroup'; dossierId: string; groupId: string }
	| { kind: 'groupChecksNothing'; groupId: string }
	| { kind: 'noKeeper'; dossierId: string };


/**
 * The "push the millstone" rotation: the groups that keep villages, in the order they were set up, each check the
 * villages of the next, and the last checks the first's. Needs two such groups at least.
 */
export function generateRotation(groups: Group[], villages: Village[]): { ok: true; rotation: Rotation } | { ok: false; problem: 'tooFewGroups' } {
	const active = groups.filter((g) => !g.dissolvedAt);
	const keeping = active.filter((g) => villages.some((v) => v.groupId === g.id)).sort(compareGroups);
	if (keeping.length < 2) return { ok: false, problem: 'tooFewGroups' };
	const rotation: Rotation = {};
	keeping.forEach((checker, i) => {
		const checked = keeping[(i + 1) % keeping.length]!;
		for (const village of villages) if (village.groupId === checked.id) rotation[village.dossierId] = checker.id;
	});
	return { ok: true, rotation };
}

/** Everything a rotation gets wrong; empty when every village is checked once, by another group. */
export function rotationProblems(rotation: Rotation, groups: Group[], villages: Village[]): RotationProblem[] {
	const problems: RotationProblem[] = [];
	const active = new Set(groups.filter((g) => !g.dissolvedAt).map((g) => g.id));
	const checking = new Set<string>();
	for (const village of villages) {
		if (!village.groupId) problems.push({ kind: 'noKeeper', dossierId: village.dossierId });
		const checker = rotation[village.dossierId];
		if (!checker) {
			problems.push({ kind: 'unchecked', dossierId: village.dossierId });
			continue;
		}
		if (!active.has(checker)) problems.push({ kind: 'unknownGroup', dossierId: village.dossierId, groupId: checker });
		else if (checker === village.groupId) problems.push({ kind: 'selfCheck', dossierId: village.dossierId, groupId: checker });
		checking.add(checker);
	}
	// A group that keeps a village but checks nobody's lets another carry two: fine in a pinch,
	// but the rule is that every group checks, so it is reported. (A group that keeps no village
	// is outside the rotation.) Only meaningful with two keeping groups or more.
	const keeping = [...active].filter((id) => villages.some((v) => v.groupId === id));
	if (keeping.length >= 2) for (const groupId of keeping) if (!checking.has(groupId)) problems.push({ kind: 'groupChecksNothing', groupId });
	return problems;
}

/** Whether a round is on (its checkers may open their target villages) on a calendar day. */
export function isRoundOn(round: Round, day: string): boolean {
	return round.startsOn <= day && day <= round.endsOn;
}
