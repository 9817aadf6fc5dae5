import { z } from "zod";

/** A resident's vote: the chosen team (none chosen, or not a number: "Hãy chọn một đội"). */
export const AudienceVoteSchema = z.object({
  teamId: z.coerce.number({ message: "audienceVote.noTeam" }).int().positive("audienceVote.noTeam"),
});

/** The organiser's cue on Điều hành: open (or reopen) and close the vote. */
export const AudienceVoteCueSchema = z.object({ intent: z.enum(["open", "close"]) });
