/**
 * A campaign's statistics for one village, and for a township as the sum of its villages. Read
 * from the documents on the device (a village's dossier and its review document, the township's
 * organisation), so the figures are there offline and say what this device holds.
 *
 * Each village is counted by its own dossier's record of the campaign (its line and band are what
 * its forms were filled and signed under). A village is left out, and said to be, when this
 * device has no copy of its dossier yet or its dossier does not have the campaign: counting its
 * households as unchecked would report work as undone that may well be done.
 */
import type { DossierDoc } from '../dossier/dossierDoc';
import { incomeRules, type Campaign } from '../campaign/campaign';
import { totals, type LedgerRow } from '../ledger/ledgerReport';
import { missedChecks } from '../ledger/missedChecks';
import type { CheckPass } from '../ledger/checkPass';
import { compareGroups, type Group, type Village } from '../organisation/organisation';
import { campaignTemplate } from '../templates/registry';
import type { Template } from '../templates/template';
import { householdFacts, type HouseholdFacts } from './checkState';
import { addFigures, emptyDay, emptyFigures, emptyProgress, type Coverage, type DayCounts, type Figures, type ProgressCounts } from './figures';
import { categoryOf, incomeCategory, inCampaign, isoDay, NO_GROUP, NO_PERSON, OTHER_GROUP, problemCategories, totalsBy, type Category } from './problems';
import { campaignProgress, type Progress } from './progress';
import { sortPhases, type Phase } from '../campaign/phases';

export interface VillageInput {
	dossier: DossierDoc;
	/** The village's findings with their ledger state (ReviewDoc.entries, ReviewSession.entries). */
	findings: readonly LedgerRow[];
	/** The village as the organisation has it: its name and the group that keeps it. */
	village: Village;
	/** The township's groups: a finding's checking group is counted by name only if it is one. */
	groups: readonly Group[];
	campaignId: string;
	/** The cadre's calendar day the figures are as of (超期 is judged on it). */
	today: string;
	/** An instant's calendar day; the device's own by default. */
	dayOf?: (iso: string) => string;
	/** The checkers' passes (ReviewDoc.passes): with them, 漏查 is counted. */
	passes?: readonly CheckPass[];
	/**
	 * The households whose record the township has approved (审定) in this campaign and whose
	 * approval still holds: householdId → the ISO time of that 审定 (its day is the day it counts
	 * on). Without it nothing is counted as reviewed.
	 */
	reviewed?: ReadonlyMap<string, string>;
	/**
	 * Who looks after each household (帮扶责任人, OrganisationDoc.caretakersByHousehold):
	 * householdId → personId. With it, progress is counted per person (`byPerson`).
	 */
	caretakers?: ReadonlyMap<string, string>;
}

/** Why a village's figures are not in a total. */
export type Exclusion = 'notOnDevice' | 'noCampaign' | 'unknownForm';

export type VillageResult =
	| { ok: true; village: Village; campaign: Campaign; figures: Figures; households: HouseholdFacts[] }
	| { ok: false; village: Village; reason: Exclusion };

function count(coverage: Coverage, household: HouseholdFacts, reviewed: boolean): void {
	coverage.households++;
	coverage.people += household.people;
	coverage.states[household.state]++;
	if (household.state !== 'notStarted') coverage.screened++;
	if (household.state === 'checked') {
		coverage.checked++;
		coverage.checkedPeople += household.people;
	}
	if (reviewed) coverage.reviewed++;
}

function day(days: Record<string, DayCounts>, at: string): DayCounts {
	return (days[at] ??= emptyDay());
}

function progressOf(byKey: Record<string, ProgressCounts>, key: string): ProgressCounts {
	return (byKey[key] ??= emptyProgress());
}

/** The household a finding is about; null for one on the village as a whole. */
function householdOf(row: LedgerRow): string | null {
	const target = row.finding.target;
	return target.kind === 'village' ? null : target.householdId;
}

export type VillageCampaign = { ok: true; campaign: Campaign; form: Template } | { ok: false; reason: Exclusion };

