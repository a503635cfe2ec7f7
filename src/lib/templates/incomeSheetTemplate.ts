import { defineTemplate } from './template';
import { INCOME_CATEGORIES } from '../accounting/incomeSheet';

const categoryLabels = {
	wage: { zh: '工资性收入', en: 'Wages' },
	business: { zh: '生产经营性收入', en: 'Production and business receipts' },
	transfer: { zh: '转移性收入', en: 'Transfer income' },
	property: { zh: '财产性收入', en: 'Property income' }
} as const;

/**
 * The income accounting sheet (收支核算表) of one household for one campaign: each income line
 * with its category, amount, note and proof photo; production costs; rigid spending. Members
 * come from the household card. Its figures (incomeSheet.ts) fill 附件1 section 1.
 */
export const incomeSheetTemplate = defineTemplate({
	id: 'income-sheet',
	version: 1,
	title: { zh: '家庭收支核算表', en: 'Household income accounting' },
	sections: [
		{
			id: 'income',
			title: { zh: '收入', en: 'Income' },
			questions: [
				{
					id: 'lines',
					type: 'repeat',
					label: { zh: '收入明细', en: 'Income lines' },
					maxRows: 100,
					questions: [
						{
							id: 'category',
							type: 'choice',
							required: true,
							label: { zh: '类别', en: 'Category' },
							options: INCOME_CATEGORIES.map((value) => ({ value, label: categoryLabels[value] }))
						},
						{ id: 'amount', type: 'money', required: true, min: 0, label: { zh: '金额（元）', en: 'Amount (yuan)' } },
						{ id: 'note', type: 'text', maxLength: 200, label: { zh: '说明', en: 'Note' } },
						{ id: 'proof', type: 'photo', maxPhotos: 5, label: { zh: '证明照片', en: 'Proof photos' } }
					]
				}
			]
		},
		{
			id: 'spending',
			title: { zh: '支出', en: 'Spending' },
			questions: [
				{ id: 'production_costs', type: 'money', min: 0, label: { zh: '生产经营费用支出（元）', en: 'Production and business costs (yuan)' } },
				{ id: 'education', type: 'money', min: 0, label: { zh: '教育支出（元）', en: 'Education spending (yuan)' } },
				{ id: 'medical', type: 'money', min: 0, label: { zh: '医疗合规报销后自付费用（元）', en: 'Medical costs out of pocket after reimbursement (yuan)' } }
			]
		},
		{
			id: 'result',
			title: { zh: '核算结果', en: 'Result' },
			questions: [
				// Who counts is the household card's, by the one rule of household/members.ts.
				{ id: 'members', type: 'computed', compute: 'household.residents', kind: 'headcount', label: { zh: '家庭常住人口', en: 'Resident members' } },
				{ id: 'able', type: 'computed', compute: 'household.ableToWork', kind: 'integer', label: { zh: '其中有劳动能力', en: 'of whom able to work' } },
				{ id: 'wage', type: 'computed', compute: 'income.wage', kind: 'money', label: { zh: '工资性收入（元）', en: 'Wages (yuan)' } },
				{ id: 'business', type: 'computed', compute: 'income.business', kind: 'money', label: { zh: '生产经营性纯收入（元）', en: 'Net business income (yuan)' } },
				{ id: 'transfer', type: 'computed', compute: 'income.transfer', kind: 'money', label: { zh: '转移性收入（元）', en: 'Transfer income (yuan)' } },
				{ id: 'property', type: 'computed', compute: 'income.property', kind: 'money', label: { zh: '财产性收入（元）', en: 'Property income (yuan)' } },
				{ id: 'net', type: 'computed', compute: 'income.netIncome', kind: 'money', label: { zh: '家庭纯收入（元）', en: 'Household net income (yuan)' } },
				{ id: 'per_capita', type: 'computed', compute: 'income.perCapita', kind: 'money', label: { zh: '人均纯收入（元）', en: 'Per-capita net income (yuan)' } },
				{ id: 'below_line', type: 'computed', compute: 'income.belowLine', kind: 'yesno', problemWhen: 'yes', label: { zh: '人均纯收入是否低于{{line}}', en: 'Per-capita income below {{line}}?' } },
				{
					id: 'large_rigid',
					type: 'computed',
					compute: 'income.largeRigidSpending',
					kind: 'yesno',
					labels: { yes: { zh: '有', en: 'Yes' }, no: { zh: '无', en: 'No' } },
					label: { zh: '有无大额刚性支出（{{rigid}}为大额）', en: 'Any large unavoidable spending? (large: {{rigid}})' }
				}
			]
		}
	]
});
