import * as z from "zod";
import { emptyMap, type PersistentMap, type PersistentSet } from "../collections/persistent-map.js";
import type { AccountRef } from "../wire.js";

/**
 * The stages of a real-estate pipeline (D-141): a lead, an appointment set, an agreement signed, under contract;
 * then closed (won) or lost. The first four are open; `closeOpportunity` alone reaches the last two.
 */
export const OpportunityStage = z.enum(["lead", "appointment", "signed", "underContract", "closed", "lost"]);
export type OpportunityStage = z.infer<typeof OpportunityStage>;
/** The pipeline's stages in order, open ones first (D-141). @since 0.2.0 */
export const OPPORTUNITY_STAGES: readonly OpportunityStage[] = OpportunityStage.options;
export const OpenStage = z.enum(["lead", "appointment", "signed", "underContract"]);

/** An opportunity's or campaign's name: 1 … 200 characters. */
export const AppletName = z.string().min(1, "a name must not be empty").max(200, "a name is at most 200 characters");
/** An opportunity's value in whole units of the office's currency (D-142). */
export const OpportunityValue = z.number().int().min(0).max(1_000_000_000_000);
/** ASG-9: an audience rule takes every contact of the campaign's account the sender may message, or only those they are primary on. */
export const Audience = z.strictObject({ primaryOnly: z.boolean() }).nullable();
export type Audience = z.infer<typeof Audience>;

/** D-143: at most this many opportunities and campaigns per account, and explicit members per campaign. */
export const MAX_OPPORTUNITIES_PER_ACCOUNT = 10_000;
export const MAX_CAMPAIGNS_PER_ACCOUNT = 1_000;
export const MAX_CAMPAIGN_MEMBERS = 5_000;

/** AST-4: an opportunity of one account, linked to one of its contacts until a move or deletion ends the link (AST-3). */
export interface Opportunity {
  readonly id: string;
  readonly account: AccountRef;
  readonly name: string;
  readonly stage: OpportunityStage;
  readonly value: number;
  readonly contactId: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
}

/** AST-5: an email campaign of one account: explicit members (sorted) and/or an audience rule; sent once. */
export interface Campaign {
  readonly id: string;
  readonly account: AccountRef;
  readonly name: string;
  readonly audience: Audience;
  readonly members: readonly string[];
  readonly createdBy: string;
  readonly createdAt: string;
  /** When it was sent (it is sent once, D-146); absent until then. */
  readonly sentAt?: string;
}

/** Opportunities and campaigns with their indexes: by account key, and contact id → ids linking it. */
export interface Applets {
  readonly opportunities: PersistentMap<Opportunity>;
  readonly campaigns: PersistentMap<Campaign>;
  readonly opportunitiesByAccount: PersistentMap<PersistentSet>;
  readonly campaignsByAccount: PersistentMap<PersistentSet>;
  readonly opportunitiesByContact: PersistentMap<readonly string[]>;
  readonly campaignsByContact: PersistentMap<readonly string[]>;
}

export const EMPTY_APPLETS: Applets = Object.freeze({
  opportunities: emptyMap<Opportunity>(),
  campaigns: emptyMap<Campaign>(),
  opportunitiesByAccount: emptyMap<PersistentSet>(),
  campaignsByAccount: emptyMap<PersistentSet>(),
  opportunitiesByContact: emptyMap<readonly string[]>(),
  campaignsByContact: emptyMap<readonly string[]>(),
});
