/**
 * An import into one open dossier, as the page shows it: the file read and its columns guessed,
 * the mapping the cadre confirms (remembered on this device per header shape), the preview, then
 * the write in chunks of a few hundred households, each in its own task so no frame is held, all
 * one undo step. Reading, planning and writing happen in a worker (importWorker.ts).
 */
import * as Y from 'yjs';
import type { DossierSession } from './dossierSession.svelte';
import type { EditHistory } from './editHistory.svelte';
import type { ImportReply, ImportRequest } from './importWorker';
import type { ReadOutcome } from '../import/importJob';
import type { ColumnMapping, MappingProblem } from '../import/columnMapping';
import type { ImportPlan } from '../import/importPlan';
import type { ApplyResult } from '../import/applyImport';
import type { Actor } from '../organisation/organisation';
import { localDay } from '../calendar/calendar';
import { peopleElsewhere } from './townshipPeople';

export type ImportStep = 'choose' | 'reading' | 'mapping' | 'planning' | 'preview' | 'writing' | 'done';

const MAPPINGS = 'dangka.importMappings';
/** A part the page applies well inside the 200 ms a frame may be held (about 40 ms at 50 households of 10). */
const HOUSEHOLDS_PER_UPDATE = 50;
/** Longer than any import's write: its chunks merge into one undo step, then the step is sealed. */
const CAPTURE_MS = 10 * 60_000;

function remembered(): Record<string, ColumnMapping> {
	try {
		return JSON.parse(localStorage.getItem(MAPPINGS) ?? '{}') as Record<string, ColumnMapping>;
	} catch {
		return {};
	}
}

export class ImportSession {
	step = $state<ImportStep>('choose');
	fileName = $state('');
	read = $state.raw<Extract<ReadOutcome, { ok: true }> | null>(null);
	mapping = $state<ColumnMapping>({});
	problems = $state.raw<MappingProblem[]>([]);
	plan = $state.raw<ImportPlan | null>(null);
	result = $state.raw<ApplyResult | null>(null);
	/** A refusal or failure, as an i18n key and its parameters. */
	error = $state.raw<{ code: string; params?: Record<string, string | number> } | null>(null);
	/** Households written so far, of `toWrite`. */
	written = $state(0);
	toWrite = $state(0);
	canUndo = $state(false);
	/** Whether the preview checked the file against every village of the township (false: this device's only). */
	wholeTownship = $state(true);

	private worker: Worker | null = null;
	private history: EditHistory | null = null;
	/** Whether the history's undo reverts the import's changes to households that were there. */
	private reverts = false;

	constructor(
		private readonly session: DossierSession,
		private readonly actor: () => Actor
	) {}

	/** Sends a request; the worker's parts of a write go to `onPart` as they come, the last reply resolves. */
	private ask(request: ImportRequest, transfer: Transferable[] = [], onPart?: (part: Extract<ImportReply, { type: 'part' }>) => void): Promise<ImportReply> {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- the worker's address, never rendered
		this.worker ??= new Worker(new URL('./importWorker.ts', import.meta.url), { type: 'module' });
		const worker = this.worker;
		return new Promise((resolve) => {
			worker.onmessage = (event: MessageEvent<ImportReply>) => {
				if (event.data.type !== 'part') resolve(event.data);
				else if (onPart) onPart(event.data);
			};
			worker.onerror = (event) => resolve({ type: 'error', message: event.message || 'worker failed' });
			worker.postMessage(request, transfer);
		});
	}

	private failed(reply: ImportReply): void {
		this.error = { code: 'importUi.failed', params: { reason: reply.type === 'error' ? reply.message : reply.type } };
	}

	async choose(file: File): Promise<void> {
		this.error = null;
		this.plan = null;
		this.result = null;
		this.fileName = file.name;
		this.step = 'reading';
		const bytes = new Uint8Array(await file.arrayBuffer());
		const reply = await this.ask({ type: 'read', bytes, fileName: file.name, remembered: remembered() }, [bytes.buffer]);
		if (reply.type !== 'read') {
			this.failed(reply);
			this.step = 'choose';
			return;
		}
		if (!reply.outcome.ok) {
			this.error = { code: reply.outcome.code, params: reply.outcome.params };
			this.step = 'choose';
			return;
		}
		this.read = reply.outcome;
		this.mapping = { ...reply.outcome.mapping };
		this.problems = [];
		this.step = 'mapping';
	}

