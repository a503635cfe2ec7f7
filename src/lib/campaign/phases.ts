/**
 * A campaign's phases (阶段): 培训, 排查, 整改, 验收 …, named and dated as the township names and
 * dates them. 004 runs its campaign as 一次大培训 (8月1-5日), 一次大排查 (8月6-12日) and 一次大整改
 * (8月13-25日).
 *
 * Phases are kept in the township's organisation document (root `phases`, one plain record per
 * `<campaignId>/<phaseId>`, written by administrators), never in the campaign record: that record
 * is bound into the digest of every form signed under it, so a phase added to it would make every
 * signed form read 签字后已修改.
 *
 * Phases may overlap (004: 坚持边查边改, screening and rectifying go on together) and may leave days
 * between them; a phase outside the campaign's own dates is allowed but said (the township may
 * train before a campaign starts, or accept after it ends, but more often it is a typing slip).
 */
import { z } from 'zod';
import { isCalendarDay } from '../calendar/calendar';
import { shortName } from '../names/name';
import type { LocalizedText } from '../templates/template';
import { dayRangeText } from '../calendar/dayRange';
import { AUGUST_2022, type Campaign } from './campaign';

const recordId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const campaignId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);
const day = z.string().refine(isCalendarDay);

export const phaseSchema = z
	.object({
		id: recordId,
		campaignId,
		name: shortName,
		startsOn: day,
		endsOn: day
	})
	.refine((p) => p.startsOn <= p.endsOn, { message: 'phase ends before it starts', path: ['endsOn'] });
export type Phase = z.infer<typeof phaseSchema>;

/** What an administrator types for a phase, before it has an id. */
export type PhaseDraft = Pick<Phase, 'name' | 'startsOn' | 'endsOn'>;

/** The key a phase is kept under in the organisation document. */
export function phaseKey(campaignId: string, phaseId: string): string {
	return `${campaignId}/${phaseId}`;
}

