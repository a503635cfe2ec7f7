/**
 * The typed API over a township's organisation Y.Doc (room `org/<townshipId>`). Records edited
 * field by field (people, groups) are nested Y.Maps made once, under a fresh random id, by the
 * device that adds them, so two devices changing different fields of one person both keep their
 * change; the rest are one plain value per key (last writer wins on the same key only).
 *
 * Roots:
 * - `township`   Y.Map: `name`
 * - `people`     Y.Map<personId, Y.Map<field, value>> (fields of Person)
 * - `groups`     Y.Map<groupId, Y.Map<field, value>> (fields of Group)
 * - `villages`   Y.Map<dossierId, Village> (which group keeps it)
 * - `caretakers` Y.Map<`<dossierId>/<householdId>`, personId> (帮扶责任人 of a household)
 * - `rounds`     Y.Map<roundId, Round>
 * - `checks`     Y.Map<`<roundId>/<dossierId>`, groupId> (a round's rotation, one key per village)
 * - `phases`     Y.Map<`<campaignId>/<phaseId>`, Phase> (a campaign's phases: campaign/phases.ts)
 *
 * Values that do not parse, or whose id is not the key they sit under (another app version, a
 * buggy or hostile client), are skipped on read.
 */
import * as Y from 'yjs';
import type { z } from 'zod';
import { compareGroups, groupSchema, personSchema, villageSchema, type Group, type Person, type Village } from './organisation';
import { isRoundOn, roundSchema, type Round, type Rotation } from './round';
import { phaseKey, phaseSchema, sortPhases, type Phase } from '../campaign/phases';
import { addDays } from '../calendar/calendar';
import type { Role } from '../ledger/ledger';
import type { Answer } from '../dossier/layout';

export const ORG_ROOT = {
	township: 'township',
	people: 'people',
	groups: 'groups',
	villages: 'villages',
	caretakers: 'caretakers',
	rounds: 'rounds',
	checks: 'checks',
	/**
	 * Answers of the township's own part of a village form (附件2 乡镇工作), once per campaign:
	 * `<form key>:<answer key>` → answer, flat like a household's answers.
	 */
	townshipForms: 'townshipForms',
	/**
	 * A campaign's phases (培训, 排查, 整改 …): `<campaignId>/<phaseId>` → Phase. Here and not in the
	 * campaign record, which every signed form binds (campaign/phases.ts).
	 */
	phases: 'phases'
} as const;

/** What a person may do in one village: the roles of the ledger's rules (see ledger.ts). */
export interface VillageRoles {
	/** A member of the group that keeps the village. */
	owner: boolean;
	/** A member of the group a running round sends to check it. */
	checker: boolean;
	reviewer: boolean;
}

/** The role a finding is raised in, and the round and checking group when it is a cross-check. */
export interface RaisingAs {
	role: Role;
	roundId: string | null;
	checkerGroupId: string | null;
}

/** A record as stored: a plain value, or the fields of a nested map. */
function plain(value: unknown): unknown {
	return value instanceof Y.Map ? value.toJSON() : value;
}

/** Parses a record, refusing one whose id is not its key (ids must be unique to be listed). */
function parseAt<T>(schema: z.ZodType<T>, key: string, value: unknown, idField: string): T | null {
	const parsed = schema.safeParse(plain(value));
	return parsed.success && (parsed.data as Record<string, unknown>)[idField] === key ? parsed.data : null;
}

function valuesOf<T>(map: Y.Map<unknown>, schema: z.ZodType<T>, idField = 'id'): T[] {
	const out: T[] = [];
	for (const [key, value] of map) {
		const parsed = parseAt(schema, key, value, idField);
		if (parsed) out.push(parsed);
	}
	return out;
}

/**
 * Writes a record field by field into its nested map, creating the map only when the record is
 * new; only fields that changed are written, so a concurrent edit of another field survives.
 */