	/** The ID numbers in the file's mapped ID columns (members', heads'), as the card would keep them. */
	private async fileIdNumbers(): Promise<string[]> {
		const ids: string[] = [];
		for (const key of ['member.id_number', 'household.headId']) {
			const column = this.mapping[key];
			if (column === undefined) continue;
			const reply = await this.ask({ type: 'ids', column });
			if (reply.type === 'ids') ids.push(...reply.ids.map((i) => i.idNumber));
		}
		return ids;
	}

	/** Maps a field to a column (or to none); a column is taken by one field at most. */
	setField(key: string, column: number | null): void {
		const next: ColumnMapping = {};
		for (const [k, c] of Object.entries(this.mapping)) if (k !== key && c !== column) next[k] = c;
		if (column !== null) next[key] = column;
		this.mapping = next;
	}

	async preview(): Promise<void> {
		if (!this.read) return;
		this.error = null;
		this.step = 'planning';
		const elsewhere = await peopleElsewhere(this.session.id, await this.fileIdNumbers());
		this.wholeTownship = elsewhere.wholeTownship;
		const reply = await this.ask({ type: 'preview', mapping: $state.snapshot(this.mapping), state: Y.encodeStateAsUpdate(this.session.doc), others: elsewhere.people, today: localDay() });
		if (reply.type !== 'preview') {
			this.failed(reply);
			this.step = 'mapping';
			return;
		}
		if (!reply.outcome.ok) {
			this.problems = reply.outcome.problems;
			this.step = 'mapping';
			return;
		}
		const saved = remembered();
		saved[this.read.sourceKey] = $state.snapshot(this.mapping);
		localStorage.setItem(MAPPINGS, JSON.stringify(saved));
		this.plan = reply.outcome.plan;
		this.step = 'preview';
	}

	/**
	 * Writes the previewed plan onto the dossier as it is now (a colleague's later edits are kept).
	 * The worker makes the parts and the page applies each as it arrives, in a task of its own, so
	 * the two threads work at once and the page draws between parts. Should the worker fail
	 * half-way, what was applied is taken back (`failReason`: why the households are withdrawn).
	 */
	async confirm(failReason: string): Promise<void> {
		if (!this.plan) return;
		this.step = 'writing';
		this.history?.destroy();
		// Households are never deleted (the server refuses it): what an undo takes back through
		// Yjs is what the import changed in households that were there; those it created are
		// withdrawn instead, with the reason, as a cadre would (undo()).
		const scope = this.plan.matchedHouseholds.flatMap((h) => (h.householdId ? (this.session.dossier.answersType(h.householdId) ?? []) : []));
		// An undo manager needs a scope; with no household matched, this history only writes
		// (as a tracked local edit) and is never undone (undo() withdraws, nothing to revert).
		const history = scope.length ? this.session.editHistory(CAPTURE_MS, scope) : this.session.editHistory(CAPTURE_MS);
		this.reverts = scope.length > 0;
		this.history = history;
		const households = this.plan.newHouseholds.length + this.plan.matchedHouseholds.length;
		this.written = 0;
		this.toWrite = households;
		const created: string[] = [];
		const reply = await this.ask({ type: 'write', state: Y.encodeStateAsUpdate(this.session.doc), by: this.actor(), householdsPerUpdate: HOUSEHOLDS_PER_UPDATE }, [], (part) => {
			history.edit(['import'], () => Y.applyUpdateV2(this.session.doc, part.update));
			created.push(...part.created);
			this.written = Math.min(households, this.written + HOUSEHOLDS_PER_UPDATE);
		});
		history.seal();
		this.worker?.terminate();
		this.worker = null;
		if (reply.type !== 'write') {
			if (this.reverts) history.undo();
			this.session.withdrawHouseholds(created, this.actor(), failReason);
			this.failed(reply);
			this.step = 'preview';
			return;
		}
		this.canUndo = (this.reverts && history.canUndo) || reply.result.created.length > 0;
		this.result = reply.result;
		this.step = 'done';
	}

	/**
	 * Takes the whole import back: the changes to households that were there are undone (what
	 * others wrote since stays), the households it created are withdrawn with `reason`.
	 */
	undo(reason: string): void {
		if (!this.canUndo) return;
		if (this.reverts) this.history?.undo();
		this.session.withdrawHouseholds(this.result?.created ?? [], this.actor(), reason);
		this.canUndo = false;
	}

	back(): void {
		this.step = this.read ? 'mapping' : 'choose';
	}

	destroy(): void {
		this.worker?.terminate();
		this.history?.destroy();
	}
}
