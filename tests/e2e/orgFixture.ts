/**
 * A township set up for a cross-check, as its administrator would: a group that keeps a village,
 * a group that checks it this round, a township reviewer, each with an account.
 */
import { addDays, localDay } from '../../src/lib/calendar/calendar';
import { newId } from '../../src/lib/dossier/ids';
import type { TestUser, Township } from '../support/township';
import { newTownship } from './helpers';

export interface CrossCheck {
	township: Township;
	groups: { keeper: string; checker: string };
	people: { cadre: TestUser; checker: TestUser; reviewer: TestUser };
}

export async function crossCheckTownship(baseURL: string | undefined, name: string, names: { cadre: string; checker: string; reviewer: string }): Promise<CrossCheck> {
	const { township, groupId: keeper } = await newTownship(baseURL, name);
	const checker = await township.createGroup(`${name}第二组`);
	return {
		township,
		groups: { keeper, checker },
		people: {
			cadre: await township.createUser({ name: names.cadre, groupId: keeper }),
			checker: await township.createUser({ name: names.checker, groupId: checker }),
			reviewer: await township.createUser({ name: names.reviewer, groupId: null, reviewer: true })
		}
	};
}

/** A round running this week in which the checking group checks the village. */
export async function startRound(town: CrossCheck, dossierId: string, name: string): Promise<string> {
	const roundId = newId();
	const today = localDay();
	await town.township.editOrganisation((org) => {
		org.saveRound({ id: roundId, name, startsOn: addDays(today, -3), endsOn: addDays(today, 3), createdAt: new Date().toISOString(), createdBy: '乡镇' });
		org.setCheck(roundId, dossierId, town.groups.checker);
	});
	return roundId;
}
