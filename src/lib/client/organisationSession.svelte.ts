/**
 * The township's organisation in the browser: one synced document for the whole app, opened once
 * and kept open, so every page knows the groups, people, villages and rounds, offline as well.
 */
import { OrganisationDoc } from '../organisation/organisationDoc';
import type { Group, Person, Village } from '../organisation/organisation';
import type { Round } from '../organisation/round';
import { localDay } from '../calendar/calendar';
import { SyncedDoc } from './syncedDoc.svelte';

export class OrganisationSession {
	readonly org: OrganisationDoc;
	private readonly synced: SyncedDoc;
	private readonly stop: () => void;

	township = $state('');
	people = $state<Person[]>([]);
	groups = $state<Group[]>([]);
	villages = $state<Village[]>([]);
	rounds = $state<Round[]>([]);
	/** Bumped on every change, for views that read the document directly (rotations, caretakers). */
	revision = $state(0);

	get loaded(): boolean {
		return this.synced.loaded;
	}

	get sync() {
		return this.synced.sync;
	}

	constructor(user: { name: string }) {
		this.synced = new SyncedDoc({ kind: 'organisation' }, user);
		this.org = new OrganisationDoc(this.synced.doc);
		const refresh = () => {
			this.township = this.org.townshipName();
			this.people = this.org.people();
			this.groups = this.org.groups();
			this.villages = this.org.villages();
			this.rounds = this.org.rounds();
			this.revision++;
		};
		this.stop = this.org.observe(refresh);
		void this.synced.whenLoaded.then(refresh);
	}

	/** Runs an edit of the organisation as one local change (validated by the document's schemas). */
	edit(key: string, fn: (org: OrganisationDoc) => void): void {
		this.synced.change(`org/${key}`, () => fn(this.org));
	}

	/** Roles of a person in a village today (no person: none). */
	rolesIn(personId: string | null, dossierId: string, day = localDay()) {
		void this.revision;
		return personId ? this.org.rolesIn(personId, dossierId, day) : { owner: false, checker: false, reviewer: false };
	}

	/** How a person would raise a finding in a village today (null: they have no part in it). */
	raisingAs(personId: string | null, dossierId: string, day = localDay()) {
		void this.revision;
		return personId ? this.org.raisingAs(personId, dossierId, day) : null;
	}

	/** The ledger roles a person holds in a village today. */
	ledgerRoles(personId: string | null, dossierId: string, day = localDay()) {
		void this.revision;
		return personId ? this.org.ledgerRoles(personId, dossierId, day) : [];
	}

	/** Current members of the group that keeps a village. */
	keepers(dossierId: string): Person[] {
		const groupId = this.villages.find((v) => v.dossierId === dossierId)?.groupId;
		return groupId ? this.people.filter((p) => p.groupId === groupId && !p.leftAt) : [];
	}

	whenSavedLocally(): Promise<void> {
		return this.synced.whenSavedLocally();
	}

	destroy(): void {
		this.stop();
		this.synced.destroy();
	}
}

let shared: OrganisationSession | null = null;

/** The app's one organisation session (created on first use, in the browser). */
export function organisation(user: { name: string }): OrganisationSession {
	shared ??= new OrganisationSession(user);
	return shared;
}
