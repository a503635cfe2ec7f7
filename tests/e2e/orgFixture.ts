/**
 * Seeds a township's organisation the way any other device would: a stock y-websocket client
 * writes the organisation document through the app's own document API and waits until the
 * server has it on disk. Each test gets its own people and groups (unique ids and names).
 */
import { OrganisationDoc } from '../../src/lib/organisation/organisationDoc';
import { connect, until } from '../server/harness';
import { addDays, localDay } from '../../src/lib/calendar/calendar';
import { newId } from '../../src/lib/dossier/ids';

export interface SeededTownship {
	townshipId: string;
	groups: { keeper: string; checker: string };
	people: { cadre: { id: string; name: string }; checker: { id: string; name: string }; reviewer: { id: string; name: string } };
	roundId: string;
}

export async function seedTownship(
	baseURL: string,
	township: string,
	village: { dossierId: string; name: string },
	names: { cadre: string; checker: string; reviewer: string; round: string }
): Promise<SeededTownship> {
	const townshipId = newId();
	const registered = await fetch(`${baseURL}/api/townships/${townshipId}`, {
		method: 'PUT',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ id: townshipId, name: township, createdAt: new Date().toISOString(), createdBy: '乡镇' })
	});
	if (registered.status !== 201) throw new Error(`township registration: HTTP ${registered.status}`);
	const client = connect({ wsUrl: baseURL.replace(/^http/, 'ws') + '/sync' }, `org/${townshipId}`);
	try {
		await until(() => client.provider.synced, 10_000, 'organisation synced');
		const org = new OrganisationDoc(client.doc);
		const keeper = newId();
		const checker = newId();
		const other = { dossierId: newId(), name: `${village.name}邻村` };
		const people = {
			cadre: { id: newId(), name: names.cadre },
			checker: { id: newId(), name: names.checker },
			reviewer: { id: newId(), name: names.reviewer }
		};
		const roundId = newId();
		const today = localDay();
		client.doc.transact(() => {
			org.setTownshipName(township);
			org.saveGroup({ id: keeper, name: `${village.name}责任组`, createdAt: new Date().toISOString(), dissolvedAt: null });
			org.saveGroup({ id: checker, name: `${other.name}责任组`, createdAt: new Date().toISOString(), dissolvedAt: null });
			org.saveVillage({ dossierId: village.dossierId, name: village.name, groupId: keeper });
			org.saveVillage({ dossierId: other.dossierId, name: other.name, groupId: checker });
			org.savePerson({ ...people.cadre, phone: '13803190001', groupId: keeper, reviewer: false, leftAt: null });
			org.savePerson({ ...people.checker, phone: '13803190002', groupId: checker, reviewer: false, leftAt: null });
			org.savePerson({ ...people.reviewer, phone: '13803190003', groupId: null, reviewer: true, leftAt: null });
			// A week around today, so the round is on whenever in the day the test runs.
			org.saveRound({ id: roundId, name: names.round, startsOn: addDays(today, -3), endsOn: addDays(today, 3), createdAt: new Date().toISOString(), createdBy: '乡镇' });
			org.setRotation(roundId, { [village.dossierId]: checker, [other.dossierId]: keeper });
		});
		await client.durable.whenDurable();
		return { townshipId, groups: { keeper, checker }, people, roundId };
	} finally {
		client.destroy();
	}
}
