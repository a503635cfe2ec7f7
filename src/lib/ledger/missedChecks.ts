/**
 * 漏查: a problem found later on a question a checker had passed. A checker's pass is their
 * signed 互查通过 of a household's form in a cross-check round (checkPass.ts) — it keeps, for good,
 * everything the form showed when they signed, so what they saw is never in doubt. A finding
 * raised afterwards on one of that form's questions (by the county's inspection, the township,
 * a later round, the keeping group itself) is linked to the last such pass before it, unless the checker's round had itself raised a finding on that question: they
 * saw it then. Each link counts against the checker who signed and their group.
 */
import { findingSource, type Finding, type FindingSource } from './finding';
import type { CheckPass } from './checkPass';

export interface MissedCheck {
	findingId: string;
	householdId: string;
	head: string;
	questionId: string;
	/** Where the later finding came from. */
	source: FindingSource;
	foundAt: string;
	/** The pass it contradicts. */
	pass: CheckPass;
}

export function missedChecks(findings: readonly { finding: Finding }[], passes: readonly CheckPass[]): MissedCheck[] {
	const byForm = new Map<string, CheckPass[]>();
	for (const pass of passes) {
		const key = `${pass.householdId}|${pass.formKey}`;
		const list = byForm.get(key) ?? [];
		list.push(pass);
		byForm.set(key, list);
	}
	const missed: MissedCheck[] = [];
	for (const { finding } of findings) {
		const target = finding.target;
		if (target.kind !== 'question') continue;
		const candidates = (byForm.get(`${target.householdId}|${target.formKey}`) ?? [])
			.filter((p) => p.at < finding.raisedAt)
			// The round that raised this finding itself did not miss it.
			.filter((p) => !(finding.roundId === p.roundId && finding.checkerGroupId === p.groupId))
			.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
		const pass = candidates.find(
			(p) =>
				!findings.some(
					(g) =>
						g.finding.id !== finding.id &&
						g.finding.roundId === p.roundId &&
						g.finding.checkerGroupId === p.groupId &&
						g.finding.target.kind === 'question' &&
						g.finding.target.householdId === target.householdId &&
						g.finding.target.formKey === target.formKey &&
						g.finding.target.questionId === target.questionId
				)
		);
		if (!pass) continue;
		missed.push({ findingId: finding.id, householdId: target.householdId, head: target.head, questionId: target.questionId, source: findingSource(finding), foundAt: finding.raisedAt, pass });
	}
	return missed;
}