/** The village's own record of the campaign and its household form, or why the village is not counted. */
export function villageCampaign(dossier: DossierDoc, campaignId: string): VillageCampaign {
	if (!dossier.meta() && dossier.householdsMap.size === 0) return { ok: false, reason: 'notOnDevice' };
	const campaign = dossier.campaigns().find((c) => c.id === campaignId);
	if (!campaign) return { ok: false, reason: 'noCampaign' };
	const form = campaignTemplate(campaign, 'household');
	return form ? { ok: true, campaign, form } : { ok: false, reason: 'unknownForm' };
}

export interface VillageCount extends Omit<VillageInput, 'dossier' | 'campaignId'> {
	campaign: Campaign;
	/** The campaign's household form (campaignTemplate). */
	form: Template;
	/** Every household not withdrawn, as householdFacts reads it. */
	households: readonly HouseholdFacts[];
}

/**
 * A village's figures from its households' facts and its findings. Apart from reading the
 * households (householdFacts, the costly part) so that a page can read them a few at a time and
 * again only for the households that changed.
 */
export function countVillage(input: VillageCount): Figures {
	const { village, campaign, form, today } = input;
	const dayOf = input.dayOf ?? isoDay;
	const figures = emptyFigures();
	figures.villages = 1;
	const band = incomeRules(campaign).band !== null;
	figures.income.bandVillages = band ? 1 : 0;
	const reviewedAt = input.reviewed ?? new Map<string, string>();
	const caretakers = input.caretakers;
	for (const household of input.households) {
		const reviewed = reviewedAt.get(household.id);
		count(figures.coverage, household, reviewed !== undefined);
		count(figures.byType[household.type], household, reviewed !== undefined);
		for (const flag of household.flags) count(figures.byFlag[flag], household, reviewed !== undefined);
		if (caretakers) {
			const person = progressOf(figures.byPerson, caretakers.get(household.id) ?? NO_PERSON);
			person.households++;
			if (household.state !== 'notStarted') person.screened++;
			if (household.state === 'checked') person.checked++;
			if (reviewed !== undefined) person.reviewed++;
		}
		const income = figures.income;
		const add = (hp: { households: number; people: number }) => {
			hp.households++;
			hp.people += household.people;
		};
		const assessed = household.income.state === 'ok' && household.income.figures.belowLine !== null ? household.income.figures : null;
		if (!assessed) add(income.unassessed);
		else {
			add(income.assessed);
			if (assessed.belowLine) add(income.belowLine);
			if (band && assessed.inBand) add(income.inBand);
			if (assessed.largeRigidSpending) add(income.largeRigidSpending);
		}
		if (household.monitoring) add(figures.monitoring[household.monitoring]);
		if (household.signedAt) day(figures.days, dayOf(household.signedAt)).checked++;
		if (reviewed !== undefined) day(figures.days, dayOf(reviewed)).reviewed++;
		if (household.state !== 'notStarted') {
			// Screened on the day its form says, else the day it was signed; a form that says neither is counted apart.
			const on = household.screenedOn ?? (household.signedAt ? dayOf(household.signedAt) : '');
			if (on) day(figures.days, on).screened++;
			else figures.screenedUndated++;
		}
	}

	const rows = input.findings.filter((row) => row.finding.dossierId === village.dossierId && inCampaign(row, campaign, dayOf));
	const categories = problemCategories(form);
	const incomeSection = incomeCategory(form);
	const known = new Set(input.groups.map((g) => g.id));
	const problems = figures.problems;
	problems.totals = totals(rows, today);
	for (const row of rows) {
		problems.states[row.status.state]++;
		day(figures.days, dayOf(row.finding.raisedAt)).found++;
		if (row.status.state === 'closed' && row.status.closed) day(figures.days, dayOf(row.status.closed.at)).rectified++;
	}
	problems.byCategory = totalsBy(
		rows,
		(row) => categoryOf(row, categories, campaign, incomeSection),
		categories.map((c) => c.id),
		today
	);
	problems.raisedBy = totalsBy(rows, (row) => (row.finding.checkerGroupId && known.has(row.finding.checkerGroupId) ? row.finding.checkerGroupId : OTHER_GROUP), [], today);
	problems.against = { [village.groupId ?? NO_GROUP]: problems.totals };
	const c = figures.coverage;
	const p = problems.totals;
	figures.byGroup = {
		[village.groupId ?? NO_GROUP]: { households: c.households, screened: c.screened, checked: c.checked, reviewed: c.reviewed, found: p.found, open: p.open, overdue: p.overdue }
	};
	if (caretakers) {
		const byPerson = totalsBy(
			rows.filter((row) => householdOf(row) !== null),
			(row) => caretakers.get(householdOf(row)!) ?? NO_PERSON,
			[],
			today
		);
		for (const [personId, t] of Object.entries(byPerson)) Object.assign(progressOf(figures.byPerson, personId), { found: t.found, open: t.open, overdue: t.overdue });
	}
	if (input.passes) {
		const counted = new Set(rows.map((r) => r.finding.id));
		const all = input.findings.filter((row) => row.finding.dossierId === village.dossierId);
		for (const missed of missedChecks(all, input.passes)) {
			if (!counted.has(missed.findingId)) continue;
			figures.missed.total++;
			figures.missed.byGroup[missed.pass.groupId] = (figures.missed.byGroup[missed.pass.groupId] ?? 0) + 1;
			figures.missed.byChecker[missed.pass.by.id] = (figures.missed.byChecker[missed.pass.by.id] ?? 0) + 1;
		}
	}
	return figures;
}