function writeFields(map: Y.Map<unknown>, id: string, record: Record<string, unknown>): void {
	let fields = map.get(id);
	if (!(fields instanceof Y.Map)) {
		fields = new Y.Map<unknown>();
		map.set(id, fields);
	}
	const target = fields as Y.Map<unknown>;
	for (const [field, value] of Object.entries(record)) if (target.get(field) !== value) target.set(field, value);
}

/**
 * Days after a round ends that its checkers keep their part in the villages they checked: a
 * cadre who raised findings offline on the last day syncs them when back in signal, not never.
 * The server grants reading by it (server/sync/access.ts); the app lists what that grants.
 */
export const CHECKER_GRACE_DAYS = 7;

export class OrganisationDoc {
	constructor(readonly doc: Y.Doc = new Y.Doc()) {}

	/** The township's answers to the township part of a form (`formKey`: `<template>@<campaign>`). */
	townshipAnswers(formKey: string): Record<string, Answer> {
		const prefix = `${formKey}:`;
		const out: Record<string, Answer> = {};
		for (const [key, value] of this.map('townshipForms').entries()) {
			if (key.startsWith(prefix) && value !== undefined) out[key.slice(prefix.length)] = value as Answer;
		}
		return out;
	}

	/** Sets (or, with undefined, clears) one answer of the township part of a form. */
	setTownshipAnswer(formKey: string, key: string, value: Answer | undefined): void {
		const map = this.map('townshipForms');
		this.doc.transact(() => {
			if (value === undefined) map.delete(`${formKey}:${key}`);
			else map.set(`${formKey}:${key}`, value);
		});
	}

	private map(name: keyof typeof ORG_ROOT): Y.Map<unknown> {
		return this.doc.getMap(ORG_ROOT[name]);
	}

	townshipName(): string {
		const value = this.map('township').get('name');
		return typeof value === 'string' ? value : '';
	}

	setTownshipName(name: string): void {
		this.map('township').set('name', name.trim().slice(0, 40));
	}

	people(): Person[] {
		return valuesOf(this.map('people'), personSchema).sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'));
	}

	person(id: string): Person | null {
		return parseAt(personSchema, id, this.map('people').get(id), 'id');
	}

	/** Adds a person or changes their fields; throws on a value the schema refuses (the UI says why first). */
	savePerson(person: Person): void {
		const parsed = personSchema.parse(person);
		this.doc.transact(() => writeFields(this.map('people'), parsed.id, parsed));
	}

	/** Changes some fields of a person as they are now in this document. */
	updatePerson(id: string, change: Partial<Omit<Person, 'id'>>): void {
		const current = this.person(id);
		if (!current) throw new Error(`no person ${id}`);
		const parsed = personSchema.parse({ ...current, ...change });
		this.doc.transact(() => writeFields(this.map('people'), id, Object.fromEntries(Object.keys(change).map((k) => [k, parsed[k as keyof Person]]))));
	}

	groups(): Group[] {
		return valuesOf(this.map('groups'), groupSchema).sort(compareGroups);
	}

	group(id: string): Group | null {
		return parseAt(groupSchema, id, this.map('groups').get(id), 'id');
	}

	saveGroup(group: Group): void {
		const parsed = groupSchema.parse(group);
		this.doc.transact(() => writeFields(this.map('groups'), parsed.id, parsed));
	}

	/** Current members of a group (people who left are not). */
	members(groupId: string): Person[] {
		return this.people().filter((p) => p.groupId === groupId && !p.leftAt);
	}

	reviewers(): Person[] {
		return this.people().filter((p) => p.reviewer && !p.leftAt);
	}

	villages(): Village[] {
		return valuesOf(this.map('villages'), villageSchema, 'dossierId').sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'));
	}

	village(dossierId: string): Village | null {
		return parseAt(villageSchema, dossierId, this.map('villages').get(dossierId), 'dossierId');
	}

	saveVillage(village: Village): void {
		this.map('villages').set(village.dossierId, villageSchema.parse(village));
	}

