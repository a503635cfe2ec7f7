/**
 * A campaign (专项行动): a named checking period with its own poverty line and the template
 * versions its forms use. A dossier's check forms belong to a campaign, so a new template version
 * or next year's line never changes a form filled in an earlier campaign.
 */
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const templateRef = z.object({ id: z.string().min(1), version: z.number().int().positive() });

export const campaignSchema = z
	.object({
		id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
		name: z.string().trim().min(1).max(100),
		startsOn: isoDate,
		endsOn: isoDate,
		/** Per-capita net income line, fen. */
		povertyLineFen: z.number().int().positive(),
		/** Upper edge of the monitoring band as a multiple of the line. */
		monitoringFactor: z.number().min(1).max(5),
		templates: z.object({ household: templateRef, village: templateRef })
	})
	.refine((c) => c.startsOn <= c.endsOn, { message: 'campaign ends before it starts', path: ['endsOn'] });
export type Campaign = z.infer<typeof campaignSchema>;

/** The campaign of the seed documents (004): 洺州镇's "August push", 2022. */
export const AUGUST_2022: Campaign = campaignSchema.parse({
	id: 'aug2022',
	name: '巩固脱贫成果“八月攻坚”整改专项行动',
	startsOn: '2022-08-01',
	endsOn: '2022-08-25',
	povertyLineFen: 7300_00,
	monitoringFactor: 1.5,
	templates: { household: { id: 'household-screening-2022', version: 1 }, village: { id: 'village-screening-2022', version: 1 } }
});

/** The key a campaign's form is stored under: `<templateId>@<campaignId>`. */
export function campaignFormKey(templateId: string, campaignId: string): string {
	return `${templateId}@${campaignId}`;
}

/** The income accounting sheet of a campaign (its period and line are the campaign's). */
export const INCOME_SHEET = 'income-sheet';