/** One village's figures for a campaign, or why it has none. */
export function villageFigures(input: VillageInput): VillageResult {
	const { dossier, village } = input;
	const resolved = villageCampaign(dossier, input.campaignId);
	if (!resolved.ok) return { ok: false, village, reason: resolved.reason };
	const { campaign, form } = resolved;
	const meta = dossier.meta();
	const households = dossier.listHouseholds().map((h) => householdFacts(dossier, h.id, campaign, form, meta));
	return { ok: true, village, campaign, households, figures: countVillage({ ...input, campaign, form, households }) };
}

export type Scope = { kind: 'township'; name: string } | { kind: 'village'; dossierId: string; name: string };

export interface StatisticsReport {
	scope: Scope;
	/** The campaign as the first village counted records it (its name and dates). */
	campaign: Campaign;
	today: string;
	/** Categories problems are counted under, in the form's order. */
	categories: Category[];
	/** The groups the figures name (as checker or as keeper), in the organisation's order. */
	groups: Group[];
	/** The villages counted, each with its own figures; `figures` is their sum. */
	villages: { village: Village; figures: Figures }[];
	excluded: { village: Village; reason: Exclusion }[];
	figures: Figures;
	progress: Progress;
	/** The campaign's phases as the township set them (organisation document), in the order they run. */
	phases: Phase[];
}

/**
 * A report over the villages in scope (one, or every one the township has on this device);
 * null when none of them has the campaign to count.
 */
export function statisticsReport(scope: Scope, results: readonly VillageResult[], groups: readonly Group[], today: string, phases: readonly Phase[] = []): StatisticsReport | null {
	const counted = results.filter((r) => r.ok);
	const first = counted[0];
	if (!first) return null;
	const figures = addFigures(counted.map((r) => r.figures));
	const named = new Set([...Object.keys(figures.problems.raisedBy), ...Object.keys(figures.problems.against), ...counted.flatMap((r) => (r.village.groupId ? [r.village.groupId] : []))]);
	const form = campaignTemplate(first.campaign, 'household')!;
	return {
		scope,
		campaign: first.campaign,
		today,
		categories: problemCategories(form),
		groups: groups.filter((g) => named.has(g.id)).sort(compareGroups),
		villages: counted.map((r) => ({ village: r.village, figures: r.figures })),
		excluded: results.flatMap((r) => (r.ok ? [] : [{ village: r.village, reason: r.reason }])),
		figures,
		progress: campaignProgress(first.campaign, today),
		phases: sortPhases(phases.filter((p) => p.campaignId === first.campaign.id))
	};
}
