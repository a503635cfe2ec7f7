/**
 * Who is already in the township's other dossiers on this device, by ID number: an import must
 * report a person already kept in another village rather than put them in two dossiers. Only the
 * dossiers this device holds can be asked (the device may be offline); each is read from its
 * IndexedDB copy and closed again.
 */
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { DossierDoc } from '../dossier/dossierDoc';
import { CARD_FORM } from '../dossier/layout';
import { isRows } from '../household/members';
import type { OtherDossierPerson } from '../import/importPlan';
import { localIndex } from './localIndex';
import { databaseName } from './syncedDoc.svelte';

export async function peopleInOtherDossiers(exceptDossierId: string): Promise<[string, OtherDossierPerson][]> {
	const found: [string, OtherDossierPerson][] = [];
	for (const record of await localIndex.dossiers.toArray()) {
		if (record.id === exceptDossierId) continue;
		const doc = new Y.Doc();
		const persistence = new IndexeddbPersistence(databaseName({ kind: 'dossier', dossierId: record.id }), doc);
		try {
			await persistence.whenSynced;
			const dossier = new DossierDoc(doc);
			const village = dossier.meta()?.village ?? record.village;
			for (const household of dossier.listHouseholds()) {
				const members = dossier.answers(household.id, CARD_FORM).members;
				for (const member of isRows(members) ? Object.values(members) : []) {
					const id = member.id_number;
					if (typeof id === 'string' && id) found.push([id.toUpperCase(), { dossierId: record.id, village, head: household.head }]);
				}
			}
		} finally {
			await persistence.destroy();
			doc.destroy();
		}
	}
	return found;
}
