/**
 * One open dossier in the browser: its synced Y.Doc (SyncedDoc) with the households, campaigns and
 * the people present as Svelte state.
 * Components read from it and call its methods; the rules live in src/lib/dossier.
 */
import type * as Y from 'yjs';
import { DossierDoc, type DossierMeta, type HouseholdSummary, type NewHousehold } from '../dossier/dossierDoc';
import type { Answer, FormValue } from '../dossier/layout';
import { combineSyncStates, type SyncState } from '../sync/syncStatus';
import { ReviewSession } from './reviewSession.svelte';
import { localIndex } from './localIndex';
import { SyncedDoc } from './syncedDoc.svelte';
import { newId } from '../dossier/ids';
import { AUGUST_2022, type Campaign } from '../campaign/campaign';
import { signForm, signatureKey, type FormSigning, type SignatureRecord } from '../signing/signature';
import { formContent, formHeader, signatureNow } from '../signing/formContent';
import { carryOverPlan, type CarryOverPlan } from '../campaign/carryOver';
import { departmentListPlan, type DepartmentListPlan } from '../campaign/departmentList';
import { campaignTemplate } from '../templates/registry';
import type { ComputeContext } from '../templates/computations';
import type { Actor } from '../organisation/organisation';
import { nameOf, type PersonLookup } from '../organisation/personName';
import type { Template } from '../templates/template';
import { ROOT } from '../dossier/layout';
import { EditHistory } from './editHistory.svelte';
import { HouseholdListFacts } from '../household/listFacts';
import { HouseholdIndex } from '../dossier/householdIndex';
import { newMonitoringStep, type MonitoringStepKind } from '../household/monitoring';
import { newCheckPass } from '../ledger/checkPass';
import { foldRecordReview, newRecordReviewStep, recordAnswers, recordContent, type RecordAnswers, type RecordReviewEvent, type RecordReviewStatus } from '../review/recordReview';
import { householdFacts } from '../statistics/checkState';

export interface Peer {
	clientId: number;
	/** The person's id, as the server stamps it on every state it relays (null: an older state). */
	id: string | null;
	/** Their name in the organisation, by id; the relayed name only when it has no such person. */
	name: string;
	color: string;
	householdId: string | null;
	/** The grid cell this person has selected, if they are in the grid (row: a grid row key). */
	cell: { row: string; columnId: string } | null;
	self: boolean;
}

const COLORS = ['#c0392b', '#2471a3', '#1e8449', '#b9770e', '#7d3c98', '#117a65', '#a04000', '#2e4053'];

export class DossierSession {
	readonly id: string;
	readonly dossier: DossierDoc;
	readonly doc: Y.Doc;
	private readonly synced: SyncedDoc;
	/** The village's findings, ledger and comments: a document of its own (see RoomRef). */
	readonly review: ReviewSession;
	private readonly cleanups: (() => void)[] = [];
	/** Headcount and 村民组 per household for the list, re-read only for households a change touched. */
	readonly listFacts: HouseholdListFacts;
	private readonly index: HouseholdIndex;

