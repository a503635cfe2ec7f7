/**
 * The set-up an administrator still owes the township, as items of their 我的工作: villages no
 * group keeps, people of the organisation who cannot sign in, rounds (running or to come) whose
 * rotation leaves villages unchecked. Read from the organisation; the accounts come from the
 * server when it can be asked (null: not known, so nobody is reported for it).
 */
import type { Group, Person, Village } from '../organisation/organisation';
import { rotationProblems, type Rotation, type Round } from '../organisation/round';
import type { WorkItem } from './worklist';

export interface SetupSource {
	groups: readonly Group[];
	people: readonly Person[];
	villages: readonly Village[];
	rounds: readonly Round[];
	rotation(roundId: string): Rotation;
}

export function setupWork(org: SetupSource, accountIds: ReadonlySet<string> | null, today: string): Extract<WorkItem, { kind: 'setup' }>[] {
	const items: Extract<WorkItem, { kind: 'setup' }>[] = [];
	const active = new Set(org.groups.filter((g) => !g.dissolvedAt).map((g) => g.id));
	for (const village of org.villages) {
		if (!village.groupId || !active.has(village.groupId)) items.push({ kind: 'setup', step: 'villageWithoutGroup', name: village.name, path: '/org' });
	}
	if (accountIds) {
		for (const person of org.people) {
			if (!person.leftAt && !accountIds.has(person.id)) items.push({ kind: 'setup', step: 'personWithoutAccount', name: person.name, path: '/admin' });
		}
	}
	for (const round of org.rounds) {
		if (round.endsOn < today) continue;
		const unchecked = rotationProblems(org.rotation(round.id), [...org.groups], [...org.villages]).some((p) => p.kind === 'unchecked' || p.kind === 'selfCheck' || p.kind === 'unknownGroup');
		if (unchecked) items.push({ kind: 'setup', step: 'roundWithoutRotation', name: round.name, path: '/rounds' });
	}
	return items;
}