	caretaker(dossierId: string, householdId: string): Person | null {
		const id = this.map('caretakers').get(`${dossierId}/${householdId}`);
		return typeof id === 'string' ? this.person(id) : null;
	}

	setCaretaker(dossierId: string, householdId: string, personId: string | null): void {
		const key = `${dossierId}/${householdId}`;
		if (personId) this.map('caretakers').set(key, personId);
		else this.map('caretakers').delete(key);
	}

	/** Who looks after each household of a village (帮扶责任人): householdId → personId. */
	caretakersByHousehold(dossierId: string): Map<string, string> {
		const prefix = dossierId + '/';
		const out = new Map<string, string>();
		for (const [key, personId] of this.map('caretakers')) if (key.startsWith(prefix) && typeof personId === 'string') out.set(key.slice(prefix.length), personId);
		return out;
	}

	/** The households each person looks after in a village: personId → household ids. */
	caretakersIn(dossierId: string): Map<string, string[]> {
		const prefix = dossierId + '/';
		const out = new Map<string, string[]>();
		for (const [key, personId] of this.map('caretakers')) {
			if (!key.startsWith(prefix) || typeof personId !== 'string') continue;
			const list = out.get(personId) ?? [];
			list.push(key.slice(prefix.length));
			out.set(personId, list);
		}
		return out;
	}

	rounds(): Round[] {
		return valuesOf(this.map('rounds'), roundSchema).sort((a, b) => (a.startsOn < b.startsOn ? 1 : a.startsOn > b.startsOn ? -1 : 0));
	}

	round(id: string): Round | null {
		return parseAt(roundSchema, id, this.map('rounds').get(id), 'id');
	}

	saveRound(round: Round): void {
		this.map('rounds').set(round.id, roundSchema.parse(round));
	}

	/** Every campaign's phases, each campaign's in the order they run. */
	allPhases(): Phase[] {
		const out: Phase[] = [];
		for (const [key, value] of this.map('phases')) {
			const parsed = phaseSchema.safeParse(value);
			// A record under another campaign's or phase's key would be listed twice, or under the wrong campaign.
			if (parsed.success && phaseKey(parsed.data.campaignId, parsed.data.id) === key) out.push(parsed.data);
		}
		return sortPhases(out);
	}

	/** A campaign's phases in the order they run. */
	phases(campaignId: string): Phase[] {
		return this.allPhases().filter((p) => p.campaignId === campaignId);
	}

	/** Adds a phase or replaces it whole (one plain record: a concurrent edit of the same phase, last writer wins). */
	savePhase(phase: Phase): void {
		const parsed = phaseSchema.parse(phase);
		this.map('phases').set(phaseKey(parsed.campaignId, parsed.id), parsed);
	}

	/**
	 * Removes a phase. Like a caretaker or a rotation entry, the record is deleted, not marked:
	 * a phase is a plan, not something anyone did, so nothing needs to stay on record for it (the
	 * server's log keeps the change, changeLog.ts). An edit made at the same time on another
	 * device brings it back, as a concurrent set outlives a delete in Yjs: nothing is lost silently.
	 */
	removePhase(campaignId: string, phaseId: string): void {
		this.map('phases').delete(phaseKey(campaignId, phaseId));
	}

	rotation(roundId: string): Rotation {
		const prefix = roundId + '/';
		const rotation: Rotation = {};
		for (const [key, groupId] of this.map('checks')) {
			if (key.startsWith(prefix) && typeof groupId === 'string') rotation[key.slice(prefix.length)] = groupId;
		}
		return rotation;
	}

	/** Sets (or, with null, clears) which group checks a village in a round. */
	setCheck(roundId: string, dossierId: string, groupId: string | null): void {
		const key = `${roundId}/${dossierId}`;
		if (groupId) this.map('checks').set(key, groupId);
		else this.map('checks').delete(key);
	}

