/**
 * Which of a file's ID numbers the township's other villages already keep: an import checks it
 * before anything is written, so one person is never put in two dossiers unnoticed (the device
 * holds only the villages its cadre opened). Each village is read once and its people kept by
 * the village's version; a village changed since is read again.
 */
import { DossierDoc } from '../../src/lib/dossier/dossierDoc';
import { peopleKept } from '../../src/lib/household/people';
import { roomName } from '../../src/lib/sync/protocol';
import type { Store } from '../storage/store';
import type { SyncServer } from './syncServer';

export interface PersonElsewhere {
	idNumber: string;
	dossierId: string;
	village: string;
	/** The head of their household there: only for a village the asker may read. */
	head: string | null;
}

interface Known {
	version: number;
	/** ID number → the head of their household. */
	people: Map<string, string>;
}

export class TownshipPeople {
	private readonly known = new Map<string, Known>();

	constructor(
		private readonly sync: Pick<SyncServer, 'peek' | 'version'>,
		private readonly store: Pick<Store, 'listDossiers'>
	) {}

	async find(townshipId: string, exceptDossierId: string, idNumbers: readonly string[], reads: (dossierId: string) => Promise<boolean>): Promise<PersonElsewhere[]> {
		const wanted = new Set(idNumbers.map((id) => id.toUpperCase()));
		const found: PersonElsewhere[] = [];
		for (const dossier of await this.store.listDossiers()) {
			if (dossier.townshipId !== townshipId || dossier.id === exceptDossierId) continue;
			const people = await this.peopleOf(dossier.id);
			const here = [...wanted].filter((id) => people.has(id));
			if (!here.length) continue;
			const readable = await reads(dossier.id);
			for (const id of here) found.push({ idNumber: id, dossierId: dossier.id, village: dossier.village, head: readable ? people.get(id)! : null });
		}
		return found;
	}

	private async peopleOf(dossierId: string): Promise<Map<string, string>> {
		const room = roomName({ kind: 'dossier', dossierId });
		const kept = this.known.get(room);
		if (kept && kept.version === this.sync.version(room)) return kept.people;
		return this.sync.peek(room, (doc, version) => {
			const people = new Map<string, string>();
			for (const person of peopleKept(new DossierDoc(doc))) people.set(person.idNumber, person.head);
			this.known.set(room, { version, people });
			return people;
		});
	}
}
