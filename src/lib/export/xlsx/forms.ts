/**
 * The check forms as paper: 附件1 one sheet per household, and 附件2 (the village's form, its
 * township part read from the organisation as the form view reads it). Each workbook carries
 * the data dictionary of the form's questions.
 */
import type { DossierDoc } from '../../dossier/dossierDoc';
import type { Answer, FormValue } from '../../dossier/layout';
import type { Campaign } from '../../campaign/campaign';
import { localDay } from '../../calendar/calendar';
import { formState } from '../../templates/formState';
import { describeKey, type Template } from '../../templates/template';
import { signatureKey } from '../../signing/signature';
import type { NameOf } from '../../organisation/personName';
import { householdsToExport, readHousehold } from './households';
import { writePaperForm, headerLines, type PaperSignature } from './paper';
import { Progress } from './sheet';
import { dossierInfo, formColumns, type HouseholdExportOptions } from './summary';
import { campaignForm, type CampaignForm, type CampaignFormOptions } from './versions';
import { finish, newWorkbook, writeDictionary, type DictionaryRow, type ExportOptions, type XlsxFile } from './workbook';
import type { XlsxWords } from './words';

export interface PaperOptions {
	/** A person's name by id (personName.ts); default: the name the record holds. */
	names?: NameOf;
	/** The calendar day of a moment (a signature's date); default: the device's calendar. */
	day?: (iso: string) => string;
}

const storedName: NameOf = (actor) => actor.name;
const deviceDay = (iso: string) => localDay(new Date(iso));

function signaturesOf(template: Template, dossier: DossierDoc, scope: { householdId: string } | 'village', formKey: string, words: XlsxWords): PaperSignature[] {
	return template.sections.flatMap((s) =>
		s.questions.filter((q) => q.type === 'signature').map((q) => ({ label: words.label(q.label), signature: dossier.signature(signatureKey(scope, formKey, q.id)) }))
	);
}

/** Dictionary rows for a form laid out as paper: one per question, the sheet(s) it is on. */
function paperDictionary(form: CampaignForm, sheet: string, words: XlsxWords, notes?: (sectionId: string) => string[]): DictionaryRow[] {
	return formColumns(form.columns, form.templateId, form.templates.length, words, (c) => notes?.(c.sectionId) ?? []).map((column) => ({
		sheet,
		column: '',
		header: column.group ? `${column.group} / ${column.header}` : column.header,
		entry: column.dictionary!
	}));
}

const reasonOf = (words: XlsxWords) => (problem: { code: string; params?: Record<string, string | number> }) => words.t(problem.code, problem.params);

/** 附件1, one sheet per household, laid out as the paper form. */
export async function householdFormsXlsx(dossier: DossierDoc, campaign: Campaign, options: HouseholdExportOptions & PaperOptions): Promise<XlsxFile> {
	const { words } = options;
	const now = options.now ?? new Date();
	const households = householdsToExport(dossier, options.householdIds);
	const form = campaignForm(dossier, campaign, 'household', { ...options, householdIds: households.map((h) => h.id) });
	const workbook = newWorkbook(words, now);
	const progress = new Progress(households.length, options.onProgress);
	const attachment = words.t('export.attachment.household');
	const colon = words.locale === 'zh' ? '：' : ': ';

	households.forEach((summary, i) => {
		const household = readHousehold(dossier, summary, campaign, form.formKey);
		const template = form.templateFor(summary.id);
		const answers = household.form;
		const sections = formState(template, answers, household.context);
		writePaperForm(
			workbook,
			`${i + 1} ${summary.head}`,
			{
				attachment,
				template,
				sections,
				answers,
				headerLines: headerLines(sections, words, [`${words.t('export.info.people')}${colon}${words.headcount(household.count)}`]),
				signatures: signaturesOf(template, dossier, { householdId: summary.id }, form.formKey, words),
				reason: reasonOf(words),
				names: options.names ?? storedName,
				day: options.day ?? deviceDay
			},
			words
		);
		progress.tick();
	});

	const meta = dossier.meta();
	const info = dossierInfo(meta, campaign, words, now);
	writeDictionary(workbook, paperDictionary(form, words.t('export.sheet.eachHousehold'), words), words, [info]);
	return finish(workbook, words.t('export.file.forms', { village: meta?.village ?? meta?.id ?? '', day: localDay(now) }), progress);
}

export interface VillageFormOptions extends ExportOptions, PaperOptions, Omit<CampaignFormOptions, 'householdIds'> {
	/**
	 * The township's part of the form (附件2 乡镇工作, sections with `level: 'township'`), as the
	 * organisation keeps it: `OrganisationDoc.townshipAnswers(formKey)`. A copy an older app left
	 * in the village is not shown, as in the form view.
	 */
	townshipAnswers?: Readonly<Record<string, Answer>>;
}

/** The answers 附件2 shows: the village's own, with the township's part from the organisation. */
export function villageFormAnswers(dossier: DossierDoc, template: Template, formKey: string, township: Readonly<Record<string, Answer>>): Record<string, FormValue> {
	const townshipKeys = new Set(template.sections.filter((s) => s.level === 'township').flatMap((s) => s.questions.flatMap((q) => [q.id, describeKey(q.id)])));
	const own = Object.fromEntries(Object.entries(dossier.villageAnswers(formKey)).filter(([key]) => !townshipKeys.has(key)));
	const theirs = Object.fromEntries(Object.entries(township).filter(([key]) => townshipKeys.has(key)));
	return { ...own, ...theirs };
}

/** 附件2, the village form on one sheet as the paper form, its township part included. */
export async function villageFormXlsx(dossier: DossierDoc, campaign: Campaign, options: VillageFormOptions): Promise<XlsxFile> {
	const { words } = options;
	const now = options.now ?? new Date();
	const form = campaignForm(dossier, campaign, 'village', options);
	const template = form.templateFor('village');
	const workbook = newWorkbook(words, now);
	const progress = new Progress(1, options.onProgress);
	const answers = villageFormAnswers(dossier, template, form.formKey, options.townshipAnswers ?? {});
	const meta = dossier.meta();
	const sections = formState(template, answers, { meta });
	const sheet = writePaperForm(
		workbook,
		words.t('export.sheet.villageForm'),
		{
			attachment: words.t('export.attachment.village'),
			template,
			sections,
			answers,
			headerLines: headerLines(sections, words),
			signatures: signaturesOf(template, dossier, 'village', form.formKey, words),
			reason: reasonOf(words),
			names: options.names ?? storedName,
			day: options.day ?? deviceDay
		},
		words
	);
	progress.tick();
	const townshipSections = new Set(template.sections.filter((s) => s.level === 'township').map((s) => s.id));
	const info = dossierInfo(meta, campaign, words, now);
	writeDictionary(
		workbook,
		paperDictionary(form, sheet, words, (sectionId) => (townshipSections.has(sectionId) ? [words.t('export.note.township')] : [])),
		words,
		[info]
	);
	return finish(workbook, words.t('export.file.villageForm', { village: meta?.village ?? meta?.id ?? '', day: localDay(now) }), progress);
}
