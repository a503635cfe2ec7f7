/**
 * The bound booklet (档案册): what goes into one household's volume, or a whole village's box, and
 * in which order, for one campaign. The seeds describe the paper: each household's record, its
 * income accounting with the photos and proofs of every income, bound in order as one volume
 * (000: 以户为单位按顺序装订成册, 与普查表一并存档), and a village's volumes filed with a cover, a
 * table of contents, spines and separator sheets (002: 封面、目录、竖条、隔页纸…统一装订).
 *
 * A household's volume: its cover, its 目录, the household card (户卡) with the members, the
 * income sheet (收支核算表) with its proof photos, every form of the campaign with its
 * signatures, and the problems found on the household with their photos and ledger history.
 *
 * A village's box: the village's cover and 目录, then the village's own part (附件2 乡村问题排查表,
 * the problems found on the village, and the village's 问题台账), then each household behind a
 * separator sheet (隔页). The village's part goes at the front, as archives file the general
 * before the particular (综合在前、具体在后): it describes the whole village, an inspector reads it
 * first, and behind hundreds of household volumes it would be the part nobody finds. The separator
 * carries the household's name and its own 目录, so it is also the cover when a volume is taken
 * out; a second cover and 目录 per household would only add two sheets to every volume.
 *
 * Nothing is printed for what nobody has filled in (an empty income sheet or form): the 目录 says
 * 未填写 instead, so an empty table is not mistaken for a household without income or problems.
 * Households are filed by 村民组, then in the order they were entered (the roster's order).
 */
import type { DossierDoc, DossierMeta, HouseholdSummary } from '../dossier/dossierDoc';
import { CARD_FORM, type Answer, type FormValue } from '../dossier/layout';
import { campaignFormKey, INCOME_SHEET, type Campaign } from '../campaign/campaign';
import { householdIncome } from '../accounting/incomeForm';
import { householdCount, isRows, type HouseholdCount } from '../household/members';
import { householdCard, householdTypeLabels } from '../templates/householdCard';
import { campaignIncomeTemplate, campaignTemplate } from '../templates/registry';
import { describeKey, findQuestion, type LocalizedText, type Template } from '../templates/template';
import type { SignatureStatus } from '../signing/signature';
import type { LedgerEntry, ReviewDoc } from '../review/reviewDoc';
import type { PersonLookup } from '../organisation/personName';
import { localDay } from '../calendar/calendar';
import { printedForm, withPrintWords, type PrintedForm } from './forms';
import { byRaised, campaignOfFinding, findingSheet, type FindingSheet } from './findings';

/** What the booklet needs of the township's organisation (an OrganisationDoc has it all). */
export interface BookletOrganisation extends PersonLookup {
	caretaker(dossierId: string, householdId: string): { id: string; name: string } | null;
	village(dossierId: string): { groupId: string | null } | null;
	group(id: string): { name: string } | null;
	townshipAnswers(formKey: string): Record<string, Answer>;
}

export interface BookletSource {
	dossier: DossierDoc;
	review: ReviewDoc | null;
	/** The dossier's own record of the campaign (a signature binds the record as stored). */
	campaign: Campaign;
	organisation: BookletOrganisation | null;
	/** The day it is printed, for the cover. */
	today: string;
	/** The cadre's calendar day of an instant; the device's by default. */
	dayOf?: (iso: string) => string;
}

export interface HouseholdHeading {
	id: string;
	/** 序号: its place in the village's box (1 in a household's own volume). */
	number: number;
	head: string;
	type: string | null;
	typeLabel: LocalizedText | null;
	/** 村民组, as written on the card. */
	group: string;
	count: HouseholdCount;
	flags: LocalizedText[];
	/** 帮扶责任人, named by the organisation. */
	caretaker: string | null;
}

export interface Cover {
	township: string;
	village: string;
	/** The responsibility group that keeps the village. */
	keepingGroup: string | null;
	campaign: Pick<Campaign, 'id' | 'name' | 'startsOn' | 'endsOn'>;
	printedOn: string;
	/** Households and their members in the booklet (the household's own, in a household's volume). */
	households: number;
	people: number;
}

export type EntryKind = 'card' | 'income' | 'form' | 'findings' | 'villageForm' | 'villageFindings' | 'ledger';

/** A line of a 目录. */
export interface ContentsEntry {
	kind: EntryKind;
	/** Where it is in the booklet; null when it is not in it (see `missing`). */
	anchor: string | null;
	/** A form's title (forms only). */
	title: LocalizedText | null;
	/** Why it is not in the booklet: nothing filled in, or a form version this app does not know. */
	missing: 'empty' | 'unknownVersion' | null;
	/** How its signatures read (forms that ask for one). */
	signature: SignatureStatus | null;
	/** Findings: how many, and of them closed (销号); the income sheet: its proof photos; the card: its members. */
	count: number;
	closed: number;
}

