/**
 * 附件1 巩固脱贫成果“八月攻坚”整改专项行动入户问题排查表 (洺州镇, August 2022), transcribed
 * question by question from shared/seeds/004_…; each `source` is the form's own words, and a test
 * walks the form and fails if any of its questions is missing here.
 *
 * Notes on the transcription:
 * - Every yes/no of a row is its own question with a stable id, and each carries its own
 *   "describe the problem" text (the paper form has one box per row).
 * - The original numbers two sub-questions of section 3 "③"; the labels keep that, the ids differ.
 * - Section 1 is filled from the household card and its income accounting sheet, never typed
 *   twice; the line and the bar for "large" rigid spending are the campaign's, so its labels
 *   carry `{{line}}` and `{{rigid}}` (campaignTerms.ts) rather than 2022's figure.
 * - `problemWhen` says which answer is a problem on the ground; where the form asks "是否知晓…"
 *   or "是否满意" the problem is "no".
 */
import { defineTemplate, type TemplateInput } from '../template';

type Q = TemplateInput['sections'][number]['questions'][number];

const yes = (id: string, zh: string, en: string, source: string, problemWhen: 'yes' | 'no' = 'yes'): Q => ({
	id,
	type: 'yesno',
	label: { zh, en },
	// The form asks for a tick on every row: an unanswered row is an unfinished form.
	required: true,
	source,
	problemWhen
});

export const HOUSEHOLD_SCREENING_2022 = 'household-screening-2022';

