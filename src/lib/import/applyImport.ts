/**
 * Writes a confirmed plan into a dossier: one Yjs transaction under the caller's origin, so the
 * whole import is one update on the wire and one step of a Y.UndoManager that tracks that origin
 * (src/lib/client/editHistory.svelte.ts), and a reader never sees half of it.
 *
 * Everything goes through DossierDoc's API, as typing would: households are created, answers
 * set, member rows added; nothing is removed. The plan was shown against the dossier as it was;
 * another cadre may have changed it since (their edits sync in while the preview is open), so
 * each write first checks that what it replaces is still what the preview showed, and skips,
 * and reports, what is no longer so rather than overwrite a colleague's newer answer.
 */
import * as Y from 'yjs';
import { DossierDoc, type Actor, type AnswerWrite } from '../dossier/dossierDoc';
import { newId } from '../dossier/ids';
import { CARD_FORM, HOUSEHOLD_TYPES, type Answer, type HouseholdType } from '../dossier/layout';
import { isRows } from '../household/members';
import { sameAnswer, type RowIssue } from './roster';
import type { HouseholdPlan, ImportPlan } from './importPlan';

export interface ApplyOptions {
	/** The transaction's origin: what an undo manager tracks. */
	origin: unknown;
	/** Who imports, and when (each new household is stamped a millisecond after the one before, so the dossier lists them in the file's order). */
	by: Actor;
}

export interface ApplyResult {
	/** Ids of the households created, in the file's order. */
	created: string[];
	/** Ids of the matched households something was written to. */
	updated: string[];
	membersAdded: number;
	membersChanged: number;
	answersWritten: number;
	/** Writes not made because the dossier changed since the preview. */
	skipped: RowIssue[];
}

const MEMBERS = 'members';

export function applyImport(dossier: DossierDoc, plan: ImportPlan, options: ApplyOptions): ApplyResult {
	const writer = new PlanWriter(dossier, options);
	dossier.doc.transact(() => writer.write(plan.newHouseholds, plan.matchedHouseholds), options.origin);
	return writer.result;
}

/** One part of an import written on a copy: its update (Yjs v2 encoding) and the households it created. */
export interface ImportPart {
	update: Uint8Array;
	created: string[];
}

/**
 * The same, on a copy of the dossier made from its encoded state, one part of at most
 * `householdsPerUpdate` households at a time: a Web Worker writes while the page applies the
 * parts already made (Y.applyUpdateV2(doc, part.update, origin)), each in its own task, so no
 * frame is held and the two threads work at once. Applied in order under one origin they are
 * one import; an undo manager that should undo them as one step merges them (a capture timeout
 * longer than the import, then stopCapturing()). Updates are in Yjs's v2 encoding: its strings
 * arrive as one block the page decodes at once instead of one by one (half the page's time for
 * 50,000 member rows went to decoding strings).
 */
export function* writeImportParts(
	state: Uint8Array,
	plan: ImportPlan,
	options: ApplyOptions & { householdsPerUpdate: number }
): Generator<ImportPart, ApplyResult> {
	const doc = new Y.Doc();
	try {
		Y.applyUpdate(doc, state);
		const writer = new PlanWriter(new DossierDoc(doc), options);
		const size = Math.max(1, options.householdsPerUpdate);
		const all = [...plan.newHouseholds.map((h) => ({ h, isNew: true })), ...plan.matchedHouseholds.map((h) => ({ h, isNew: false }))];
		// Nothing to write is still one (empty) part, so the page's path has no special case.
		for (let i = 0; i < Math.max(1, all.length); i += size) {
			const part = all.slice(i, i + size);
			const before = Y.encodeStateVector(doc);
			const createdBefore = writer.result.created.length;
			const created = part.filter((p) => p.isNew).map((p) => p.h);
			const matched = part.filter((p) => !p.isNew).map((p) => p.h);
			doc.transact(() => writer.write(created, matched), options.origin);
			yield { update: Y.encodeStateAsUpdateV2(doc, before), created: writer.result.created.slice(createdBefore) };
		}
		return writer.result;
	} finally {
		doc.destroy();
	}
}

/** How many parts writeImportParts makes of a plan. */
export function importPartCount(plan: ImportPlan, householdsPerUpdate: number): number {
	return Math.max(1, Math.ceil((plan.newHouseholds.length + plan.matchedHouseholds.length) / Math.max(1, householdsPerUpdate)));
}

/** All parts at once (v2 updates), for Node and for tests. */
export function applyImportAsUpdates(
	state: Uint8Array,
	plan: ImportPlan,
	options: ApplyOptions & { householdsPerUpdate: number }
): { updates: Uint8Array[]; result: ApplyResult } {
	const parts = writeImportParts(state, plan, options);
	const updates: Uint8Array[] = [];
	for (;;) {
		const next = parts.next();
		if (next.done) return { updates, result: next.value };
		updates.push(next.value.update);
	}
}

/** The whole import as one v2 update. */
export function applyImportAsUpdate(state: Uint8Array, plan: ImportPlan, options: ApplyOptions): { update: Uint8Array; result: ApplyResult } {
	const { updates, result } = applyImportAsUpdates(state, plan, { ...options, householdsPerUpdate: Infinity });
	return { update: updates[0]!, result };
}

/** Writes households of a plan, in one or several transactions the caller opens. */
class PlanWriter {
	readonly result: ApplyResult = { created: [], updated: [], membersAdded: 0, membersChanged: 0, answersWritten: 0, skipped: [] };
	private readonly dossier: DossierDoc;
	private readonly known: Set<string>;
	private readonly ids = idSource();
	private readonly start: number;
	private readonly name: string;
	private created = 0;