export interface HouseholdContents {
	household: HouseholdHeading;
	/** Its separator sheet. */
	anchor: string;
	entries: ContentsEntry[];
}

/** An income line with its proofs (收入证明材料). */
export interface ProofLine {
	/** The line's number on the sheet (第 n 行), counting every line. */
	number: number;
	categoryLabel: LocalizedText | null;
	amountFen: number | null;
	note: string;
	photos: string[];
}

export type FormRole = 'card' | 'income' | 'campaign' | 'village';

interface PartBase {
	/** Unique in the booklet: the 目录 links to it. */
	anchor: string;
	/** The household it belongs to (its pages carry its name in the running header); null: the village's. */
	household: HouseholdHeading | null;
}

export type BookletPart =
	| (PartBase & { kind: 'cover'; cover: Cover })
	| (PartBase & { kind: 'contents'; entries: ContentsEntry[]; households: HouseholdContents[] })
	| (PartBase & { kind: 'separator'; household: HouseholdHeading; entries: ContentsEntry[] })
	| (PartBase & { kind: 'form'; role: FormRole; form: PrintedForm; proofs: ProofLine[] })
	| (PartBase & { kind: 'findings'; findings: FindingSheet[] })
	| (PartBase & { kind: 'ledger'; rows: LedgerEntry[] });

export interface Booklet {
	scope: 'household' | 'village';
	cover: Cover;
	parts: BookletPart[];
}

const RECORD_WORDS = { section: { zh: '类别', en: 'Part' }, question: { zh: '项目', en: 'Item' } } as const;

const defaultDayOf = (iso: string) => localDay(new Date(iso));

/** The campaign's findings in the village, oldest first. */
function campaignFindings(source: BookletSource): LedgerEntry[] {
	const campaigns = source.dossier.campaigns();
	const dayOf = source.dayOf ?? defaultDayOf;
	return (source.review?.entries() ?? []).filter((e) => campaignOfFinding(e.finding, campaigns, dayOf) === source.campaign.id).sort(byRaised);
}

/** What every household of a booklet shares, worked out once per booklet. */
interface Shared {
	source: BookletSource;
	dossierId: string;
	meta: { township: string; village: string } | null;
	card: Template;
	income: Template;
	/** The campaign's household form; undefined when this app does not know its version. */
	form: Template | undefined;
}

function shared(source: BookletSource): Shared {
	const meta = source.dossier.meta();
	return {
		source,
		dossierId: meta?.id ?? '',
		meta: meta && { township: meta.township, village: meta.village },
		card: withPrintWords(householdCard, RECORD_WORDS.section, RECORD_WORDS.question),
		income: withPrintWords(campaignIncomeTemplate(source.campaign), RECORD_WORDS.section, RECORD_WORDS.question),
		form: campaignTemplate(source.campaign, 'household')
	};
}

const flagQuestion = findQuestion(householdCard, 'flags');
const FLAG_OPTIONS = flagQuestion?.type === 'choice' ? flagQuestion.options : [];

function heading(all: Shared, household: HouseholdSummary, card: Record<string, FormValue>, number: number): HouseholdHeading {
	const type = typeof card['type'] === 'string' ? card['type'] : null;
	const flags = Array.isArray(card['flags']) ? card['flags'] : [];
	return {
		id: household.id,
		number,
		head: household.head,
		type,
		typeLabel: type && type in householdTypeLabels ? householdTypeLabels[type as keyof typeof householdTypeLabels] : null,
		group: typeof card['group'] === 'string' ? card['group'].trim() : '',
		count: householdCount(card),
		flags: FLAG_OPTIONS.filter((o) => flags.includes(o.value)).map((o) => o.label),
		caretaker: all.source.organisation?.caretaker(all.dossierId, household.id)?.name ?? null
	};
}

function proofLines(template: Template, answers: Record<string, FormValue>): ProofLine[] {
	const lines = findQuestion(template, 'lines');
	const category = lines?.type === 'repeat' ? lines.questions.find((q) => q.id === 'category') : undefined;
	const options = category?.type === 'choice' ? category.options : [];
	const rows = isRows(answers['lines']) ? Object.values(answers['lines']) : [];
	return rows
		.map((row, i) => ({
			number: i + 1,
			categoryLabel: options.find((o) => o.value === row['category'])?.label ?? null,
			amountFen: typeof row['amount'] === 'number' ? row['amount'] : null,
			note: typeof row['note'] === 'string' ? row['note'] : '',
			photos: Array.isArray(row['proof']) ? row['proof'].filter((h): h is string => typeof h === 'string') : []
		}))
		.filter((line) => line.photos.length > 0);
}

