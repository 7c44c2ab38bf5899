import { z } from 'zod';
import { ServiceForm, sheetFields } from '../directory-sheet/template.js';

/** What a partner may change of its own listing: the fields of the admin's service form. */
export const ProposalField = z.enum(sheetFields);
export type ProposalField = z.infer<typeof ProposalField>;

/** A partner's edit of one of its listings: the whole form as it now wants it; the server keeps only what changed. */
export const ProposalRequest = z
  .strictObject({ serviceId: z.string().min(1).max(200), form: ServiceForm })
  .meta({ id: 'ProposalRequest' });
export type ProposalRequest = z.input<typeof ProposalRequest>;

/** One changed field: what the listing said when the partner proposed, and what they propose. */
export const ProposalChange = z
  .object({ field: ProposalField, before: z.string(), after: z.string() })
  .meta({ id: 'ProposalChange' });
export type ProposalChange = z.infer<typeof ProposalChange>;

export const proposalStates = ['pending', 'approved', 'declined'] as const;

export const ListingProposal = z
  .object({
    id: z.uuid(),
    serviceId: z.string(),
    serviceName: z.string(),
    /** Who proposed it (an admin sees who; a partner sees its own). */
    proposedByName: z.string(),
    proposedAt: z.string(),
    status: z.enum(proposalStates),
    changes: z.array(ProposalChange),
    decidedAt: z.string().nullable(),
    /** Why an admin declined, when they said; the partner sees it. */
    reason: z.string().nullable(),
  })
  .meta({ id: 'ListingProposal' });
export type ListingProposal = z.infer<typeof ListingProposal>;

/** A partner's page: the listings it may propose edits to, and its proposals, newest first. */
export const MyListings = z
  .object({
    services: z.array(z.object({ id: z.string(), name: z.string() })),
    proposals: z.array(ListingProposal),
  })
  .meta({ id: 'MyListings' });
export type MyListings = z.infer<typeof MyListings>;

export const DeclineProposalRequest = z
  .strictObject({ reason: z.string().trim().max(500).optional() })
  .meta({ id: 'DeclineProposalRequest' });
export type DeclineProposalRequest = z.input<typeof DeclineProposalRequest>;
