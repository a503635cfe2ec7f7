/**
 * A household's monitoring lifecycle (防止返贫动态监测, 004): 纳入监测 (included, with the date
 * and why), 帮扶 (each assistance measure taken), 风险消除 (risk cleared, with the date and why);
 * a household whose risk returns is included again. Each step is a record of its own in the
 * dossier (`monitoring` root, `<householdId>#<stepId>`), written once by the person it names
 * (the server checks it), never changed: a step taken by mistake is followed by the right one.
 *
 * The history is read in the order of the steps' dates (then when they were written); a step
 * that does not follow from the one before (assistance before inclusion, clearing a household
 * never included) stays on record, shown as out of order, and changes nothing — as two devices
 * offline may write such steps, every device reads the same state from the same records.
 */
import { z } from 'zod';
import { actorSchema } from '../organisation/organisation';
import { isCalendarDay } from '../calendar/calendar';
import { newId } from '../dossier/ids';

export const MONITORING_STEPS = ['included', 'assisted', 'riskCleared'] as const;
export type MonitoringStepKind = (typeof MONITORING_STEPS)[number];
/** Where a household stands: never included (null), or its last applied step. */
export type MonitoringPhase = MonitoringStepKind | null;

const id = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

export const monitoringStepSchema = z.object({
	id,
	householdId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
	step: z.enum(MONITORING_STEPS),
	/** The day it took effect (纳入时间, 帮扶时间, 风险消除时间). */
	on: z.string().refine(isCalendarDay),
	/** Why (纳入原因: the risk; 帮扶: the measure; 消除: what removed the risk). */
	reason: z.string().trim().min(1).max(500),
	by: actorSchema,
	at: z.iso.datetime({ offset: true })
});
export type MonitoringStep = z.infer<typeof monitoringStepSchema>;

/** A new step, taken now (its id fresh, so two devices never write under one key). */
export function newMonitoringStep(input: Omit<MonitoringStep, 'id' | 'at'>, at: Date = new Date()): MonitoringStep {
	return monitoringStepSchema.parse({ ...input, id: newId(), at: at.toISOString() });
}

/** The key a step is kept under. */
export function monitoringKey(step: Pick<MonitoringStep, 'householdId' | 'id'>): string {
	return `${step.householdId}#${step.id}`;
}

/** Which steps may follow a phase. */
export function nextSteps(phase: MonitoringPhase): MonitoringStepKind[] {
	if (phase === null || phase === 'riskCleared') return ['included'];
	return ['assisted', 'riskCleared'];
}

export interface MonitoringEntry {
	step: MonitoringStep;
	/** False: it did not follow from the step before, and changed nothing. */
	applied: boolean;
}

export interface MonitoringHistory {
	phase: MonitoringPhase;
	/** When the household was last included, while it is monitored or after. */
	includedOn: string | null;
	clearedOn: string | null;
	entries: MonitoringEntry[];
}

/** A household's history from its stored records (those that do not parse, or sit under another key, are skipped). */
export function monitoringHistory(records: Iterable<[string, unknown]>): MonitoringHistory {
	const steps: MonitoringStep[] = [];
	for (const [key, value] of records) {
		const parsed = monitoringStepSchema.safeParse(value);
		if (parsed.success && monitoringKey(parsed.data) === key) steps.push(parsed.data);
	}
	steps.sort((a, b) => a.on.localeCompare(b.on) || a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
	const history: MonitoringHistory = { phase: null, includedOn: null, clearedOn: null, entries: [] };
	for (const step of steps) {
		const applied = nextSteps(history.phase).includes(step.step);
		if (applied) {
			history.phase = step.step;
			if (step.step === 'included') {
				history.includedOn = step.on;
				history.clearedOn = null;
			}
			if (step.step === 'riskCleared') history.clearedOn = step.on;
		}
		history.entries.push({ step, applied });
	}
	return history;
}

/** Why a record may not be stored under a key, from a sender (null: it may). The server's rule. */
export function monitoringRecordRefusal(key: string, value: unknown, sender: { id: string }): string | null {
	const parsed = monitoringStepSchema.safeParse(value);
	if (!parsed.success) return 'Malformed monitoring step';
	if (monitoringKey(parsed.data) !== key) return 'A monitoring step sits at <household>#<its id>';
	if (parsed.data.by.id !== sender.id) return 'A monitoring step is taken in the sender’s own name';
	return null;
}
