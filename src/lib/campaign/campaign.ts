/**
 * A campaign (专项行动): a named checking period with its own income line, what it calls that
 * line, its monitoring band, its rule for "large" rigid spending and the template versions its
 * forms use. A dossier's check forms belong to a campaign, so a new template version or next
 * year's line never changes a form filled in an earlier campaign.
 *
 * Campaign records live in the dossier (`campaigns` root) and are read by apps of every version:
 * fields added after layout 1 are optional, and a record without one means what the field's
 * comment says (README "Campaign settings"). Absent fields are resolved when the record is used
 * (incomeRules, lineOf), never written back: a signed form binds the record as stored.
 */
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const templateRef = z.object({ id: z.string().min(1), version: z.number().int().positive() });

/**
 * When rigid spending (教育、医疗合规报销后自付…) counts as 大额刚性支出 for 附件1 ③ and the risk
 * flag: above a percentage of the household's net income for the period, or above an amount.
 */
const largeRigidSpendingSchema = z.union([
	z.object({ percentOfNetIncome: z.number().int().min(1).max(1000) }).strict(),
	z.object({ amountFen: z.number().int().nonnegative() }).strict()
]);
export type LargeRigidSpendingRule = z.infer<typeof largeRigidSpendingSchema>;

/**
 * Without a campaign rule, rigid spending is large when it exceeds the household's whole net
 * income for the period. The seeds ask "家里有无大额刚性支出" and name its parts (教育支出, 医疗合规
 * 报销后自付费用) but give no figure, and the national monitoring guidance speaks of 刚性支出较大
 * "导致基本生活出现严重困难" without one either; provinces set their own. Spending the household
 * cannot meet from everything it earned in the period is large on any reading, so it is the
 * default that never calls ordinary spending large; a township with a lower bar (half of net
 * income, or a yuan amount) sets it on the campaign.
 */
export const DEFAULT_LARGE_RIGID_SPENDING: LargeRigidSpendingRule = { percentOfNetIncome: 100 };

export const campaignSchema = z
	.object({
		id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
		name: z.string().trim().min(1).max(100),
		startsOn: isoDate,
		endsOn: isoDate,
		/** The campaign's per-capita net income line, fen (the field keeps its layout-1 name). */
		povertyLineFen: z.number().int().positive(),
		/**
		 * What the campaign calls its line: 监测线, 防返贫监测标准, 贫困线 …. Absent: the forms print
		 * the amount alone, as 附件1 does ("收入是否低于 7300 元").
		 */
		lineName: z.string().trim().min(1).max(20).optional(),
		/**
		 * The monitoring band's upper edge as a multiple of the line. Every record before the band
		 * could be an amount has one (layout 1 required it). With neither this nor
		 * `monitoringUpperFen` the campaign has no band: only "below the line" is flagged.
		 */
		monitoringFactor: z.number().min(1).max(5).optional(),
		/** The monitoring band's upper edge as an amount per person, fen (instead of a factor). */
		monitoringUpperFen: z.number().int().positive().optional(),
		/** Absent: DEFAULT_LARGE_RIGID_SPENDING. */
		largeRigidSpending: largeRigidSpendingSchema.optional(),
		/**
		 * 数据核查 asks about a household whose per-capita net income moved by more than this
		 * percentage since the campaign before. Absent: 50 (quality/qualityChecks.ts).
		 */
		incomeJumpPercent: z.number().int().min(1).max(1000).optional(),
		templates: z.object({ household: templateRef, village: templateRef })
	})
	.refine((c) => c.startsOn <= c.endsOn, { message: 'campaign ends before it starts', path: ['endsOn'] })
	.refine((c) => c.monitoringFactor === undefined || c.monitoringUpperFen === undefined, {
		message: 'a band has one upper edge: a factor or an amount',
		path: ['monitoringUpperFen']
	})
	.refine((c) => c.monitoringUpperFen === undefined || c.monitoringUpperFen > c.povertyLineFen, {
		message: 'the band’s upper edge is above the line',
		path: ['monitoringUpperFen']
	});
export type Campaign = z.infer<typeof campaignSchema>;

/** The monitoring band above the line: up to a multiple of it, or up to an amount per person. */
export type MonitoringBand = { factor: number } | { upperFen: number };

/** What the income accounting of a campaign compares against (incomeSheet.ts). */
export interface IncomeRules {
	/** Per-capita net income line, fen. */
	lineFen: number;
	/** Null: the campaign names no band. */
	band: MonitoringBand | null;
	largeRigidSpending: LargeRigidSpendingRule;
}

/** A campaign's rules with every absent setting resolved to its documented default. */
export function incomeRules(campaign: Campaign): IncomeRules {
	const band: MonitoringBand | null =
		campaign.monitoringUpperFen !== undefined
			? { upperFen: campaign.monitoringUpperFen }
			: campaign.monitoringFactor !== undefined
				? { factor: campaign.monitoringFactor }
				: null;
	return { lineFen: campaign.povertyLineFen, band, largeRigidSpending: campaign.largeRigidSpending ?? DEFAULT_LARGE_RIGID_SPENDING };
}

/** The campaign of the seed documents (004): 洺州镇's "August push", 2022. */
export const AUGUST_2022: Campaign = campaignSchema.parse({
	id: 'aug2022',
	name: '巩固脱贫成果“八月攻坚”整改专项行动',
	startsOn: '2022-08-01',
	endsOn: '2022-08-25',
	// 004 asks "收入是否低于 7300 元" and names the line no further: no lineName, so the forms print
	// the amount as 004 does. 004 names no monitoring band either, so this record has none
	// (dossiers made before keep the 1.5× band their stored record says).
	povertyLineFen: 7300_00,
	templates: { household: { id: 'household-screening-2022', version: 1 }, village: { id: 'village-screening-2022', version: 1 } }
});

/** The key a campaign's form is stored under: `<templateId>@<campaignId>`. */
export function campaignFormKey(templateId: string, campaignId: string): string {
	return `${templateId}@${campaignId}`;
}

/** The income accounting sheet of a campaign (its period and line are the campaign's). */
export const INCOME_SHEET = 'income-sheet';

/**
 * The campaigns of several dossiers as one list: each campaign once (the first record seen of
 * it: every village holds its own copy), oldest first.
 */
export function townshipCampaigns(lists: Iterable<readonly Campaign[]>): Campaign[] {
	const byId: Record<string, Campaign> = {};
	for (const list of lists) for (const c of list) byId[c.id] ??= c;
	return Object.values(byId).sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.id.localeCompare(b.id));
}
