/**
 * Who a dossier keeps, by ID number: what an import checks a file against, so one person is
 * never put in two villages' dossiers. The same reading on a device (its own copies) and on the
 * server (every village of the township).
 */
import type { DossierDoc } from '../dossier/dossierDoc';
import { CARD_FORM } from '../dossier/layout';
import { isRows } from './members';

export interface KeptPerson {
	/** Upper case, as the card keeps it. */
	idNumber: string;
	householdId: string;
	/** The head of the household they are in. */
	head: string;
}

/** Every member with an ID number in the dossier's households that are not withdrawn. */
export function peopleKept(dossier: DossierDoc): KeptPerson[] {
	const people: KeptPerson[] = [];
	for (const household of dossier.listHouseholds()) {
		const members = dossier.answers(household.id, CARD_FORM).members;
		for (const member of isRows(members) ? Object.values(members) : []) {
			const id = member.id_number;
			if (typeof id === 'string' && id) people.push({ idNumber: id.toUpperCase(), householdId: household.id, head: household.head });
		}
	}
	return people;
}