	loaded = $state(false);
	meta = $state<DossierMeta | null>(null);
	/** Replaced, never changed in place: a deep proxy over 5,000 summaries slows every read. */
	households = $state.raw<HouseholdSummary[]>([]);
	campaigns = $state.raw<Campaign[]>([]);
	/** The campaign whose forms this device shows; null follows the newest one. */
	chosenCampaignId = $state<string | null>(null);
	readonly campaign: Campaign | null = $derived(
		this.campaigns.find((c) => c.id === this.chosenCampaignId) ?? this.campaigns.at(-1) ?? null
	);
	/** Bumped on every change to households, so views that read answers re-run. */
	revision = $state(0);
	/** Who awareness says is here, with the names their states carry. */
	private present = $state.raw<Peer[]>([]);
	/** Where people are named by id (the organisation); until the page gives it, as relayed. */
	private people = $state.raw<PersonLookup | null>(null);
	/** The people present, this device first, named as the organisation names them (personName.ts). */
	readonly peers: Peer[] = $derived(
		this.present
			.map((peer) => ({ ...peer, name: nameOf(peer, this.people).slice(0, 40) }))
			.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name))
	);

	/** The village's two documents as one indicator: synced only when both are. */
	get sync(): SyncState {
		return combineSyncStates([this.synced.sync, this.review.sync]);
	}

	get lastSynced(): number {
		return Math.min(this.synced.lastSynced, this.review.lastSynced);
	}

	constructor(id: string, user: Actor) {
		this.id = id;
		this.synced = SyncedDoc.open({ kind: 'dossier', dossierId: id });
		this.review = new ReviewSession(id);
		this.doc = this.synced.doc;
		this.dossier = new DossierDoc(this.doc);
		this.listFacts = new HouseholdListFacts(this.dossier);
		this.index = new HouseholdIndex(this.dossier);
		this.setUser(user);

		this.cleanups.push(
			this.dossier.observeHouseholds((changed) => {
				this.listFacts.forget(changed);
				this.households = this.index.refresh(changed);
				this.revision++;
				void localIndex.dossiers.update(this.id, { households: this.households.length });
			}),
			this.dossier.observeMeta(() => {
				this.meta = this.dossier.meta();
			}),
			this.dossier.observeCampaigns(() => {
				this.campaigns = this.dossier.campaigns();
			}),
			this.dossier.observeSignatures(() => {
				this.revision++;
			}),
			this.dossier.observeVillage(() => {
				this.revision++;
			}),
			this.dossier.observeMonitoring(() => {
				this.revision++;
			})
		);

		const onAwareness = () => this.refreshPeers();
		this.provider.awareness.on('change', onAwareness);
		this.cleanups.push(() => this.provider.awareness.off('change', onAwareness));
		// The document may have been open already (我的工作): who is here arrived before this page.
		this.refreshPeers();

		void this.synced.whenLoaded.then(async () => {
			this.meta = this.dossier.meta();
			this.households = this.index.rebuild();
			this.campaigns = this.dossier.campaigns();
			this.loaded = true;
			await localIndex.dossiers.update(id, { lastOpened: Date.now() });
		});
	}

	private get provider() {
		return this.synced.provider;
	}

	/** Resolves when every edit made so far, answers and review alike, is committed to IndexedDB. */
	async whenSavedLocally(): Promise<void> {
		await Promise.all([this.synced.whenSavedLocally(), this.review.whenSavedLocally()]);
	}

	private refreshPeers(): void {
		const peers: Peer[] = [];
		for (const [clientId, state] of this.provider.awareness.getStates()) {
			const user = (state as { user?: { id?: unknown; name?: unknown; color?: unknown } }).user;
			const cell = (state as { cell?: { row?: unknown; columnId?: unknown } }).cell;
			if (!user || typeof user.name !== 'string') continue;
			peers.push({
				clientId,
				id: typeof user.id === 'string' && user.id.length <= 80 ? user.id : null,
				name: user.name.slice(0, 40),
				color: typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : COLORS[0]!,
				householdId: typeof state.householdId === 'string' ? state.householdId : null,
				cell:
					cell && typeof cell.row === 'string' && typeof cell.columnId === 'string' && cell.row.length < 200 && cell.columnId.length < 200
						? { row: cell.row, columnId: cell.columnId }
						: null,
				self: clientId === this.doc.clientID
			});
		}
		this.present = peers;
	}

	/** Who this device is to the others (the server stamps the account's id and name on it anyway). */
	setUser(user: Actor): void {
		this.provider.awareness.setLocalStateField('user', { id: user.id, name: user.name, color: COLORS[this.doc.clientID % COLORS.length] });
	}

	/** Names the people present from this organisation, by id. */
	nameBy(people: PersonLookup | null): void {
		this.people = people;
	}

	/** Tells others which household this person has open (null: none). */
	focus(householdId: string | null): void {
		this.provider.awareness.setLocalStateField('householdId', householdId);
	}

	/** Tells others which grid cell this person has selected (null: none). */
	focusCell(cell: { row: string; columnId: string } | null): void {
		this.provider.awareness.setLocalStateField('cell', cell);
	}

	/** A history of undoable edits to the households (the grid's own edits, one step each). */
	editHistory(captureTimeout = 0, scope: ConstructorParameters<typeof Y.UndoManager>[0] = [this.doc.getMap(ROOT.households)]): EditHistory {
		return new EditHistory(this.synced, scope, captureTimeout);
	}

	createHousehold(input: NewHousehold, by: string): string {
		const id = newId();
		this.synced.change(`household/${id}`, () => this.dossier.createHousehold(input, { name: by }, id));
		return id;
	}

	/** Records a step of a household's monitoring lifecycle (纳入, 帮扶, 风险消除) in `by`'s name. */
	addMonitoringStep(householdId: string, step: MonitoringStepKind, on: string, reason: string, by: Actor): void {
		this.synced.change(`monitoring/${householdId}`, () =>
			this.dossier.addMonitoringStep(newMonitoringStep({ householdId, step, on, reason, by: { id: by.id, name: by.name } }))
		);
	}

	removeHousehold(id: string, by: Actor, reason: string): void {
		this.synced.change(`household/${id}`, () => this.dossier.removeHousehold(id, by, reason));
	}

	/** Withdraws several households in one transaction (an import taken back), each with the reason. */
	withdrawHouseholds(ids: readonly string[], by: Actor, reason: string): void {
		if (!ids.length) return;
		this.synced.change(
			ids.map((id) => `household/${id}`),
			() => {
				for (const id of ids) this.dossier.removeHousehold(id, by, reason);
			}
		);
	}

	setAnswer(householdId: string, formKey: string, questionId: string, value: Answer | undefined): void {
		this.synced.change(`answer/${householdId}/${formKey}/${questionId}`, () => this.dossier.setAnswer(householdId, formKey, questionId, value));
	}

	addRow(householdId: string, formKey: string, groupId: string): string {
		const rowId = newId();
		this.synced.change(`row/${householdId}/${formKey}/${groupId}/${rowId}`, () => this.dossier.addRow(householdId, formKey, groupId, {}, undefined, rowId));
		return rowId;
	}

	setRowAnswer(householdId: string, formKey: string, groupId: string, rowId: string, questionId: string, value: Answer | undefined): void {
		this.synced.change(`answer/${householdId}/${formKey}/${groupId}/${rowId}/${questionId}`, () =>
			this.dossier.setRowAnswer(householdId, formKey, groupId, rowId, questionId, value)
		);
	}

	removeRow(householdId: string, formKey: string, groupId: string, rowId: string): void {
		this.synced.change(`row/${householdId}/${formKey}/${groupId}/${rowId}`, () => this.dossier.removeRow(householdId, formKey, groupId, rowId));
	}

	setVillageAnswer(formKey: string, questionId: string, value: Answer | undefined): void {
		this.synced.change(`village/${formKey}/${questionId}`, () => this.dossier.setVillageAnswer(formKey, questionId, value));
	}

	addCampaign(campaign: Campaign): void {
		this.synced.change(`campaign/${campaign.id}`, () => this.dossier.addCampaign(campaign));
		this.chosenCampaignId = campaign.id;
	}

	/**
	 * Prefills the campaign's household form from the one before it (减负): every answer it asks
	 * again and has not got yet, marked to be confirmed. One transaction: one update on the wire.
	 */
	carryOver(from: Campaign, to: Campaign): CarryOverPlan {
		const template = campaignTemplate(to, 'household');
		const plan: CarryOverPlan = template ? carryOverPlan(this.dossier, template, from.id, to.id) : { writes: [], households: 0, answers: 0 };
		if (plan.writes.length) {
			const keys = plan.writes.map((w) => `carry/${w.householdId}/${w.formKey}`).filter((k, i, all) => k !== all[i - 1]);
			this.synced.change(keys, () => this.dossier.setAnswers(plan.writes));
		}
		return plan;
	}

	/**
	 * Prefills one question of the campaign's household form from a department's list (减负): for
	 * each household with a member whose ID number is on it and no answer yet, `value`, marked as
	 * coming from the list `listName`, to be confirmed. One transaction: one update on the wire.
	 */
	prefillFromList(campaign: Campaign, ids: readonly string[], questionId: string, value: Answer, listName: string): DepartmentListPlan {
		const template = campaignTemplate(campaign, 'household');
		if (!template) throw new Error(`campaign ${campaign.id} has no household form`);
		const plan = departmentListPlan(this.dossier, template, campaign.id, ids, questionId, value, listName);
		if (plan.writes.length) {
			const keys = plan.writes.map((w) => `list/${w.householdId}/${w.formKey}`).filter((k, i, all) => k !== all[i - 1]);
			this.synced.change(keys, () => this.dossier.setAnswers(plan.writes));
		}
		return plan;
	}

	sign(key: string, signature: SignatureRecord): void {
		this.synced.change(`signature/${key}`, () => this.dossier.sign(key, signature));
	}

	/**
	 * Signing bound to one form: its state reads the signature against everything the form shows
	 * now (header, answers, computed values), and signing records exactly that as what was signed.
	 */
	/** Everything a form shows, as a signature binds it (signing/formContent.ts). */
	private formShown(
		scope: { householdId: string } | 'village',
		template: Template,
		formKey: string,
		answers: Record<string, FormValue>,
		context: Omit<ComputeContext, 'answers'>,
		withHousehold = true
	): string {
		const campaignId = formKey.slice(formKey.indexOf('@') + 1);
		const campaign = this.campaigns.find((c) => c.id === campaignId) ?? null;
		const header = formHeader(this.meta, scope === 'village' ? null : context.card?.['head'], campaign);
		return formContent(template, answers, context, header, withHousehold);
	}

	/**
	 * A checker's signed pass (互查通过) of a household's form in their round, binding what the
	 * form shows now (ledger/checkPass.ts).
	 */
	passHousehold(
		householdId: string,
		template: Template,
		formKey: string,
		answers: Record<string, FormValue>,
		context: Omit<ComputeContext, 'answers'>,
		by: Actor,
		round: { roundId: string; groupId: string },
		image: string
	): void {
		const head = this.dossier.household(householdId)?.head ?? '';
		const shown = this.formShown({ householdId }, template, formKey, answers, context);
		this.review.pass(newCheckPass({ id: newId(), householdId, head: head.slice(0, 40), formKey, ...round, by: { id: by.id, name: by.name }, image, shown }));
	}

	/** A household's record in a campaign as it is now: its card and the campaign's forms. */
	record(householdId: string, campaignId: string): RecordAnswers {
		void this.revision;
		return recordAnswers(this.dossier.answerEntries(householdId), campaignId);
	}

	/** Where a household record's review stands in a campaign (filled: its 附件1 signed and unchanged since). */
	recordStatus(householdId: string, campaign: Campaign): RecordReviewStatus {
		void this.revision;
		const template = campaignTemplate(campaign, 'household');
		const filled = !!template && householdFacts(this.dossier, householdId, campaign, template, this.meta).state === 'checked';
		return foldRecordReview(this.review.recordSteps(householdId, campaign.id), { digest: recordContent(this.record(householdId, campaign.id)).digest, filled });
	}

	/** Takes a step of a household record's review, binding the record as it is now. */
	reviewRecord(
		householdId: string,
		campaignId: string,
		step: { type: RecordReviewEvent['type']; by: Actor; reasons?: RecordReviewEvent['reasons']; note?: string; image?: string }
	): void {
		const head = this.dossier.household(householdId)?.head ?? '';
		this.review.reviewRecord(
			newRecordReviewStep({
				id: newId(),
				householdId,
				campaignId,
				head: head.slice(0, 40),
				type: step.type,
				by: { id: step.by.id, name: step.by.name },
				record: this.record(householdId, campaignId),
				...(step.reasons ? { reasons: step.reasons } : {}),
				...(step.note ? { note: step.note } : {}),
				...(step.image ? { image: step.image } : {})
			})
		);
	}

	formSigning(
		scope: { householdId: string } | 'village',
		template: Template,
		formKey: string,
		answers: Record<string, FormValue>,
		context: Omit<ComputeContext, 'answers'>,
		by: Actor
	): FormSigning {
		const shown = (withHousehold = true) => this.formShown(scope, template, formKey, answers, context, withHousehold);
		return {
			state: (questionId) => {
				void this.revision;
				const stored = this.dossier.signature(signatureKey(scope, formKey, questionId));
				// The signer is named as the organisation names them (the record's name is the sender's word).
				const signature = stored && { ...stored, by: { ...stored.by, name: nameOf(stored.by, this.people) } };
				return { signature, status: signatureNow(stored, template, answers, shown) };
			},
			sign: (questionId, image) => this.sign(signatureKey(scope, formKey, questionId), signForm(newId(), shown(), by, image))
		};
	}

	initMeta(meta: { township: string; village: string; createdBy: string; createdAt: string }): void {
		this.synced.change('meta', () => {
			this.dossier.init({ id: this.id, ...meta });
			// Until campaigns are managed by the township (issue #5), a new dossier starts in the
			// campaign of the seed documents.
			this.dossier.addCampaign(AUGUST_2022);
		});
	}

	destroy(): void {
		for (const cleanup of this.cleanups) cleanup();
		this.review.destroy();
		// The document may stay open for 我的工作: who is here leaves with this page.
		this.provider.awareness.setLocalState({});
		this.synced.release();
	}
}
