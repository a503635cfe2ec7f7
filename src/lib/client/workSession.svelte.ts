/**
 * 我的工作 in the browser: the documents of every village the signed-in person has a part in,
 * kept open for the whole app (the header's badge counts from them on every page), read into
 * worklist.ts's items.
 *
 * What is opened follows the person's roles: the villages their group keeps or checks whole
 * (dossier and review, VillageDocuments: their households are screened and signed there); the
 * others they may read (a reviewer's township) as review documents only (findings and comments,
 * small), unless a page asks for their households too (`withSchedules`: the home page, where a
 * reviewer sees the villages behind the campaign's schedule).
 */
import { untrack } from 'svelte';
import type { Village } from '../organisation/organisation';
import type { OrganisationSession } from './organisationSession.svelte';
import { ReviewSession } from './reviewSession.svelte';
import { VillageDocuments } from './villageDocuments.svelte';
import { asksAction, worklist, type RecordWork, type VillageWorkInput, type WorkItem } from '../work/worklist';
import { foldRecordReview, recordAnswers, recordContent, type RecordReviewEvent } from '../review/recordReview';
import type { DossierDoc } from '../dossier/dossierDoc';
import { screeningPeriod } from '../campaign/phases';

export class WorkSession {
	#whole = $state<VillageDocuments[]>([]);
	#reviews = $state<ReviewSession[]>([]);
	#schedules = $state(false);

	/**
	 * Opens the documents of these villages (`whole`: dossier and review; `reviewOnly`: the
	 * review) and closes the rest. Called from an effect.
	 */
	follow(whole: readonly string[], reviewOnly: readonly string[]): void {
		untrack(() => {
			const wholeIds = this.#schedules ? [...whole, ...reviewOnly] : [...whole];
			const reviewIds = this.#schedules ? [] : reviewOnly.filter((id) => !whole.includes(id));
			const keptWhole = this.#whole.filter((v) => wholeIds.includes(v.dossierId));
			for (const v of this.#whole) if (!wholeIds.includes(v.dossierId)) v.destroy();
			for (const id of wholeIds) if (!keptWhole.some((v) => v.dossierId === id)) keptWhole.push(new VillageDocuments(id, 'newest'));
			const keptReviews = this.#reviews.filter((r) => reviewIds.includes(r.dossierId));
			for (const r of this.#reviews) if (!reviewIds.includes(r.dossierId)) r.destroy();
			for (const id of reviewIds) if (!keptReviews.some((r) => r.dossierId === id)) keptReviews.push(new ReviewSession(id));
			this.#whole = keptWhole;
			this.#reviews = keptReviews;
		});
	}

	/** Reads the households of every village followed, for the schedule (the home page, while it is shown). */
	withSchedules(on: boolean): void {
		untrack(() => (this.#schedules = on));
	}

	get schedules(): boolean {
		return this.#schedules;
	}

	/** The person's items, most urgent first, from the documents as they are now. */
	items(org: OrganisationSession, personId: string | null, today: string, setup: Extract<WorkItem, { kind: 'setup' }>[] = []): WorkItem[] {
		if (!personId) return setup;
		void org.revision;
		const person = org.person(personId);
		const villages: VillageWorkInput[] = [];
		for (const village of org.villages) {
			const roles = org.rolesIn(personId, village.dossierId, today);
			if (!roles.owner && !roles.checker && !roles.reviewer) continue;
			const input = this.input(org, village, personId, person?.groupId ?? null, today);
			if (input) villages.push({ ...input, roles });
		}
		return worklist({ personId, today, villages, setup });
	}

	/** How many items ask something of the person: the header's badge. */
	count(org: OrganisationSession, personId: string | null, today: string): number {
		return this.items(org, personId, today).filter(asksAction).length;
	}

	private input(org: OrganisationSession, village: Village, personId: string, groupId: string | null, today: string): Omit<VillageWorkInput, 'roles'> | null {
		const caretaking = org.org.caretakersIn(village.dossierId).get(personId) ?? [];
		const checkingRound = groupId ? org.org.checkingRound(groupId, village.dossierId, today) : null;
		const whole = this.#whole.find((v) => v.dossierId === village.dossierId);
		if (whole) {
			const counted = whole.counted;
			const campaign = counted?.resolved.ok ? counted.resolved.campaign : null;
			return {
				village,
				checkingRound,
				entries: whole.review.entries,
				threads: whole.review.threads,
				seen: (thread) => whole.review.seen(personId, thread),
				households: counted?.resolved.ok ? counted.households.map((h) => ({ id: h.id, head: h.head, state: h.state })) : null,
				caretaking,
				campaign: campaign ? screeningPeriod(org.org.phases(campaign.id), campaign) : null,
				records: recordWork(whole.review.recordReviews, whole.dossier)
			};
		}
		const review = this.#reviews.find((r) => r.dossierId === village.dossierId);
		if (!review) return null;
		return {
			village,
			checkingRound,
			entries: review.entries,
			threads: review.threads,
			seen: (thread) => review.seen(personId, thread),
			households: null,
			caretaking,
			campaign: null,
			records: recordWork(review.recordReviews, null)
		};
	}

	/** Whether every followed document is read (a list shown before may still grow). */
	get loaded(): boolean {
		return this.#whole.every((v) => v.loaded && (v.counted !== null || v.campaigns.length === 0)) && this.#reviews.every((r) => r.loaded);
	}

	destroy(): void {
		for (const v of this.#whole) v.destroy();
		for (const r of this.#reviews) r.destroy();
		this.#whole = [];
		this.#reviews = [];
	}
}

let current: { key: string; session: WorkSession } | null = null;

/** The signed-in person's work, opened once and kept for every page (a new person: a new one). */
export function workSession(personKey: string): WorkSession {
	if (current?.key !== personKey) {
		// Asked for while deriving the page's state: the old person's documents close just after.
		const old = current?.session;
		if (old) queueMicrotask(() => old.destroy());
		current = { key: personKey, session: new WorkSession() };
	}
	return current.session;
}

/** Closes the work of whoever was signed in (signed out). */
export function closeWork(): void {
	const old = current?.session;
	current = null;
	if (old) queueMicrotask(() => old.destroy());
}

/**
 * The household records with review steps in a village. Whether an approved record changed since
 * is read from the dossier where it is open (only those records are hashed); a reviewer who reads
 * the review document alone sees the steps, which is all a waiting submission needs.
 */
function recordWork(steps: ReadonlyMap<string, RecordReviewEvent[]>, dossier: DossierDoc | null): RecordWork[] {
	const out: RecordWork[] = [];
	for (const [key, list] of steps) {
		const [householdId = '', campaignId = ''] = key.split('|');
		let status = foldRecordReview(list, { digest: null, filled: false });
		if (status.state === 'approved' && dossier) {
			status = foldRecordReview(list, { digest: recordContent(recordAnswers(dossier.answerEntries(householdId), campaignId)).digest, filled: false });
		}
		out.push({ householdId, head: dossier?.household(householdId)?.head ?? list.at(-1)?.head ?? '', status });
	}
	return out;
}
