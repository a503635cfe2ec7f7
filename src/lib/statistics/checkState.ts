/**
 * When a household counts as checked (已排查) in a campaign, and what the statistics read of it.
 *
 * The rule: a household is checked when every signature its campaign form (附件1) asks for
 * (排查人员签字) is there and the form still shows what was signed — the status the form itself
 * shows as 已签字. Why that, and not "every question answered":
 * - the signature is what closes the form on paper (排查人员签字) and what the checker answers for;
 *   a form filled in but not signed has not been put to anyone's name yet (`awaitingSignature`);
 * - a form is signed only when complete (formState.signingBlockers on the signer's screen, and the
 *   server refuses a signature over an incomplete form: signing/signedCompleteness.ts), so a
 *   signature that still matches is also a complete form: "complete" is implied, not re-judged;
 * - a form changed after it was signed (签字后已修改) is not counted: what it says now nobody has
 *   signed, and may no longer be complete; it is counted apart (`changedAfterSigning`) so the
 *   township sees how many need signing again, rather than having them silently drop out.
 *
 * The signature is read against what the form shows exactly as the form's own screen reads it
 * (DossierSession.formSigning): the same header, the same computed figures, the same content.
 */
import type { DossierDoc, DossierMeta } from '../dossier/dossierDoc';
import { CARD_FORM, HOUSEHOLD_TYPES, type FormValue } from '../dossier/layout';
import { campaignFormKey, INCOME_SHEET, type Campaign } from '../campaign/campaign';
import { householdIncome, type HouseholdIncome } from '../accounting/incomeForm';
import { householdCount } from '../household/members';
import { formState, signingBlockers } from '../templates/formState';
import { isCalendarDay } from '../calendar/calendar';
import type { Template } from '../templates/template';
import { formContent, formHeader, signatureNow } from '../signing/formContent';
import { signatureKey, type SignatureStatus } from '../signing/signature';
import { FLAG_KEYS, type CheckState, type FlagKey, type TypeKey } from './figures';
import type { MonitoringPhase } from '../household/monitoring';

/** One household as the statistics count it. */
export interface HouseholdFacts {
	id: string;
	head: string;
	type: TypeKey;
	flags: FlagKey[];
	/** Member rows on the card (家庭人口): the people of 排查农户X户Y人. */
	people: number;
	state: CheckState;
	/** When the form was signed (the latest of its signatures), for a checked household. */
	signedAt: string | null;
	/**
	 * The day the household was screened, as its form says (摸排时间, when it is a real day), for a
	 * form that is started; null for one not started or that says no day.
	 */
	screenedOn: string | null;
	income: HouseholdIncome;
	/** Where the household's monitoring lifecycle stands (null: never included). */
	monitoring: MonitoringPhase;
}

/** The question of the campaign forms (附件1, 附件2) that says when the household was screened (摸排时间). */
export const SURVEY_DAY_QUESTION = 'surveyed_on';

/** How a form's signatures read now: the worst of them (one unsigned leaves the form unsigned). */
function signaturesStatus(
	dossier: DossierDoc,
	householdId: string,
	template: Template,
	formKey: string,
	answers: Record<string, FormValue>,
	shown: (withHousehold: boolean) => string
): { status: SignatureStatus | null; at: string | null } {
	let status: SignatureStatus | null = null;
	let at: string | null = null;
	for (const section of template.sections) {
		for (const question of section.questions) {
			if (question.type !== 'signature') continue;
			const stored = dossier.signature(signatureKey({ householdId }, formKey, question.id));
			const now = signatureNow(stored, template, answers, shown);
			if (now === 'unsigned' || status === 'unsigned') status = 'unsigned';
			else if (now === 'changedAfterSigning' || status === 'changedAfterSigning') status = 'changedAfterSigning';
			else status = 'signed';
			if (stored && (!at || stored.at > at)) at = stored.at;
		}
	}
	return { status, at };
}

/**
 * What the statistics need of one household in one campaign. `campaign` is the dossier's own
 * record of it, `template` its household form (campaignTemplate), `meta` the dossier's identity.
 */
export function householdFacts(dossier: DossierDoc, householdId: string, campaign: Campaign, template: Template, meta: DossierMeta | null): HouseholdFacts {
	const card = dossier.answers(householdId, CARD_FORM);
	const formKey = campaignFormKey(template.id, campaign.id);
	const answers = dossier.answers(householdId, formKey);
	const income = householdIncome(card, dossier.answers(householdId, campaignFormKey(INCOME_SHEET, campaign.id)), campaign);
	const context = { meta, card, income };

	const shown = (withHousehold: boolean) => formContent(template, answers, context, formHeader(meta, card['head'], campaign), withHousehold);
	const signed = signaturesStatus(dossier, householdId, template, formKey, answers, shown);
	let state: CheckState;
	if (signed.status === 'signed') state = 'checked';
	else if (signed.status === 'changedAfterSigning') state = 'changedAfterSigning';
	else if (Object.keys(answers).length === 0) state = 'notStarted';
	else {
		const complete = signingBlockers(formState(template, answers, context)).length === 0;
		// A form that asks for no signature is done when it is complete.
		state = !complete ? 'inProgress' : signed.status === null ? 'checked' : 'awaitingSignature';
	}

	const surveyed = answers[SURVEY_DAY_QUESTION];
	const type = card['type'];
	const flags = card['flags'];
	const head = card['head'];
	return {
		id: householdId,
		head: typeof head === 'string' ? head : '',
		type: typeof type === 'string' && (HOUSEHOLD_TYPES as readonly string[]).includes(type) ? (type as TypeKey) : 'unknown',
		flags: Array.isArray(flags) ? FLAG_KEYS.filter((f) => flags.includes(f)) : [],
		people: householdCount(card).total,
		state,
		signedAt: state === 'checked' ? signed.at : null,
		screenedOn: state !== 'notStarted' && typeof surveyed === 'string' && isCalendarDay(surveyed) ? surveyed : null,
		income,
		monitoring: dossier.monitoring(householdId).phase
	};
}
