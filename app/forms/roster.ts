import { z } from "zod";

/**
 * A contest's results committee: the ticked members and the quorum. Members
 * come from the page's list, so one that is not a number is a tampered form;
 * a quorum that is not a whole number is the model's range message.
 */
export const RosterSchema = z.object({
  member: z
    .array(z.number().int().positive("roster.notCommittee"))
    .max(200, "roster.notCommittee")
    .default([]),
  quorum: z.number().int().catch(0),
});
