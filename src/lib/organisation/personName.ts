/**
 * Whose name to show for someone who did something. A record (finding, signature, ledger step,
 * comment) keeps its author as `{ id, name }`; the server checks the id against the sender's
 * account, but the name is whatever the sender's device wrote. So every view and export reads
 * the name from the township's organisation by id, and shows the stored name only when the
 * organisation has no such person (a device user never added, a record from another township).
 * A cadre renamed in the organisation is shown by the new name on everything they ever did.
 */
import type { Person } from './organisation';

/** Where names are found by person id: an OrganisationDoc, the organisation session, a list of people. */
export interface PersonLookup {
	person(id: string): Pick<Person, 'name'> | null | undefined;
}

/** Someone as a record names them. */
export interface NamedActor {
	id: string | null;
	name: string;
}

/** The name to show for an actor; see the module comment. */
export type NameOf = (actor: NamedActor) => string;

/** The organisation's name for the actor's id, else the name the record holds. */
export function nameOf(actor: NamedActor, org: PersonLookup | null | undefined): string {
	const person = actor.id && org ? org.person(actor.id) : null;
	return person?.name || actor.name;
}

/** `nameOf` bound to one organisation, for the report and table functions that take a resolver. */
export function namesFrom(org: PersonLookup | null | undefined): NameOf {
	return (actor) => nameOf(actor, org);
}

/** A lookup over a list of people (as the organisation lists them, those who left included). */
export function lookupOf<P extends Pick<Person, 'id' | 'name'>>(people: readonly P[]): { person(id: string): P | null } {
	const byId = new Map(people.map((p) => [p.id, p]));
	return { person: (id) => byId.get(id) ?? null };
}

/**
 * The names of every person a value names (`{ id, name }` anywhere in
 * it), as `nameOf` names them now: what a page has is a naming function, and a Web Worker (an
 * XLSX export) can only be sent data.
 */
export function namesIn(value: unknown, nameOf: NameOf, into: Record<string, string> = {}): Record<string, string> {
	if (Array.isArray(value)) for (const item of value) namesIn(item, nameOf, into);
	else if (value && typeof value === 'object') {
		const record = value as Record<string, unknown>;
		if (typeof record.id === 'string' && typeof record.name === 'string' && !(record.id in into)) into[record.id] = nameOf({ id: record.id, name: record.name });
		for (const inner of Object.values(record)) namesIn(inner, nameOf, into);
	}
	return into;
}