/** Phases in the order they run: by first day, then last day, then name. */
export function comparePhases(a: Phase, b: Phase): number {
	return (
		a.startsOn.localeCompare(b.startsOn) ||
		a.endsOn.localeCompare(b.endsOn) ||
		a.name.localeCompare(b.name, 'zh-Hans-CN') ||
		(a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
	);
}

export function sortPhases(phases: readonly Phase[]): Phase[] {
	return [...phases].sort(comparePhases);
}

/** The phases a span of days (both included) falls in, in order: a week can cross from one phase into the next. */
export function phasesDuring(phases: readonly Phase[], from: string, to: string): Phase[] {
	return sortPhases(phases.filter((p) => p.startsOn <= to && p.endsOn >= from));
}

/** Where a day stands among a campaign's phases. */
export interface PhaseToday {
	/** The phases running that day (more than one where they overlap). */
	current: Phase[];
	/** The next phase to start after that day, if any. */
	next: Phase | null;
	/** Every phase has ended (and there is at least one). */
	over: boolean;
}

export function phaseToday(phases: readonly Phase[], today: string): PhaseToday {
	const sorted = sortPhases(phases);
	return {
		current: phasesDuring(sorted, today, today),
		next: sorted.find((p) => p.startsOn > today) ?? null,
		over: sorted.length > 0 && sorted.every((p) => p.endsOn < today)
	};
}

/** Why a phase cannot be saved as typed. */
export type PhaseError = 'name' | 'startsOn' | 'endsOn' | 'order';
/** What is allowed but likely a slip: a phase that runs outside the campaign's dates. */
export type PhaseWarning = 'beforeCampaign' | 'afterCampaign';

export interface PhaseCheck {
	errors: PhaseError[];
	warnings: PhaseWarning[];
}

export function checkPhase(draft: PhaseDraft, campaign: Pick<Campaign, 'startsOn' | 'endsOn'>): PhaseCheck {
	const errors: PhaseError[] = [];
	if (!shortName.safeParse(draft.name).success) errors.push('name');
	const startOk = isCalendarDay(draft.startsOn);
	const endOk = isCalendarDay(draft.endsOn);
	if (!startOk) errors.push('startsOn');
	if (!endOk) errors.push('endsOn');
	if (startOk && endOk && draft.endsOn < draft.startsOn) errors.push('order');
	const warnings: PhaseWarning[] = [];
	const days = [startOk ? draft.startsOn : null, endOk ? draft.endsOn : null].filter((d) => d !== null);
	if (days.some((d) => d < campaign.startsOn)) warnings.push('beforeCampaign');
	if (days.some((d) => d > campaign.endsOn)) warnings.push('afterCampaign');
	return { errors, warnings };
}

/**
 * The phases the campaign's own document sets, where the app knows that document: for 004's
 * campaign (AUGUST_2022) its timetable, 三、整改要求 (一)–(三), and nothing it does not say (it
 * names no 验收). None for any other campaign: a timetable is the township's to set, not the
 * app's to guess. The ids are fixed, so filling them in twice (or on two devices at once) writes
 * the same three records rather than six.
 */
export function suggestedPhases(campaign: Pick<Campaign, 'id'>): Phase[] {
	if (campaign.id !== AUGUST_2022.id) return [];
	const phase = (id: string, name: string, startsOn: string, endsOn: string): Phase => ({ id, campaignId: campaign.id, name, startsOn, endsOn });
	return [
		phase('training', '培训', '2022-08-01', '2022-08-05'),
		phase('screening', '排查', '2022-08-06', '2022-08-12'),
		phase('rectification', '整改', '2022-08-13', '2022-08-25')
	];
}

/**
 * When households are to be screened: the township's screening phase (排查, 摸排 or 入户 in its
 * name, or the plan's own `screening`), else the campaign's whole period. 我的工作 judges a
 * village behind schedule against it: screening is due by the end of its phase, not the campaign's.
 */
export function screeningPeriod(phases: readonly Phase[], campaign: Pick<Campaign, 'startsOn' | 'endsOn'>): { startsOn: string; endsOn: string } {
	const phase = sortPhases(phases).find((p) => p.id === 'screening' || /排查|摸排|入户/.test(p.name));
	return phase ? { startsOn: phase.startsOn, endsOn: phase.endsOn } : { startsOn: campaign.startsOn, endsOn: campaign.endsOn };
}

/**
 * What filling in the plan's phases writes: each suggested phase under its fixed id, and the
 * removal of a phase the township had added by hand under the same name (a second 排查 beside
 * the plan's would be counted twice in every week it spans).
 */
export function fillFromPlan(existing: readonly Phase[], suggested: readonly Phase[]): { save: Phase[]; remove: Phase[] } {
	const ids = new Set(suggested.map((p) => p.id));
	const names = new Set(suggested.map((p) => p.name.trim()));
	return { save: [...suggested], remove: existing.filter((p) => !ids.has(p.id) && names.has(p.name.trim())) };
}

/**
 * A phase as a heading reads it: 排查 is 排查阶段; a name that already says 阶段 (or 期) is left as
 * it is. In English the township's own name is kept: it is theirs, not the app's to translate.
 */
export function phaseTitle(name: string): LocalizedText {
	return { zh: /(阶段|期)$/.test(name) ? name : `${name}阶段`, en: name };
}

/** The catalogue and a bilingual label in the reader's language, as pages and tables hand them on. */
export interface PhaseWords {
	t: (key: string, params?: Record<string, unknown>) => string;
	label: (text: LocalizedText) => string;
}

/** A phase with its days, as a heading says it: 排查阶段（8月6日—12日）. */
export function phaseItem(words: PhaseWords, phase: PhaseDraft): string {
	return words.t('phases.item', { name: words.label(phaseTitle(phase.name)), dates: words.label(dayRangeText(phase.startsOn, phase.endsOn)) });
}

/**
 * Where today stands, in a line: 今天处于：排查阶段（8月6日—12日）; between or before phases the
 * next one; after the last, that all have ended; null for a campaign with no phases.
 */
export function phaseStatusText(words: PhaseWords, phases: readonly Phase[], today: string): string | null {
	const status = phaseToday(phases, today);
	if (status.current.length) return words.t('phases.today', { phases: status.current.map((p) => phaseItem(words, p)).join(words.t('progress.listSeparator')) });
	if (status.next) return words.t('phases.next', { phase: phaseItem(words, status.next) });
	return status.over ? words.t('phases.over') : null;
}