export const householdScreening2022 = defineTemplate({
	id: HOUSEHOLD_SCREENING_2022,
	version: 1,
	scope: 'household',
	title: { zh: '巩固脱贫成果“八月攻坚”整改专项行动入户问题排查表', en: 'Household screening form, "August push" campaign' },
	sections: [
		{
			id: 'header',
			title: { zh: '基本情况', en: 'Header' },
			questions: [
				{ id: 'township', type: 'computed', compute: 'meta.township', kind: 'text', label: { zh: '乡镇', en: 'Township' }, source: '乡镇：' },
				{ id: 'village', type: 'computed', compute: 'meta.village', kind: 'text', label: { zh: '村', en: 'Village' }, source: '村：' },
				{ id: 'surveyed_on', type: 'date', precision: 'month', notInFuture: true, required: true, label: { zh: '摸排时间', en: 'Screened in' }, source: '摸排时间 2022 年 8 月' },
				{
					id: 'household_type',
					type: 'computed',
					compute: 'card.type',
					kind: 'choice',
					label: { zh: '户类型', en: 'Household type' },
					source: '户类型： 一般户□ 脱贫户□ 监测户□',
					options: [
						{ value: 'ordinary', label: { zh: '一般户', en: 'Ordinary' } },
						{ value: 'lifted', label: { zh: '脱贫户', en: 'Lifted out of poverty' } },
						{ value: 'monitored', label: { zh: '监测户', en: 'Monitored' } }
					]
				},
				{ id: 'head', type: 'computed', compute: 'card.head', kind: 'text', label: { zh: '户主姓名', en: 'Head of household' }, source: '户主姓名' }
			]
		},
		{
			id: 's1_income',
			title: { zh: '1. 2021年10月以来家庭收支情况', en: '1. Income and spending since October 2021' },
			questions: [
				// Every value here is the household's, from its card and its income sheet, and required:
				// 附件1 is not complete, and cannot be signed, until the income sheet is filled in and
				// every member's "resident" box answered (the form says which is missing).
				// ① counts members by the one rule of household/members.ts: its value is the resident
				// count, per-capita income's divisor, shown beside the card's total where they differ.
				{ id: 's1_size', type: 'computed', compute: 'household.residents', kind: 'headcount', required: true, label: { zh: '①家里人口（口人）', en: '① Household members' }, source: '①家里  口人' },
				{ id: 's1_able', type: 'computed', compute: 'household.ableToWork', kind: 'integer', required: true, label: { zh: '其中有劳动能力（人）', en: 'of whom able to work' }, source: '(其中  人有劳动能力)' },
				{ id: 's1_net', type: 'computed', compute: 'income.netIncome', kind: 'money', required: true, label: { zh: '②2021年10月以来家庭纯收入（元）', en: '② Household net income since October 2021 (yuan)' }, source: '②2021 年 10 月以来家庭纯收入      元' },
				{ id: 's1_wage', type: 'computed', compute: 'income.wage', kind: 'money', required: true, label: { zh: '其中工资性收入（元）', en: 'of which wages (yuan)' }, source: '(其中工资性收入      元' },
				{ id: 's1_business', type: 'computed', compute: 'income.business', kind: 'money', required: true, label: { zh: '生产经营性纯收入（元）', en: 'net production and business income (yuan)' }, source: '生产经营 性纯收入        元' },
				{ id: 's1_transfer', type: 'computed', compute: 'income.transfer', kind: 'money', required: true, label: { zh: '转移性收入（元）', en: 'transfer income (yuan)' }, source: '转移性收入       元' },
				{ id: 's1_property', type: 'computed', compute: 'income.property', kind: 'money', required: true, label: { zh: '财产性收入（元）', en: 'property income (yuan)' }, source: '财产性收入          元)' },
				// The line is the campaign's, named as the campaign names it ({{line}}: campaignTerms.ts).
				{ id: 's1_below_line', type: 'computed', compute: 'income.belowLine', kind: 'yesno', required: true, problemWhen: 'yes', label: { zh: '收入是否低于{{line}}', en: 'Income per person below {{line}}?' }, source: '收入 是否低于 7300 元。(是□否□)' },
				// The form asks 有□无□ here, and "large" is the campaign's bar ({{rigid}}).
				{
					id: 's1_rigid',
					type: 'computed',
					compute: 'income.largeRigidSpending',
					kind: 'yesno',
					required: true,
					labels: { yes: { zh: '有', en: 'Yes' }, no: { zh: '无', en: 'No' } },
					label: { zh: '③家里有无大额刚性支出（{{rigid}}为大额）', en: '③ Any large unavoidable spending? (large: {{rigid}})' },
					source: '③家里有无大额刚性支出(有□无□)'
				},
				{ id: 's1_education', type: 'computed', compute: 'income.education', kind: 'money', required: true, label: { zh: '教育支出（元）', en: 'Education spending (yuan)' }, source: '包括教育支出      元' },
				{ id: 's1_medical', type: 'computed', compute: 'income.medical', kind: 'money', required: true, label: { zh: '医疗合规报销后自付费用（元）', en: 'Medical costs paid out of pocket after reimbursement (yuan)' }, source: '医疗合规报 销后自付费用      元等' }
			]
		},
		{
			id: 's2_housing',
			title: { zh: '2. 住房保障', en: '2. Safe housing' },
			questions: [
				yes('s2_unsafe', '①现住房是否为不安全住房', '① Is the current house unsafe?', '①现住房是否为不安全住房(是□否□)'),
				yes('s2_unappraised', '是否未鉴定', 'Has it not been appraised?', '是否未鉴定(是□否□)'),
				{ ...yes('s2_sign_matches', '脱贫户、监测户是否有标示牌，是否与资料和实际一致', 'For lifted and monitored households: is there a sign plate, and does it match the records and reality?', '脱贫户、 监测户是否有标示牌， 是否与资料和实际一致(是□否□)', 'no'), showIf: { fact: 'card.type', in: ['lifted', 'monitored'] } },
				{ ...yes('s2_repaired', '②是否按危房类别进行修缮或重建并验收达标', '② Was the house repaired or rebuilt by its danger grade and accepted?', '②是否按危房类别进行修缮或重建并验收达标(是□否□)', 'no'), showIf: { q: 's2_unsafe', eq: true } },
				{ ...yes('s2_subsidy_unpaid', '补助资金是否未发放到位', 'Has the subsidy not been paid in full?', '补助资金是否未 发放到位(是□否□)'), showIf: { q: 's2_unsafe', eq: true } },
				{ ...yes('s2_still_lived_in', '③是否存在危房改造后，危房仍住人情况等', '③ Is the unsafe house still lived in after the renovation?', '③是否存在危房改造后，危房仍住人情况等(是□否□)'), showIf: { q: 's2_unsafe', eq: true } }
			]
		},
		{
			id: 's3_education',
			title: { zh: '3. 教育帮扶', en: '3. Education support' },
			questions: [
				yes('s3_aid_gap', '①是否存在符合条件的学生教育资助政策落实不到位', '① Are eligible students missing education aid?', '①是否存在符合条件的学生教育资助政策落实不到位(是□否□)'),
				yes('s3_dropout', '②是否存在义务教育阶段适龄儿童辍学（教育部门是否排查原因并针对性劝返）', '② Has a school-age child dropped out of compulsory education (and did the education office look into it)?', '②是否存在义务教育阶段适龄儿童辍学(教育部门是否排查原因并针对性劝返) (是□否□)'),
				yes('s3_special_education', '③义务教育阶段有意愿且有学习能力的特殊儿童，是否未接受特殊教育或送教上门服务等', '③ Is a child with special needs, willing and able to learn, without special education or home teaching?', '③义务教育阶段有意愿且有学习能力的特殊儿童， 是否未接受特殊教育或送教 上门服务等(是□否□)'),
				yes('s3_college', '③是否有因贫困上不起大学现象', '③ (numbered ③ twice on the form) Can anyone not afford university because of poverty?', '③是否有因贫困上不起大学现象(是□否□)')
			]
		},
		{
			id: 's4_health',
			title: { zh: '4. 健康帮扶', en: '4. Health support' },
			questions: [
				yes('s4_insurance_known', '①是否知晓家庭成员参加城乡居民基本医疗保险情况', '① Does the household know its members’ basic medical insurance?', '①是否知晓家庭成员参加城乡居民基本医疗保险情况(是□否□)', 'no'),
				{ ...yes('s4_subsidy_known', '是否知晓监测对象和低保、特困对象享受缴费补助政策', 'Does it know that monitored, dibao and tekun members get contribution subsidies?', '是否知晓 监测对象和低保、特困对象享受缴费补助政策(是□否□)', 'no'), showIf: { any: [{ fact: 'card.type', eq: 'monitored' }, { fact: 'card.flags', in: ['dibao', 'tekun'] }] } },
				yes('s4_treatment_gap', '②是否知晓符合标准的家庭成员在定点医疗机构住院没有享受“先诊疗后付费”和“一站式结算”政策', '② Is it known that an eligible member was hospitalised without “treat first, pay later” and one-stop settlement?', '②是否知晓符合标准的家庭成员在定点医疗机构住院没有享受“先诊疗后付费” 和“一站式结算”政策(是□否□)'),
				{ ...yes('s4_chronic_unappraised', '③脱贫户和监测对象家庭成员患慢性病的，是否未进行鉴定', '③ Does a chronically ill member of a lifted or monitored household lack an appraisal?', '③脱贫户和监测对象家庭成员患慢性病的， 是否未进行鉴定(是□否□)'), showIf: { fact: 'card.type', in: ['lifted', 'monitored'] } }
			]
		},
		{
			id: 's5_water',
			title: { zh: '5. 安全饮水', en: '5. Safe drinking water' },
			questions: [
				yes('s5_central_supply', '是否集中供水', 'Is water supplied centrally?', '是否集中供水(是□否□)', 'no'),
				yes('s5_certified', '是否有安全饮水鉴定证明，且饮用水无明显杂质、异色异味', 'Is there a safe-water certificate, and is the water free of visible impurities, colour and smell?', '是否有安全饮水鉴定证明，且饮用水无明显杂质、 异色异味(是□否□)', 'no')
			]
		},
		{
			id: 's6_assistance',
			title: { zh: '6. 综合保障', en: '6. Social assistance' },
			questions: [
				yes('s6_assistance_gap', '①是否有符合低保、特困供养、孤儿、事实无人抚养儿童条件但未落实相关政策', '① Does anyone qualify for dibao, tekun support, orphan or de-facto-unsupported-child aid without receiving it?', '①是否有符合低保、特困供养、孤儿、事实无人抚养儿童条件但未落实相关政 策(是□否□)'),
				yes('s6_disability_unappraised', '②是否有符合残疾鉴定标准，未进行鉴定的问题', '② Does anyone meet the disability criteria without an appraisal?', '②是否有符合残疾鉴定标准，未进行鉴定的问题(是□否□)'),
				{ ...yes('s6_tekun_included', '全县16-59岁特殊人群符合特困人员条件的是否及时纳入', 'Are people aged 16–59 who meet the tekun criteria included in time?', '全县 16-59 岁特殊人群符合特困人员条件的是否及时纳入(是□否□)', 'no'), showIf: { fact: 'household.specialAdult', eq: true } }
			]
		},
		{
			id: 's7_training',
			title: { zh: '7. 技能培训', en: '7. Skills training' },
			questions: [
				yes('s7_training_gap', '是否存在有劳动能力的家庭成员未落实应培尽培、愿培尽培政策', 'Is a member able to work missing the training they should or want to have?', '是否存在有劳动能力的家庭成员未落实应培尽培、愿培尽培政策(是□否□)')
			]
		},
		{
			id: 's8_jobs',
			title: { zh: '8. 公益岗', en: '8. Public-welfare jobs' },
			questions: [
				yes('s8_job_problem', '是否存在家庭成员安置公益岗后，未实际履职，或一人多岗、人岗不相适、顶岗替岗等问题', 'Does a member hold a public-welfare job without doing it, hold several, not fit it, or have a stand-in?', '是否存在家庭成员安置公益岗后，未实际履职，或一人多岗、人岗不相适、顶 岗替岗等问题(是□否□)')
			]
		},
		{
			id: 's9_finance',
			title: { zh: '9. 金融帮扶', en: '9. Financial support' },
			questions: [
				yes('s9_loan_unmet', '①是否存在有贷款意愿且符合贷款条件，但应贷未贷的情况', '① Did an eligible household that wanted a loan not get one?', '①是否存在有贷款意愿且符合贷款条件，但应贷未贷的情况(是□否□)'),
				yes('s9_loan_misuse', '②是否存在户贷企用、一分了之或用于非生产性支出等问题', '② Is a household loan used by a firm, handed out as cash, or spent on non-productive things?', '②是否存在户贷企用、一分了之或用于非生产性支出等问题(是□否□)')
			]
		},
		{
			id: 's10_records',
			title: { zh: '10. 档卡资料', en: '10. Dossier materials' },
			questions: [
				yes('s10_materials_gap', '①是否存在档卡资料不完善、不规范问题，如上墙资料和证册内表册是否及时更新，是否存在“账实不符”情况等', '① Are the dossier materials incomplete or irregular (posted sheets and booklets not updated, records not matching reality)?', '①是否存在档卡资料不完善、不规范问题， 如上墙资料和证册内表册是否及时 更新，是否存在“账实不符”情况等(是□否□)'),
				{ ...yes('s10_annual_review', '②行业部门是否对各类证、表、卡及时年审和鉴定。如，危房鉴定和标示牌、安全饮水鉴定及证明、签约医生服务等', '② Have the departments reviewed and certified the cards and forms in time (housing appraisal and plate, water certificate, contracted doctor, …)?', '②行业部门是否对各类证、表、卡及时年审和鉴定。如，危房鉴定和标示牌、 安全饮水鉴定及证明、签约医生服务等(是□否□)', 'no'), showIf: { fact: 'card.type', in: ['lifted', 'monitored'] } }
			]
		},
		{
			id: 's11_tidiness',
			title: { zh: '11. 户容户貌', en: '11. Household tidiness' },
			questions: [
				yes('s11_untidy', '是否存在院内垃圾遍地、污水横流，屋内杂乱、臭味扑鼻、无处下脚等问题', 'Is the yard strewn with rubbish or sewage, or the house cluttered and foul?', '是否存在院内垃圾遍地、污水横流，屋内杂乱、臭味扑鼻、无处下脚等问题(是 □否□)')
			]
		},
		{
			id: 's12_responsibility',
			title: { zh: '12. 帮扶责任', en: '12. Assistance responsibility' },
			questions: [
				yes('s12_knows_team', '农户是否了解驻村工作队或帮扶责任人', 'Does the household know the village work team or its assigned helper?', '农户是否了解驻村工作队或帮扶责任人(是□否□)', 'no'),
				yes('s12_satisfied', '对驻村帮扶工作是否满意', 'Is it satisfied with the assistance work?', '对驻村帮扶工作是否满 意。(是□否□)', 'no')
			]
		},
		{
			id: 'signoff',
			title: { zh: '签字', en: 'Sign-off' },
			questions: [{ id: 'checker_signature', type: 'signature', required: true, label: { zh: '排查人员（签字）', en: 'Checker (signature)' }, source: '排查人员(签字)' }]
		}
	]
});
