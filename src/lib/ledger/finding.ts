/**
 * A finding (发现的问题): a problem a checker (or reviewer, or the group itself) found on a
 * household, on one question of a household's form, or on the village form, confirmed with the
 * finder's drawn signature (检查人确认签字). Its record is written once, when raised; everything
 * that happens to it afterwards is a ledger event (ledger.ts).
 *
 * The record keeps what the finder saw by name (village, head of household, the question's
 * words, the section it falls under), so the township's ledger reads without opening every
 * village's dossier, and the record still says what was found if the household is renamed.
 */
import { z } from 'zod';
import { actorSchema } from '../organisation/organisation';
import { localizedText } from '../templates/template';
import { ROLES, type Role } from './ledger';
import { addDays, isCalendarDay } from '../calendar/calendar';
import { SIGNATURE_IMAGE_PREFIX } from '../signing/signature';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const blobRef = z.string().regex(/^[0-9a-f]{64}$/);
const householdRef = { householdId: id, head: z.string().max(40) };

export const findingTargetSchema = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('household'), ...householdRef }),
	z.object({ kind: z.literal('question'), ...householdRef, formKey: z.string().min(1).max(80), questionId: z.string().min(1).max(80), question: localizedText }),
	z.object({
		kind: z.literal('village'),
		formKey: z.string().min(1).max(80).optional(),
		questionId: z.string().min(1).max(80).optional(),
		question: localizedText.optional()
	})
]);
export type FindingTarget = z.infer<typeof findingTargetSchema>;

export const findingSignatureSchema = z.object({
	by: actorSchema,
	at: z.iso.datetime({ offset: true }),
	image: z.string().startsWith(SIGNATURE_IMAGE_PREFIX).max(512 * 1024)
});

/**
 * Where a finding came from (问题来源): the keeping group's own check, a cross-check round, the
 * township's, the county's inspection, a later evaluation (后评估) or elsewhere. What a later
 * finding on a passed question says about the checker (漏查) depends on it.
 */
export const FINDING_SOURCES = ['selfCheck', 'roundCheck', 'township', 'county', 'evaluation', 'other'] as const;
export type FindingSource = (typeof FINDING_SOURCES)[number];

/**
 * The sources a finding raised in a role may name: a checker's is the round's, the keeping
 * group's its own check; a reviewer enters the township's, and what the county or an evaluation
 * found (as the township is told it).
 */
export function sourcesFor(role: Role): readonly FindingSource[] {
	if (role === 'owner') return ['selfCheck'];
	if (role === 'checker') return ['roundCheck'];
	return ['township', 'county', 'evaluation', 'other'];
}

export const findingSchema = z.object({
	id,
	dossierId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
	village: z.string().min(1).max(40),
	target: findingTargetSchema,
	/** The form section the problem falls under (事项), e.g. `s2_housing`, with its words. */
	category: z.object({ id: z.string().min(1).max(80), label: localizedText }),
	description: z.string().trim().min(1).max(2000),
	evidence: z.array(blobRef).max(10),
	raisedBy: actorSchema,
	raisedAt: z.iso.datetime({ offset: true }),
	/** The role the finder raised it in: a checker of a round, a reviewer, or the keeping group. */
	role: z.enum(ROLES),
	/** Absent on findings raised before sources were asked: the role's first (findingSource). */
	source: z.enum(FINDING_SOURCES).optional(),
	roundId: id.nullable(),
	/** The group that checked (for the accountability views), when raised in a round. */
	checkerGroupId: id.nullable(),
	signature: findingSignatureSchema,
	deadline: z.string().refine(isCalendarDay).nullable(),
	responsible: actorSchema.nullable()
});
export type Finding = z.infer<typeof findingSchema>;

/** A finding's source, as entered or, for one raised before sources were asked, by its role. */
export function findingSource(finding: Pick<Finding, 'role' | 'source'>): FindingSource {
	return finding.source ?? sourcesFor(finding.role)[0]!;
}
export type FindingInput = z.input<typeof findingSchema>;

/**
 * The deadline a new finding proposes: the end of the campaign's rectification period while it
 * lasts (the plans set one date for all, e.g. 8月25日), otherwise two weeks from today.
 */
export function defaultDeadline(today: string, campaignEndsOn: string | null): string {
	return campaignEndsOn && campaignEndsOn >= today ? campaignEndsOn : addDays(today, 14);
}

/** The thread key of comments on a finding. */
export function findingThread(findingId: string): string {
	return `finding:${findingId}`;
}

/** The thread key of comments on one question of a household's form. */
export function questionThread(householdId: string, formKey: string, questionId: string): string {
	return `q:${householdId}:${formKey}:${questionId}`;
}

/** The thread key of comments on one question of the village form. */
export function villageQuestionThread(formKey: string, questionId: string): string {
	return `v:${formKey}:${questionId}`;
}

/** The thread key of comments on a household as a whole. */
export function householdThread(householdId: string): string {
	return `h:${householdId}`;
}

/** The thread key of comments on the village as a whole. */
export const VILLAGE_THREAD = 'v:village';

export type ThreadRef =
	| { kind: 'finding'; findingId: string }
	| { kind: 'question'; householdId: string; formKey: string; questionId: string }
	| { kind: 'household'; householdId: string }
	| { kind: 'villageQuestion'; formKey: string; questionId: string }
	| { kind: 'village' };

/** What a comment thread is about, read back from its key (null for a key this app never makes). */
export function parseThread(key: string): ThreadRef | null {
	const [kind, ...rest] = key.split(':');
	if (kind === 'finding' && rest.length === 1) return { kind: 'finding', findingId: rest[0]! };
	if (kind === 'h' && rest.length === 1) return { kind: 'household', householdId: rest[0]! };
	if (kind === 'q' && rest.length === 3) return { kind: 'question', householdId: rest[0]!, formKey: rest[1]!, questionId: rest[2]! };
	if (kind === 'v' && rest.length === 1 && rest[0] === 'village') return { kind: 'village' };
	if (kind === 'v' && rest.length === 2) return { kind: 'villageQuestion', formKey: rest[0]!, questionId: rest[1]! };
	return null;
}