	constructor(dossier: DossierDoc, options: ApplyOptions) {
		this.dossier = dossier;
		this.known = currentIds(dossier);
		this.start = (options.by.at ?? new Date()).getTime();
		this.name = options.by.name;
	}

	write(newHouseholds: readonly HouseholdPlan[], matched: readonly HouseholdPlan[]): void {
		for (const household of newHouseholds) {
			createHousehold(this.dossier, household, this.known, { name: this.name, at: new Date(this.start + this.created++) }, this.ids, this.result);
		}
		for (const household of matched) updateHousehold(this.dossier, household, this.known, this.ids, this.result);
	}
}

const ID_LENGTH = 16;
/** Ids per draw: the random source gives at most 65,536 bytes at a time. */
const IDS_PER_DRAW = 4000;

/**
 * Ids for the households and rows an import creates, as newId makes them (16 random base62
 * characters each), cut from long draws: one call to the random source per 4,000 ids instead of
 * one per member, which is most of the cost of 50,000 rows' ids.
 */
function idSource(): () => string {
	let pool = '';
	let next = 0;
	return () => {
		if (next + ID_LENGTH > pool.length) {
			pool = newId(ID_LENGTH * IDS_PER_DRAW);
			next = 0;
		}
		return pool.slice(next, (next += ID_LENGTH));
	};
}

/** Every member's ID number now in the dossier: what arrived since the preview is not added twice. */
function currentIds(dossier: DossierDoc): Set<string> {
	const ids = new Set<string>();
	for (const summary of dossier.listHouseholds()) {
		for (const [, values] of dossier.rows(summary.id, CARD_FORM, MEMBERS)) if (typeof values.id_number === 'string') ids.add(values.id_number);
	}
	return ids;
}

const isHouseholdType = (value: Answer | undefined): value is HouseholdType => typeof value === 'string' && (HOUSEHOLD_TYPES as readonly string[]).includes(value);

function createHousehold(dossier: DossierDoc, plan: HouseholdPlan, known: Set<string>, by: Actor, ids: () => string, result: ApplyResult): void {
	// Someone entered one of its people since the preview: the household is not half-made here.
	if (plan.members.some((m) => m.idNumber && known.has(m.idNumber))) {
		result.skipped.push({ row: plan.headRow, code: 'import.stale.nowExists', params: { head: plan.head } });
		return;
	}
	const type = plan.card.type;
	const id = dossier.createHousehold({ head: plan.head, type: isHouseholdType(type) ? type : 'ordinary' }, by, ids());
	const writes: AnswerWrite[] = [];
	// The card asks the type and the file did not say it: left unanswered, shown as missing, not guessed.
	if (!isHouseholdType(type)) writes.push({ householdId: id, formKey: CARD_FORM, key: 'type', value: undefined });
	for (const [key, value] of Object.entries(plan.card)) {
		if (key !== 'head' && key !== 'type') writes.push({ householdId: id, formKey: CARD_FORM, key, value });
	}
	dossier.setAnswers(writes);
	for (const member of plan.members) dossier.addRow(id, CARD_FORM, MEMBERS, member.values, undefined, ids());
	for (const member of plan.members) if (member.idNumber) known.add(member.idNumber);
	result.created.push(id);
	result.membersAdded += plan.members.length;
	result.answersWritten += 2 + writes.length + plan.members.reduce((n, m) => n + Object.keys(m.values).length, 0);
}

function updateHousehold(dossier: DossierDoc, plan: HouseholdPlan, known: Set<string>, ids: () => string, result: ApplyResult): void {
	const id = plan.householdId!;
	if (!dossier.household(id)) {
		result.skipped.push({ row: plan.headRow, code: 'import.stale.householdGone', params: { head: plan.head } });
		return;
	}
	const card = dossier.answers(id, CARD_FORM);
	const rows = card[MEMBERS];
	const current = isRows(rows) ? rows : {};
	let wrote = false;
	const writes: AnswerWrite[] = [];
	for (const change of plan.cardChanges) {
		if (!sameAnswer(card[change.question] as Answer | undefined, change.before)) {
			result.skipped.push({ row: plan.headRow, code: 'import.stale.changed', params: { question: change.question } });
			continue;
		}
		writes.push({ householdId: id, formKey: CARD_FORM, key: change.question, value: change.after });
	}
	if (writes.length) {
		dossier.setAnswers(writes);
		result.answersWritten += writes.length;
		wrote = true;
	}
	for (const member of plan.members) {
		if (member.kind === 'add') {
			if (member.idNumber && known.has(member.idNumber)) {
				result.skipped.push({ row: member.row, code: 'import.stale.memberExists', params: { name: member.name } });
				continue;
			}
			if (member.idNumber) known.add(member.idNumber);
			dossier.addRow(id, CARD_FORM, MEMBERS, member.values, undefined, ids());
			result.membersAdded++;
			result.answersWritten += Object.keys(member.values).length;
			wrote = true;
		} else if (member.kind === 'change') {
			const now = member.rowId ? current[member.rowId] : undefined;
			if (!member.rowId || !now) {
				result.skipped.push({ row: member.row, code: 'import.stale.memberGone', params: { name: member.name } });
				continue;
			}
			let changed = false;
			for (const change of member.changes) {
				if (!sameAnswer(now[change.question], change.before)) {
					result.skipped.push({ row: member.row, code: 'import.stale.changed', params: { question: change.question } });
					continue;
				}
				dossier.setRowAnswer(id, CARD_FORM, MEMBERS, member.rowId, change.question, change.after);
				result.answersWritten++;
				changed = true;
			}
			if (changed) {
				result.membersChanged++;
				wrote = true;
			}
		}
	}
	if (wrote) result.updated.push(id);
}
