/**
 * A decision on an issue 数据核查 raised (qualityChecks.ts): "这不是问题", or taken back. A record
 * is written once, in its author's name (the server checks the name against who sent it), kept
 * in the village's review document; the latest decision on an issue is the one that holds.
 */
import { z } from 'zod';
import { actorSchema } from '../organisation/organisation';

export const DECISION_VERDICTS = ['notAProblem', 'reopened'] as const;

export const decisionSchema = z.object({
	id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
	/** The key (QualityIssue.key). */
	check: z.string().min(1).max(600),
	verdict: z.enum(DECISION_VERDICTS),
	by: actorSchema,
	at: z.iso.datetime({ offset: true }),
	/** Why, in the decider's words. */
	note: z.string().trim().max(500)
});
export type Decision = z.infer<typeof decisionSchema>;

/** The decision that holds on each issue: the latest (by time, then id). */
export function latestDecisions(records: Iterable<unknown>): Map<string, Decision> {
	const latest = new Map<string, Decision>();
	for (const raw of records) {
		const parsed = decisionSchema.safeParse(raw);
		if (!parsed.success) continue;
		const d = parsed.data;
		const held = latest.get(d.check);
		if (!held || d.at > held.at || (d.at === held.at && d.id > held.id)) latest.set(d.check, d);
	}
	return latest;
}
