/**
 * What a column of an imported roster can mean: the household card's own questions (their ids,
 * labels, choices and checks come from the template, the one source of the card), plus the few
 * columns every roster has that the card does not ask — the household number that ties member
 * rows together, the head's ID number, and the counts and dates the card computes itself, which
 * are read only to be checked against what it computes.
 *
 * The synonyms are the words township sheets use for the same thing: the national 防返贫监测
 * 信息系统's exports, last round's ledgers and village 花名册 each name the columns their own way.
 */
import { householdCard } from '../templates/householdCard';
import type { LeafQuestion, LocalizedText, Question, RepeatQuestion } from '../templates/template';

/** Full-width forms and the ideographic space: what halfWidth replaces. Declared first: the names below are normalised as the module loads. */
const WIDE = /[\uFF01-\uFF5E\u3000]/;

export type FieldLevel = 'household' | 'member';

/**
 * - answer: stored as the card question's answer;
 * - headId: the head's ID number, stored on the head's member row and used to match households;
 * - number: the household number, only to group member rows;
 * - check: compared with what the card computes (household size, birth date and sex from the
 *   ID number), never stored;
 * - flag: one key-household flag as a yes/no column ("是否低保户").
 */
export type FieldRole = 'answer' | 'headId' | 'number' | 'check' | 'flag';

export interface ImportField {
	/** 'household.<question id>', 'member.<question id>', 'household.number', 'household.headId', 'household.flag.<option>'. */
	key: string;
	level: FieldLevel;
	role: FieldRole;
	/** The card question whose answer it is, or that checks it (the ID format for headId). */
	question: LeafQuestion | null;
	/** The flag option a `flag` field sets. */
	option?: string;
	/** The card's own words for it; null for the fields the card does not ask (see labelKey). */
	label: LocalizedText | null;
	/** i18n key of the label when the card has none. */
	labelKey: string | null;
	/** Normalised titles that name it (normaliseTitle), the card's label first. */
	names: string[];
}

const HOUSEHOLD_SYNONYMS: Record<string, string[]> = {
	head: ['户主姓名', '户主名', '户主', '户主名称', '户名'],
	type: ['户类型', '户类别', '户属性', '农户类型', '农户类别', '农户属性', '家庭类型', '户别', '贫困户属性', '户类型属性'],
	group: ['村民组', '组', '组别', '村民小组', '所在组', '小组', '组名', '所属组', '村组', '所在村民组', '所属村民组'],
	size: ['人口数', '家庭人口', '家庭人口数', '户人口数', '家庭人数', '人口', '人数', '家庭成员数', '户人数', '家庭总人口', '总人口'],
	phone: ['联系电话', '电话', '手机', '手机号', '手机号码', '电话号码', '联系方式', '户主电话', '户主联系电话', '户主手机号'],
	flags: ['重点户类别', '重点户', '重点户类型', '特殊户类别', '户标识', '重点人群类别'],
	note: ['备注', '说明']
};

const MEMBER_SYNONYMS: Record<string, string[]> = {
	name: ['姓名', '成员姓名', '家庭成员姓名', '人员姓名', '家庭成员', '成员'],
	id_number: ['身份证号', '身份证号码', '身份证', '证件号码', '证件号', '公民身份号码', '身份号码', '居民身份证号', '居民身份证号码', '身份证件号码', '证件号码身份证号'],
	relation: ['与户主关系', '与户主的关系', '家庭关系', '关系', '户主关系', '与户主关系称谓'],
	health: ['健康状况', '健康状态', '身体状况', '健康情况'],
	able_to_work: ['有劳动能力', '劳动能力', '劳动技能', '劳动力状况', '是否有劳动能力', '劳动力', '劳动能力状况'],
	resident: ['家庭常住人口', '常住', '是否常住', '是否常住人口', '常住人口', '是否在家', '在家情况', '常住情况', '是否家庭常住人口'],
	schooling: ['文化程度在校情况', '文化程度', '在校情况', '在校生情况', '在校生状况', '学历', '受教育程度', '在校生'],
	birth_date: ['出生日期', '出生年月', '出生年月日', '生日'],
	sex: ['性别']
};

/** Only these computed questions are worth a column: what each is checked against is known. */
const CHECKED = new Set(['household.size', 'member.birth_date', 'member.sex']);

const NUMBER_NAMES = ['户编号', '户号', '户码', '家庭编号', '农户编号', '户序号', '户编码', '家庭户号', '户籍编号'];

/**
 * Words a header has that no field takes: they help find the header row (序号 is in nearly
 * every one) and stop a column from being taken for something it contains ("户主" in 户主签字).
 */
export const IGNORED_NAMES = [
	'序号', '编号', '合计', '签字', '签名', '户主签字', '年龄', '民族', '住址', '家庭住址', '地址', '乡镇', '乡', '村', '行政村', '自然村',
	'人均纯收入', '家庭年收入', '人均收入', '纯收入', '收入', '识别标准', '脱贫年度', '致贫原因', '帮扶责任人', '帮扶人', '政治面貌', '婚姻状况'
].map(normaliseTitle);

