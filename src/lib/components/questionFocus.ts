/** A question to bring into view on a household's forms (a link from 我的工作), and whether to open its comments. */
export interface QuestionFocus {
	/** The form (card, income sheet, screening form); null: the household as a whole. */
	formKey: string | null;
	questionId: string | null;
	comments: boolean;
}