const entry = (kind: EntryKind, fields: Partial<ContentsEntry> = {}): ContentsEntry => ({
	kind,
	anchor: null,
	title: null,
	missing: null,
	signature: null,
	count: 0,
	closed: 0,
	...fields
});

const hasAnswers = (answers: Record<string, FormValue>) => Object.keys(answers).length > 0;

/** One household's parts after its cover (or separator), and the 目录 of them. */
function householdParts(all: Shared, household: HouseholdHeading, card: Record<string, FormValue>, findings: LedgerEntry[]): { parts: BookletPart[]; entries: ContentsEntry[] } {
	const { dossier, campaign, organisation } = all.source;
	const id = household.id;
	const anchor = (what: string) => `h-${id}-${what}`;
	const parts: BookletPart[] = [];
	const entries: ContentsEntry[] = [];

	const incomeKey = campaignFormKey(INCOME_SHEET, campaign.id);
	const incomeAnswers = dossier.answers(id, incomeKey);
	const context = { meta: all.meta, card, income: householdIncome(card, incomeAnswers, campaign) };

	const cardForm = printedForm(dossier, { householdId: id }, all.card, CARD_FORM, card, context, null, organisation);
	parts.push({ kind: 'form', role: 'card', anchor: anchor('card'), household, form: cardForm, proofs: [] });
	entries.push(entry('card', { anchor: anchor('card'), title: householdCard.title, count: household.count.total }));

	const incomeTemplate = all.income;
	if (hasAnswers(incomeAnswers)) {
		const proofs = proofLines(incomeTemplate, incomeAnswers);
		const form = printedForm(dossier, { householdId: id }, incomeTemplate, incomeKey, incomeAnswers, context, campaign, organisation);
		parts.push({ kind: 'form', role: 'income', anchor: anchor('income'), household, form, proofs });
		entries.push(entry('income', { anchor: anchor('income'), title: incomeTemplate.title, count: proofs.reduce((n, l) => n + l.photos.length, 0) }));
	} else {
		entries.push(entry('income', { title: incomeTemplate.title, missing: 'empty' }));
	}

	const template = all.form;
	if (!template) {
		entries.push(entry('form', { missing: 'unknownVersion' }));
	} else {
		const formKey = campaignFormKey(template.id, campaign.id);
		const answers = dossier.answers(id, formKey);
		const form = printedForm(dossier, { householdId: id }, template, formKey, answers, context, campaign, organisation);
		const touched = hasAnswers(answers) || form.signatures.some((s) => s.signature);
		if (touched) parts.push({ kind: 'form', role: 'campaign', anchor: anchor('form'), household, form, proofs: [] });
		entries.push(entry('form', { anchor: touched ? anchor('form') : null, title: template.title, missing: touched ? null : 'empty', signature: touched ? form.status : null }));
	}

	if (findings.length) {
		parts.push({ kind: 'findings', anchor: anchor('findings'), household, findings: findings.map((f) => findingSheet(f, organisation)) });
	}
	entries.push(entry('findings', { anchor: findings.length ? anchor('findings') : null, count: findings.length, closed: findings.filter((f) => f.status.state === 'closed').length }));
	return { parts, entries };
}

function cover(source: BookletSource, households: number, people: number): Cover {
	const { dossier, campaign, organisation } = source;
	const meta: DossierMeta | null = dossier.meta();
	const groupId = meta ? organisation?.village(meta.id)?.groupId : null;
	return {
		township: meta?.township ?? '',
		village: meta?.village ?? '',
		keepingGroup: (groupId && organisation?.group(groupId)?.name) || null,
		campaign: { id: campaign.id, name: campaign.name, startsOn: campaign.startsOn, endsOn: campaign.endsOn },
		printedOn: source.today,
		households,
		people
	};
}

const householdFindings = (findings: readonly LedgerEntry[], householdId: string) =>
	findings.filter((f) => f.finding.target.kind !== 'village' && f.finding.target.householdId === householdId);