	/** Replaces a round's whole rotation in one transaction. */
	setRotation(roundId: string, rotation: Rotation): void {
		this.doc.transact(() => {
			const current = this.rotation(roundId);
			for (const dossierId of Object.keys(current)) if (!(dossierId in rotation)) this.setCheck(roundId, dossierId, null);
			for (const [dossierId, groupId] of Object.entries(rotation)) if (current[dossierId] !== groupId) this.setCheck(roundId, dossierId, groupId);
		});
	}

	/** Rounds running on a calendar day. */
	roundsOn(day: string): Round[] {
		return this.rounds().filter((r) => isRoundOn(r, day));
	}

	/**
	 * The running round (if any) in which `groupId` checks `dossierId`. A rotation entry that
	 * sends a group to its own village (a hand edit the round page flags) gives it nothing.
	 * `graceDays` keeps a round counted that many days after it ends (see rolesIn).
	 */
	checkingRound(groupId: string, dossierId: string, day: string, graceDays = 0): Round | null {
		if (this.village(dossierId)?.groupId === groupId) return null;
		const running = this.rounds().filter((r) => r.startsOn <= day && day <= addDays(r.endsOn, graceDays));
		return running.find((r) => this.rotation(r.id)[dossierId] === groupId) ?? null;
	}

	/** The villages a group checks in the rounds running on a day. */
	checksOf(groupId: string, day: string): { round: Round; dossierId: string }[] {
		return this.roundsOn(day).flatMap((round) =>
			Object.entries(this.rotation(round.id))
				.filter(([dossierId, checker]) => checker === groupId && this.village(dossierId)?.groupId !== groupId)
				.map(([dossierId]) => ({ round, dossierId }))
		);
	}

	/**
	 * A person's roles in one of the township's villages; none in a village it does not have.
	 * With `graceDays`, a checker stays one that many days after their round ends: the server
	 * uses it so that findings made offline on the round's last days still sync.
	 */
	rolesIn(personId: string, dossierId: string, day: string, graceDays = 0): VillageRoles {
		const person = this.person(personId);
		const village = this.village(dossierId);
		if (!person || person.leftAt || !village) return { owner: false, checker: false, reviewer: false };
		const keeper = village.groupId;
		return {
			owner: person.groupId !== null && person.groupId === keeper,
			checker: person.groupId !== null && this.checkingRound(person.groupId, dossierId, day, graceDays) !== null,
			reviewer: person.reviewer
		};
	}

	/**
	 * How a person would raise a finding in a village today: as the checker of a running round
	 * first (that is what the round is for), else as a reviewer, else as the keeping group checking
	 * itself; null when they have no part in the village.
	 */
	raisingAs(personId: string, dossierId: string, day: string): RaisingAs | null {
		const person = this.person(personId);
		const roles = this.rolesIn(personId, dossierId, day);
		if (roles.checker && person?.groupId) {
			const round = this.checkingRound(person.groupId, dossierId, day);
			return { role: 'checker', roundId: round?.id ?? null, checkerGroupId: person.groupId };
		}
		if (roles.reviewer) return { role: 'reviewer', roundId: null, checkerGroupId: null };
		if (roles.owner) return { role: 'owner', roundId: null, checkerGroupId: null };
		return null;
	}

	/** The ledger roles a person holds in a village today, as the ledger's rules name them. */
	ledgerRoles(personId: string, dossierId: string, day: string, graceDays = 0): Role[] {
		const roles = this.rolesIn(personId, dossierId, day, graceDays);
		return (['owner', 'checker', 'reviewer'] as const).filter((r) => roles[r]);
	}

	/** Calls back on every change, a field of a person or group included (they are nested maps). */
	observe(callback: () => void): () => void {
		const maps = Object.keys(ORG_ROOT).map((k) => this.map(k as keyof typeof ORG_ROOT));
		const handler = () => callback();
		for (const m of maps) m.observeDeep(handler);
		return () => {
			for (const m of maps) m.unobserveDeep(handler);
		};
	}
}
