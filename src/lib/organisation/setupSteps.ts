/**
 * What an administrator still has to set up before a township can work: the order the work
 * needs (groups before people in them, villages kept by a group, a cross-check round), each
 * with whether it is done. Read from the organisation on the device, so it works offline.
 */
import type { Group, Person, Village } from './organisation';
import type { Round } from './round';

export type SetupStepId = 'groups' | 'people' | 'villages' | 'keepers' | 'rounds';

export interface SetupStep {
	id: SetupStepId;
	done: boolean;
	/** Where the step is done: the page's path. */
	href: '/org' | '/' | '/rounds';
}

export function setupSteps(org: { groups: readonly Group[]; people: readonly Person[]; villages: readonly Village[]; rounds: readonly Round[] }): SetupStep[] {
	const groups = org.groups.filter((g) => !g.dissolvedAt);
	const people = org.people.filter((p) => !p.leftAt && p.groupId);
	return [
		{ id: 'groups', done: groups.length > 0, href: '/org' },
		{ id: 'people', done: people.length > 0, href: '/org' },
		{ id: 'villages', done: org.villages.length > 0, href: '/' },
		{ id: 'keepers', done: org.villages.length > 0 && org.villages.every((v) => v.groupId && groups.some((g) => g.id === v.groupId)), href: '/org' },
		{ id: 'rounds', done: org.rounds.length > 0, href: '/rounds' }
	];
}
