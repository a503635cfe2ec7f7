/**
 * The township's organisation in the browser: one synced document for the whole app, opened once
 * and kept open, so every page knows the groups, people, villages and rounds, offline as well.
 */
import { CHECKER_GRACE_DAYS, OrganisationDoc } from '../organisation/organisationDoc';
import type { Group, Person, Village } from '../organisation/organisation';
import type { Round } from '../organisation/round';
import type { Phase } from '../campaign/phases';
import { lookupOf, nameOf, type NamedActor, type PersonLookup } from '../organisation/personName';
import { localDay } from '../calendar/calendar';
import type { Answer } from '../dossier/layout';
import { SyncedDoc } from './syncedDoc.svelte';

export class OrganisationSession implements PersonLookup {
	readonly org: OrganisationDoc;
	/** Null for the stand-in used before a township is chosen: empty, kept nowhere. */
	readonly townshipId: string | null;
	private readonly synced: SyncedDoc | null;
	private readonly stop: () => void;

	township = $state('');
	people = $state<Person[]>([]);
	groups = $state<Group[]>([]);
	villages = $state<Village[]>([]);
	rounds = $state<Round[]>([]);
	/** Every campaign's phases (campaign/phases.ts), each campaign's in the order they run. */
	phases = $state<Phase[]>([]);
	/** Bumped on every change, for views that read the document directly (rotations, caretakers). */
	revision = $state(0);
	/** The people by id, rebuilt with `people` (read through `person`, which tracks `revision`). */
	private byId = lookupOf<Person>([]);

	get loaded(): boolean {
		return this.synced?.loaded ?? true;
	}

	constructor(townshipId: string | null) {
		this.townshipId = townshipId;
		this.synced = townshipId ? new SyncedDoc({ kind: 'organisation', townshipId }) : null;
		this.org = new OrganisationDoc(this.synced?.doc);
		const refresh = () => {
			this.township = this.org.townshipName();
			const people = this.org.people();
			this.people = people;
			this.byId = lookupOf(people);
			this.groups = this.org.groups();
			this.villages = this.org.villages();
			this.rounds = this.org.rounds();
			this.phases = this.org.allPhases();
			this.revision++;
		};
		this.stop = this.org.observe(refresh);
		void this.synced?.whenLoaded.then(refresh);
	}

	/** A person of the township, those who left included (null: not in the organisation). */
	person(id: string): Person | null {
		void this.revision;
		return this.byId.person(id);
	}

	/**
	 * The name to show for whoever a record names: the organisation's, by id, else the stored one
	 * (personName.ts). An arrow, so views can hand it on as a resolver: `names={org.name}`.
	 */
	readonly name = (actor: NamedActor): string => nameOf(actor, this);

	/** The township's answers to the township part of a form (附件2 乡镇工作), as they are now. */
	townshipAnswers(formKey: string): Record<string, Answer> {
		void this.revision;
		return this.org.townshipAnswers(formKey);
	}

	setTownshipAnswer(formKey: string, key: string, value: Answer | undefined): void {
		this.edit(`township-form/${formKey}/${key}`, (org) => org.setTownshipAnswer(formKey, key, value));
	}

	/** Runs an edit of the organisation as one local change (validated by the document's schemas). */
	edit(key: string, fn: (org: OrganisationDoc) => void): void {
		if (!this.synced) throw new Error('no township chosen');
		this.synced.change(`org/${key}`, () => fn(this.org));
	}

	/** A campaign's phases in the order they run. */
	phasesOf(campaignId: string): Phase[] {
		return this.phases.filter((p) => p.campaignId === campaignId);
	}

	/** Who looks after each household of a village (帮扶责任人): householdId → personId. */
	caretakersByHousehold(dossierId: string): Map<string, string> {
		void this.revision;
		return this.org.caretakersByHousehold(dossierId);
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

	/**
	 * The villages a person may open: those they hold a part in (with the days a finished round's
	 * checkers keep), or all of them for an administrator. The same rule as the server's.
	 */
	readableVillages(personId: string | null, admin: boolean, day = localDay()): Village[] {
		void this.revision;
		const all = this.villages;
		if (admin) return all;
		return personId ? all.filter((v) => this.org.ledgerRoles(personId, v.dossierId, day, CHECKER_GRACE_DAYS).length > 0) : [];
	}

	/** The ledger roles a person holds in a village today. */
	ledgerRoles(personId: string | null, dossierId: string, day = localDay()) {
		void this.revision;
		return personId ? this.org.ledgerRoles(personId, dossierId, day) : [];
	}

	/** Where a person works today: the villages their group keeps, and those it checks this round. */
	workOf(personId: string | null, day = localDay()): { keeps: Village[]; checks: { round: Round; village: Village }[] } {
		void this.revision;
		const groupId = personId ? this.org.person(personId)?.groupId : null;
		if (!groupId) return { keeps: [], checks: [] };
		return {
			keeps: this.villages.filter((v) => v.groupId === groupId),
			checks: this.org.checksOf(groupId, day).flatMap(({ round, dossierId }) => {
				const village = this.villages.find((v) => v.dossierId === dossierId);
				return village ? [{ round, village }] : [];
			})
		};
	}

	/** Current members of the group that keeps a village. */
	keepers(dossierId: string): Person[] {
		const groupId = this.villages.find((v) => v.dossierId === dossierId)?.groupId;
		return groupId ? this.people.filter((p) => p.groupId === groupId && !p.leftAt) : [];
	}

	async whenSavedLocally(): Promise<void> {
		await this.synced?.whenSavedLocally();
	}

	destroy(): void {
		this.stop();
		this.synced?.destroy();
	}
}

/** Sessions by township id ('' for the stand-in); a cache, not state anything renders from. */
const open: Record<string, OrganisationSession> = {};

/**
 * A township's organisation, opened on first use and kept open for every page after (the app
 * works in one township at a time). With no township chosen, an empty stand-in in which nobody
 * has a role.
 */
export function organisation(user: { townshipId: string | null }): OrganisationSession {
	const key = user.townshipId ?? '';
	if (!open[key]) {
		// One township at a time: a device that switches closes the one it leaves.
		for (const other of Object.keys(open)) {
			open[other]!.destroy();
			delete open[other];
		}
		open[key] = new OrganisationSession(user.townshipId);
	}
	return open[key];
}
