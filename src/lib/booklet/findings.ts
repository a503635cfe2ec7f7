/**
 * Findings as the booklet prints them: each with where it is, who found and signed it, its photos
 * before (raised) and after (the rectification the reviewer saw), and its whole ledger history
 * with the reviewer's signature on 销号 and 退回. People are named by the organisation.
 */
import type { Campaign } from '../campaign/campaign';
import type { Finding } from '../ledger/finding';
import type { EventType, LedgerStatus, Refusal } from '../ledger/ledger';
import type { LedgerEntry } from '../review/reviewDoc';
import type { LocalizedText } from '../templates/template';
import { nameOf, type PersonLookup } from '../organisation/personName';

export interface StepLine {
	id: string;
	type: EventType;
	by: string;
	at: string;
	measure: string | null;
	reason: string | null;
	deadline: string | null;
	responsible: string | null;
	evidence: string[];
	/** The reviewer's drawn signature on a 销号 or 退回. */
	image: string | null;
	/** Why the step did not apply (two devices acting at once), or null. */
	refused: Refusal | null;
}

export interface FindingSheet {
	anchor: string;
	finding: Finding;
	status: LedgerStatus;
	/** The question it is on, in its form's words; null for the household or village as a whole. */
	question: LocalizedText | null;
	raisedBy: string;
	signedBy: string;
	responsible: string | null;
	/** Photos taken when it was found (整改前). */
	before: string[];
	/** Photos of the rectification as last submitted (整改后): what the reviewer closed on. */
	after: string[];
	steps: StepLine[];
	closed: { by: string; at: string; image: string | null } | null;
}

/**
 * The campaign a finding belongs to, by id. One on a campaign's form (`<template>@<campaign>`)
 * belongs to that campaign. One on no campaign form (the household or village as a whole, the
 * household card) belongs to the latest campaign begun by the day it was raised, or the first
 * campaign when raised before any: unlike a count for a period, a booklet must not leave a
 * finding out of every campaign's volume.
 */
export function campaignOfFinding(finding: Finding, campaigns: readonly Campaign[], dayOf: (iso: string) => string): string | null {
	const target = finding.target;
	const formKey = target.kind === 'household' ? null : (target.formKey ?? null);
	const at = formKey?.indexOf('@') ?? -1;
	if (formKey && at > 0) {
		const id = formKey.slice(at + 1);
		if (campaigns.some((c) => c.id === id)) return id;
	}
	const sorted = [...campaigns].sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : 0));
	const day = dayOf(finding.raisedAt);
	let found = sorted[0]?.id ?? null;
	for (const campaign of sorted) if (campaign.startsOn <= day) found = campaign.id;
	return found;
}

/** Oldest first: a volume reads in the order things happened. */
export function byRaised(a: LedgerEntry, b: LedgerEntry): number {
	return a.finding.raisedAt < b.finding.raisedAt ? -1 : a.finding.raisedAt > b.finding.raisedAt ? 1 : a.finding.id < b.finding.id ? -1 : 1;
}

export function findingSheet(entry: LedgerEntry, people: PersonLookup | null): FindingSheet {
	const { finding, status } = entry;
	const name = (actor: { id: string; name: string }) => nameOf(actor, people);
	const steps: StepLine[] = status.history.map(({ event, refused }) => ({
		id: event.id,
		type: event.type,
		by: name(event.by),
		at: event.at,
		measure: event.measure?.trim() || null,
		reason: event.reason?.trim() || null,
		deadline: event.deadline ?? null,
		responsible: event.responsible ? name(event.responsible) : null,
		evidence: event.evidence ?? [],
		image: event.image ?? null,
		refused
	}));
	const close = status.closed ? steps.find((s) => s.type === 'close' && !s.refused && s.at === status.closed!.at) : undefined;
	return {
		anchor: `finding-${finding.id}`,
		finding,
		status,
		question: finding.target.kind === 'household' ? null : (finding.target.question ?? null),
		raisedBy: name(finding.raisedBy),
		signedBy: name(finding.signature.by),
		responsible: status.responsible ? name(status.responsible) : null,
		before: finding.evidence,
		after: status.evidence,
		steps,
		closed: status.closed ? { by: name(status.closed.by), at: status.closed.at, image: close?.image ?? null } : null
	};
}
