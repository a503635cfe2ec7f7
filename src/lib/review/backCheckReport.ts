/**
 * A back-check draw across the round's villages, as the reviewer follows it: each sampled
 * household, whether its second visit is in, how it compares question by question with the
 * first, and whom each comparison counts for. The first visit is the checker's: the checker whose
 * signed pass (互查通过) covers the household's form in the draw's round, and their group; with no
 * pass, the cadre who signed the form (排查人员签字) and the group that keeps the village.
 */
import type { FormValue } from '../dossier/layout';
import type { CheckPass } from '../ledger/checkPass';
import type { Village } from '../organisation/organisation';
import type { Template } from '../templates/template';
import { compareVisit, discrepancies, type BackCheckSample, type BackCheckVisit, type Discrepancies, type QuestionComparison, type VisitComparison } from './backCheck';

/** One village's documents as the report reads them. */
export interface VillageBackCheck {
	village: Village;
	samples: readonly BackCheckSample[];
	visits: readonly BackCheckVisit[];
	passes: readonly CheckPass[];
	head: (householdId: string) => string;
	/** A form's answers in the dossier now: the first visit, for a visit recorded without them. */
	answersNow: (householdId: string, formKey: string) => Record<string, FormValue>;
	/** Who signed the household's form (排查人员签字), by person id; null: unsigned. */
	signer: (householdId: string, formKey: string) => string | null;
	/** The template of a stored form (its campaign's version, in its terms); null: unknown here. */
	template: (formKey: string) => Template | null;
}

export interface SampledHousehold {
	dossierId: string;
	village: string;
	householdId: string;
	head: string;
	/** The latest second visit recorded for it in this draw; null: not yet visited. */
	visit: BackCheckVisit | null;
	comparisons: QuestionComparison[];
	checkerId: string | null;
	groupId: string | null;
}

export interface DrawReport {
	sample: BackCheckSample;
	households: SampledHousehold[];
	visited: number;
	discrepancies: Discrepancies;
}

/** Who answers for the first visit of a household's form in a round. */
export function firstVisitBy(passes: readonly CheckPass[], householdId: string, formKey: string, roundId: string, fallback: { signer: string | null; keeper: string | null }): { checkerId: string | null; groupId: string | null } {
	let pass: CheckPass | null = null;
	for (const p of passes) if (p.householdId === householdId && p.formKey === formKey && p.roundId === roundId && (!pass || p.at >= pass.at)) pass = p;
	return pass ? { checkerId: pass.by.id, groupId: pass.groupId } : { checkerId: fallback.signer, groupId: fallback.keeper };
}

/** The draws the villages' parts make up, newest first, each with its households and figures. */
export function drawReports(villages: readonly VillageBackCheck[]): DrawReport[] {
	const parts = new Map<string, { sample: BackCheckSample; village: VillageBackCheck }[]>();
	for (const village of villages) {
		for (const sample of village.samples) {
			const list = parts.get(sample.id) ?? [];
			list.push({ sample, village });
			parts.set(sample.id, list);
		}
	}
	const reports: DrawReport[] = [];
	for (const list of parts.values()) {
		const households: SampledHousehold[] = [];
		for (const { sample, village: v } of list) {
			const latest = new Map<string, BackCheckVisit>();
			for (const visit of v.visits) if (visit.sampleId === sample.id && (!latest.get(visit.householdId) || visit.at >= latest.get(visit.householdId)!.at)) latest.set(visit.householdId, visit);
			for (const householdId of sample.households) {
				const visit = latest.get(householdId) ?? null;
				const template = visit ? v.template(visit.formKey) : null;
				const first = visit ? (visit.first ?? v.answersNow(householdId, visit.formKey)) : {};
				const by = visit
					? firstVisitBy(v.passes, householdId, visit.formKey, sample.roundId, { signer: v.signer(householdId, visit.formKey), keeper: v.village.groupId })
					: { checkerId: null, groupId: null };
				households.push({
					dossierId: v.village.dossierId,
					village: v.village.name,
					householdId,
					head: v.head(householdId),
					visit,
					comparisons: visit && template ? compareVisit(template, first, visit.answers) : [],
					...by
				});
			}
		}
		const visitedOnes = households.filter((h) => h.visit);
		const items: VisitComparison[] = visitedOnes.map((h) => ({ dossierId: h.dossierId, householdId: h.householdId, head: h.head, checkerId: h.checkerId, groupId: h.groupId, comparisons: h.comparisons }));
		reports.push({ sample: list[0]!.sample, households, visited: visitedOnes.length, discrepancies: discrepancies(items) });
	}
	return reports.sort((a, b) => b.sample.at.localeCompare(a.sample.at) || a.sample.id.localeCompare(b.sample.id));
}
