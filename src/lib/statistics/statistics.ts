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
import { addFigures, emptyFigures, type Coverage, type DayCounts, type Figures } from './figures';
import { categoryOf, incomeCategory, inCampaign, isoDay, NO_GROUP, OTHER_GROUP, problemCategories, totalsBy, type Category } from './problems';
import { campaignProgress, type Progress } from './progress';

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
}

/** Why a village's figures are not in a total. */
export type Exclusion = 'notOnDevice' | 'noCampaign' | 'unknownForm';

export type VillageResult =
	| { ok: true; village: Village; campaign: Campaign; figures: Figures; households: HouseholdFacts[] }
	| { ok: false; village: Village; reason: Exclusion };

function count(coverage: Coverage, household: HouseholdFacts): void {
	coverage.households++;
	coverage.people += household.people;
	coverage.states[household.state]++;
	if (household.state === 'checked') {
		coverage.checked++;
		coverage.checkedPeople += household.people;
	}
}

function day(days: Record<string, DayCounts>, at: string): DayCounts {
	return (days[at] ??= { checked: 0, found: 0, rectified: 0 });
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
	for (const household of input.households) {
		count(figures.coverage, household);
		count(figures.byType[household.type], household);
		for (const flag of household.flags) count(figures.byFlag[flag], household);
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
}

/**
 * A report over the villages in scope (one, or every one the township has on this device);
 * null when none of them has the campaign to count.
 */
export function statisticsReport(scope: Scope, results: readonly VillageResult[], groups: readonly Group[], today: string): StatisticsReport | null {
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
		progress: campaignProgress(first.campaign, today)
	};
}
