/**
 * Who is already in the township's other dossiers, by ID number: an import must report a person
 * already kept in another village rather than put them in two dossiers. The server is asked for
 * all the township's villages; the dossiers this device holds are read too (each from its
 * IndexedDB copy, then closed), so an import offline still checks what the device has.
 */
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { DossierDoc } from '../dossier/dossierDoc';
import { peopleKept } from '../household/people';
import type { OtherDossierPerson } from '../import/importPlan';
import { localIndex } from './localIndex';
import { databaseName } from './syncedDoc.svelte';
import { findPeopleElsewhere } from './serverApi';

export interface TownshipPeople {
	people: [string, OtherDossierPerson][];
	/** Whether the server answered for every village of the township (false: this device's only). */
	wholeTownship: boolean;
}

/** The people of the other villages among `idNumbers`: the server's answer and this device's. */
export async function peopleElsewhere(dossierId: string, idNumbers: readonly string[]): Promise<TownshipPeople> {
	const wanted = new Set(idNumbers.map((id) => id.toUpperCase()));
	const [onDevice, onServer] = await Promise.all([peopleInOtherDossiers(dossierId), wanted.size ? findPeopleElsewhere(dossierId, [...wanted]) : Promise.resolve([])]);
	// The device's copy names the household even where the server does not (a village the
	// cadre may not read on the server is not on this device either, so this only fills in).
	const people: [string, OtherDossierPerson][] = (onServer ?? []).map((p) => [p.idNumber, { dossierId: p.dossierId, village: p.village, head: p.head ?? '' }]);
	for (const entry of onDevice) if (wanted.has(entry[0])) people.push(entry);
	return { people, wholeTownship: onServer !== null };
}

async function peopleInOtherDossiers(exceptDossierId: string): Promise<[string, OtherDossierPerson][]> {
	const found: [string, OtherDossierPerson][] = [];
	for (const record of await localIndex.dossiers.toArray()) {
		if (record.id === exceptDossierId) continue;
		const doc = new Y.Doc();
		const persistence = new IndexeddbPersistence(databaseName({ kind: 'dossier', dossierId: record.id }), doc);
		try {
			await persistence.whenSynced;
			const dossier = new DossierDoc(doc);
			const village = dossier.meta()?.village ?? record.village;
			for (const person of peopleKept(dossier)) found.push([person.idNumber, { dossierId: record.id, village, head: person.head }]);
		} finally {
			await persistence.destroy();
			doc.destroy();
		}
	}
	return found;
}