/** Full-width letters, digits and signs (typed with a Chinese input method) as ASCII, and the ideographic space as a space. */
export function halfWidth(text: string): string {
	// Most cells have nothing to change: a test is cheaper than a replace with a callback.
	if (!WIDE.test(text)) return text;
	return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/**
 * A header title as compared: no spaces or line breaks (headers wrap "身份证\n号码"), no marks
 * of a required column (*, ★), no notes in brackets ("身份证号（18位）", "人口数(人)"), no colon.
 */
export function normaliseTitle(text: string): string {
	return halfWidth(text)
		.replace(/\u200b|\u200c|\u200d|\ufeff/g, '')
		.replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】|〔[^〕]*〕/g, '')
		.replace(/[\s*★☆※:：]/g, '');
}

function fieldsOf(section: readonly Question[], level: FieldLevel, synonyms: Record<string, string[]>): ImportField[] {
	const fields: ImportField[] = [];
	for (const question of section) {
		if (question.type === 'repeat' || question.type === 'signature' || question.type === 'photo') continue;
		const key = `${level}.${question.id}`;
		if (question.type === 'computed' && !CHECKED.has(key)) continue;
		fields.push({
			key,
			level,
			role: question.type === 'computed' ? 'check' : 'answer',
			question,
			label: question.label,
			labelKey: null,
			names: unique([question.label.zh, ...(synonyms[question.id] ?? [])].map(normaliseTitle))
		});
	}
	return fields;
}

function unique(names: string[]): string[] {
	return [...new Set(names.filter((n) => n !== ''))];
}

function buildFields(): ImportField[] {
	const sections = householdCard.sections.flatMap((s) => s.questions);
	const members = sections.find((q): q is RepeatQuestion => q.type === 'repeat' && q.id === 'members');
	if (!members) throw new Error('the household card has no members');
	const household = fieldsOf(sections, 'household', HOUSEHOLD_SYNONYMS);
	const member = fieldsOf(members.questions, 'member', MEMBER_SYNONYMS);
	const memberName = member.find((f) => f.key === 'member.name')!;
	const memberId = member.find((f) => f.key === 'member.id_number')!;
	const headNames = household.find((f) => f.key === 'household.head')!.names;
	const extra: ImportField[] = [
		{
			key: 'household.headId',
			level: 'household',
			role: 'headId',
			question: memberId.question,
			label: null,
			labelKey: 'import.field.headId',
			names: unique(['户主身份证号', ...memberId.names.map((n) => `户主${n}`)].map(normaliseTitle))
		},
		{ key: 'household.number', level: 'household', role: 'number', question: null, label: null, labelKey: 'import.field.number', names: NUMBER_NAMES.map(normaliseTitle) }
	];
	// The head's name also goes by the member's name with 户主 before it ("户主姓名").
	household.find((f) => f.key === 'household.head')!.names = unique([...headNames, ...memberName.names.map((n) => `户主${n}`)]);
	const flags = household.find((f) => f.key === 'household.flags');
	if (flags?.question?.type === 'choice') {
		for (const option of flags.question.options) {
			const words = unique([option.label.zh, ...(CHOICE_SYNONYMS.flags?.[option.value] ?? [])].map(normaliseTitle));
			extra.push({
				key: `household.flag.${option.value}`,
				level: 'household',
				role: 'flag',
				question: flags.question,
				option: option.value,
				label: option.label,
				labelKey: null,
				names: unique(words.flatMap((w) => [w, `是否${w}`, `是否为${w}`, `是否享受${w}`, `是否${w.replace(/户$/, '')}`]))
			});
		}
	}
	return [...household, ...extra, ...member];
}

/**
 * The words sheets write for a choice, by question id and option value, beside the option's
 * label (which always counts). 脱贫不稳定户, 边缘易致贫户 and 突发严重困难户 are the three kinds of
 * 监测对象, so they are 监测户 on the card.
 */