/** One household's volume, or null when there is no such household (or it was withdrawn). */
export function householdBooklet(source: BookletSource, householdId: string): Booklet | null {
	const summary = source.dossier.household(householdId);
	if (!summary) return null;
	const all = shared(source);
	const card = source.dossier.answers(householdId, CARD_FORM);
	const household = heading(all, summary, card, 1);
	const { parts, entries } = householdParts(all, household, card, householdFindings(campaignFindings(source), householdId));
	const front = cover(source, 1, household.count.total);
	return {
		scope: 'household',
		cover: front,
		parts: [
			{ kind: 'cover', anchor: 'cover', household, cover: front },
			{ kind: 'contents', anchor: 'contents', household, entries, households: [] },
			...parts
		]
	};
}

const groupOrder = new Intl.Collator('zh-Hans-CN', { numeric: true });

/** The households in the order they are filed: by 村民组 (none last), then as entered. */
function filed(all: Shared): { heading: HouseholdHeading; card: Record<string, FormValue> }[] {
	const listed = all.source.dossier.listHouseholds().map((h, i) => {
		const card = all.source.dossier.answers(h.id, CARD_FORM);
		return { heading: heading(all, h, card, 0), card, entered: i };
	});
	listed.sort((a, b) => {
		const ga = a.heading.group;
		const gb = b.heading.group;
		if (ga !== gb) return !ga ? 1 : !gb ? -1 : groupOrder.compare(ga, gb);
		return a.entered - b.entered;
	});
	return listed.map(({ heading, card }, i) => ({ heading: { ...heading, number: i + 1 }, card }));
}

/** The village's box: its cover, 目录 and own part, then every household behind a separator. */
export function villageBooklet(source: BookletSource): Booklet {
	const { dossier, campaign, organisation } = source;
	const meta = dossier.meta();
	const findings = campaignFindings(source);
	const villageFindings = findings.filter((f) => f.finding.target.kind === 'village');

	const own: BookletPart[] = [];
	const entries: ContentsEntry[] = [];
	const template = campaignTemplate(campaign, 'village');
	if (!template) {
		entries.push(entry('villageForm', { missing: 'unknownVersion' }));
	} else {
		const formKey = campaignFormKey(template.id, campaign.id);
		// The township's part (乡镇工作) is the township's, kept in its organisation; the village
		// form shows it from there and not a copy an older app left in the village (VillageForm).
		const townshipKeys = new Set(template.sections.filter((s) => s.level === 'township').flatMap((s) => s.questions.flatMap((q) => [q.id, describeKey(q.id)])));
		const ownAnswers = Object.fromEntries(Object.entries(dossier.villageAnswers(formKey)).filter(([key]) => !townshipKeys.has(key)));
		const answers = { ...ownAnswers, ...(organisation?.townshipAnswers(formKey) ?? {}) };
		const context = { meta: meta && { township: meta.township, village: meta.village } };
		const form = printedForm(dossier, 'village', template, formKey, answers, context, campaign, organisation);
		const touched = hasAnswers(ownAnswers) || form.signatures.some((s) => s.signature);
		if (touched) own.push({ kind: 'form', role: 'village', anchor: 'village-form', household: null, form, proofs: [] });
		entries.push(entry('villageForm', { anchor: touched ? 'village-form' : null, title: template.title, missing: touched ? null : 'empty', signature: touched ? form.status : null }));
	}
	if (villageFindings.length) own.push({ kind: 'findings', anchor: 'village-findings', household: null, findings: villageFindings.map((f) => findingSheet(f, organisation)) });
	entries.push(entry('villageFindings', { anchor: villageFindings.length ? 'village-findings' : null, count: villageFindings.length, closed: villageFindings.filter((f) => f.status.state === 'closed').length }));
	if (findings.length) own.push({ kind: 'ledger', anchor: 'village-ledger', household: null, rows: findings });
	entries.push(entry('ledger', { anchor: findings.length ? 'village-ledger' : null, count: findings.length, closed: findings.filter((f) => f.status.state === 'closed').length }));

	const households: HouseholdContents[] = [];
	const volumes: BookletPart[] = [];
	const all = shared(source);
	for (const { heading: household, card } of filed(all)) {
		const { parts, entries: its } = householdParts(all, household, card, householdFindings(findings, household.id));
		const anchor = `h-${household.id}`;
		households.push({ household, anchor, entries: its });
		volumes.push({ kind: 'separator', anchor, household, entries: its }, ...parts);
	}
	const front = cover(
		source,
		households.length,
		households.reduce((n, h) => n + h.household.count.total, 0)
	);
	return {
		scope: 'village',
		cover: front,
		parts: [{ kind: 'cover', anchor: 'cover', household: null, cover: front }, { kind: 'contents', anchor: 'contents', household: null, entries, households }, ...own, ...volumes]
	};
}
