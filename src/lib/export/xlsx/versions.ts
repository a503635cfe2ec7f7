/**
 * A campaign's form across the template versions it used, so an export never shifts columns
 * between versions: the columns are the union of every version's questions in a stable order,
 * and a household's row reads each column with the version its form was filled in, a question
 * its version does not have reading empty.
 *
 * Which versions a campaign used: the one its record names now, and every version a signature
 * on one of its forms records (a signature binds `template: "<id>@<version>"` with what it
 * signed). A household's form reads with the version of its latest signature, else the
 * campaign's. The caller may add versions (`versions`) it knows of otherwise.
 *
 * The order: the oldest version's columns; then each newer version's new columns, each right
 * after the column it follows in that version (or before the first of its section). The same
 * versions give the same columns in the same order, whoever exports and whichever households.
 */
import type { Campaign } from '../../campaign/campaign';
import { campaignFormKey } from '../../campaign/campaign';
import { campaignTerms, withTerms } from '../../templates/campaignTerms';
import { columnsOf, type Column } from '../../templates/columns';
import { getTemplate } from '../../templates/registry';
import type { Template } from '../../templates/template';
import type { DossierDoc } from '../../dossier/dossierDoc';
import { signatureKey } from '../../signing/signature';

/** Finds a template version: the app's registry by default; tests and tools may add their own. */
export type TemplateResolver = (id: string, version: number) => Template | undefined;

export interface VersionedColumn extends Column {
	/** The section's id (in the newest version that has the column). */
	sectionId: string;
	/** The versions that have this column, oldest first. */
	versions: number[];
}

export interface CampaignForm {
	scope: 'household' | 'village';
	templateId: string;
	formKey: string;
	/** Every version used, oldest first, with the campaign's terms in its labels. */
	templates: Template[];
	/** The version the campaign names now. */
	current: Template;
	/** The union of the versions' columns, in the stable order. */
	columns: VersionedColumn[];
	/** The version a household's form (or, for `village`, the village's) reads with. */
	templateFor(householdId: string): Template;
	/** Whether a version has a column (answer key). */
	has(template: Template, key: string): boolean;
}

/** The template version a stored signature says it signed, when it says so (layout 1 did not). */
export function signedVersion(shown: string, templateId: string): number | null {
	try {
		const parsed: unknown = JSON.parse(shown);
		const named = parsed && typeof parsed === 'object' ? (parsed as { template?: unknown }).template : undefined;
		if (typeof named !== 'string') return null;
		const at = named.lastIndexOf('@');
		if (at < 0 || named.slice(0, at) !== templateId) return null;
		const version = Number(named.slice(at + 1));
		return Number.isInteger(version) && version > 0 ? version : null;
	} catch {
		return null;
	}
}

/**
 * The union of several versions' columns in the stable order (see the module comment), each
 * with the versions that have it. Labels and sections are the newest version's.
 */
export function unionColumns(templates: readonly Template[]): VersionedColumn[] {
	const sorted = [...templates].sort((a, b) => a.version - b.version);
	const order: string[] = [];
	const byKey = new Map<string, VersionedColumn>();
	for (const template of sorted) {
		const columns = columnsOf(template);
		const sectionOf = new Map(template.sections.flatMap((s) => s.questions.map((q) => [q.id, s.id] as const)));
		let previous: string | null = null;
		for (const column of columns) {
			const sectionId = sectionOf.get(column.question.id) ?? '';
			const known = byKey.get(column.key);
			if (known) {
				byKey.set(column.key, { ...column, sectionId, versions: [...known.versions, template.version] });
			} else {
				byKey.set(column.key, { ...column, sectionId, versions: [template.version] });
				let at: number;
				if (previous !== null) at = order.indexOf(previous) + 1;
				else {
					const first = order.findIndex((key) => byKey.get(key)!.sectionId === sectionId);
					at = first < 0 ? 0 : first;
				}
				order.splice(at, 0, column.key);
			}
			previous = column.key;
		}
	}
	return order.map((key) => byKey.get(key)!);
}

export interface CampaignFormOptions {
	resolve?: TemplateResolver;
	/** Versions to include besides those the campaign and its signatures name. */
	versions?: readonly number[];
	/** Only these households' signatures are read (default: every household listed). */
	householdIds?: readonly string[];
}

/**
 * A campaign's household (附件1) or village (附件2) form across the versions it used. Throws
 * when this app does not know the version the campaign names (the form cannot be read at all).
 */
export function campaignForm(dossier: DossierDoc, campaign: Campaign, scope: 'household' | 'village', options: CampaignFormOptions = {}): CampaignForm {
	const resolve = options.resolve ?? getTemplate;
	const ref = campaign.templates[scope];
	const terms = campaignTerms(campaign);
	const load = (version: number) => {
		const template = resolve(ref.id, version);
		return template && withTerms(template, terms);
	};
	const current = load(ref.version);
	if (!current) throw new Error(`template ${ref.id}@${ref.version} is not known to this app`);
	const formKey = campaignFormKey(ref.id, campaign.id);
	const signatureQuestions = current.sections.flatMap((s) => s.questions.filter((q) => q.type === 'signature').map((q) => q.id));

	const versionOf = new Map<string, number>();
	const signedWith = (scopeKey: { householdId: string } | 'village'): number | null => {
		let latest: { at: string; version: number | null } | null = null;
		for (const questionId of signatureQuestions) {
			const signature = dossier.signature(signatureKey(scopeKey, formKey, questionId));
			if (signature && (!latest || signature.at > latest.at)) latest = { at: signature.at, version: signedVersion(signature.shown, ref.id) };
		}
		return latest?.version ?? null;
	};
	const used = new Set<number>([ref.version, ...(options.versions ?? [])]);
	const ids = scope === 'village' ? ['village'] : (options.householdIds ?? dossier.listHouseholds().map((h) => h.id));
	for (const id of ids) {
		const version = signedWith(id === 'village' && scope === 'village' ? 'village' : { householdId: id });
		if (version !== null && load(version)) {
			versionOf.set(id, version);
			used.add(version);
		}
	}
	const templates = [...used]
		.sort((a, b) => a - b)
		.map(load)
		.filter((t): t is Template => !!t);
	const byVersion = new Map(templates.map((t) => [t.version, t]));
	const keys = new Map(templates.map((t) => [t, new Set(columnsOf(t).map((c) => c.key))]));
	return {
		scope,
		templateId: ref.id,
		formKey,
		templates,
		current,
		columns: unionColumns(templates),
		templateFor: (householdId) => byVersion.get(versionOf.get(householdId) ?? ref.version) ?? current,
		has: (template, key) => keys.get(template)?.has(key) ?? false
	};
}