export const CHOICE_SYNONYMS: Record<string, Record<string, string[]>> = {
	type: {
		ordinary: ['一般户', '一般农户', '普通户', '普通农户', '非贫困户', '一般'],
		lifted: ['脱贫户', '已脱贫户', '脱贫', '建档立卡户', '建档立卡脱贫户', '贫困户', '建档立卡贫困户', '脱贫享受政策户', '脱贫不享受政策户', '稳定脱贫户', '脱贫人口'],
		monitored: ['监测户', '监测对象', '防返贫监测户', '防返贫监测对象', '脱贫不稳定户', '边缘易致贫户', '突发严重困难户', '边缘户', '易致贫户', '监测', '纳入监测']
	},
	relation: {
		head: ['户主', '本人', '户主本人'],
		spouse: ['配偶', '妻', '妻子', '夫', '丈夫', '之妻', '之夫', '老伴', '爱人'],
		child: ['子女', '子', '女', '儿子', '女儿', '长子', '次子', '三子', '四子', '长女', '次女', '三女', '四女', '养子', '养女', '独生子', '独生女', '之子', '之女', '继子', '继女', '儿', '孩子'],
		child_in_law: ['儿媳/女婿', '儿媳', '女婿', '媳', '儿媳妇', '之儿媳', '之女婿', '媳妇'],
		grandchild: ['孙子女', '孙子', '孙女', '外孙', '外孙子', '外孙女', '孙', '之孙', '之孙女'],
		parent: ['父母', '父亲', '母亲', '父', '母', '岳父', '岳母', '公公', '婆婆', '之父', '之母'],
		sibling: ['兄弟姐妹', '兄', '弟', '姐', '妹', '哥哥', '弟弟', '姐姐', '妹妹', '兄弟', '姐妹'],
		other: ['其他', '其它', '祖父', '祖母', '外祖父', '外祖母', '曾孙子', '曾孙女', '侄子', '侄女', '外甥', '外甥女']
	},
	health: {
		healthy: ['健康', '良好', '正常', '好'],
		chronic: ['长期慢性病', '慢性病', '患慢性病', '患有慢性病', '长期慢性疾病'],
		serious: ['患大病', '大病', '重病', '患有大病', '重大疾病', '患重病', '严重疾病'],
		disabled: ['残疾', '残疾人', '肢体残疾', '视力残疾', '听力残疾', '言语残疾', '智力残疾', '精神残疾', '多重残疾']
	},
	schooling: {
		preschool: ['学龄前', '学前', '学前教育', '学龄前儿童', '幼儿园', '在园幼儿'],
		primary_pupil: ['小学在读', '小学在校', '在读小学', '小学生'],
		junior_pupil: ['初中在读', '初中在校', '在读初中', '初中生', '七年级', '八年级', '九年级'],
		senior_pupil: ['高中/中职在读', '高中在读', '中职在读', '高中在校', '中职在校', '高职在读', '中专在读', '高中生'],
		college_student: ['大专及以上在读', '大学在读', '大专在读', '本科在读', '研究生在读', '高职大专在读', '大学生'],
		illiterate: ['文盲或半文盲', '文盲', '半文盲', '文盲半文盲'],
		primary: ['小学'],
		junior: ['初中'],
		senior: ['高中/中专', '高中', '中专', '中职', '职高', '技校', '高中或中专'],
		college: ['大专及以上', '大专', '本科', '大学', '研究生', '本科及以上', '大学本科', '硕士', '博士']
	},
	flags: {
		dibao: ['低保户', '低保', '农村低保', '低保对象', '低保家庭'],
		tekun: ['特困户', '特困', '五保户', '五保', '特困供养', '特困供养户', '特困供养人员', '分散供养特困人员'],
		seriously_ill: ['重病户', '重病', '大病户'],
		disabled: ['残疾户', '残疾', '残疾人户'],
		sudden_hardship: ['突发困难户', '突发困难', '突发严重困难'],
		low_income: ['低收入人群', '低收入', '低收入户', '低收入人口'],
		elderly: ['老人户', '独居老人', '空巢老人', '老年户']
	}
};

/**
 * Words for yes and no as sheets write them, by question id beside the general ones: the
 * 防返贫监测 system's 劳动技能 grades (普通劳动力 … 丧失劳动力) say whether a person can work.
 */
export const YES_NO_SYNONYMS: Record<string, { yes: string[]; no: string[] }> = {
	'*': { yes: ['是', '√', '✓', '✔', '☑', 'y', 'yes', 'true', '1', '对', '有'], no: ['否', '×', '✗', '✘', '☒', 'n', 'no', 'false', '0', '不是', '无', '没有'] },
	able_to_work: {
		yes: ['有劳动能力', '普通劳动力', '技能劳动力', '弱劳动力', '半劳动力', '弱劳动力或半劳动力', '劳动力', '能'],
		no: ['无劳动能力', '丧失劳动力', '丧失劳动能力', '无劳动力', '不能']
	},
	resident: { yes: ['常住', '在家', '常住人口'], no: ['不常住', '非常住', '外出', '非常住人口', '不在家'] }
};

export const importFields: readonly ImportField[] = buildFields();

const byKey = new Map(importFields.map((f) => [f.key, f]));

export function importField(key: string): ImportField | undefined {
	return byKey.get(key);
}

/** The card's repeat question of members, for the row limit and row checks. */
export const membersQuestion: RepeatQuestion = householdCard.sections
	.flatMap((s) => s.questions)
	.find((q): q is RepeatQuestion => q.type === 'repeat' && q.id === 'members')!;

/**
 * A household question of the card by id: what the preview labels a card change with
 * (FieldChange.question is the id).
 */
export function cardQuestion(id: string): LeafQuestion | undefined {
	for (const section of householdCard.sections) {
		for (const q of section.questions) if (q.id === id && q.type !== 'repeat') return q;
	}
	return undefined;
}

/** A member question of the card by id, for labelling a member's changes likewise. */
export function memberQuestion(id: string): LeafQuestion | undefined {
	return membersQuestion.questions.find((q) => q.id === id);
}

const allNames = new Set([...importFields.flatMap((f) => f.names), ...IGNORED_NAMES]);

/** Whether a header cell reads like one of a roster's column titles. */
export function isKnownTitle(text: string): boolean {
	const title = normaliseTitle(text);
	return title !== '' && allNames.has(title);
}
