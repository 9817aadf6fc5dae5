import { z } from "zod";

/**
 * The contest page's start forms: an entry of one's own (no field), the
 * captain's for the team (`cho=doi`), a practice attempt (`thi-thu=1`, also
 * from the result page). Scripts (the load driver) may post no body at all:
 * an entry of one's own. Any other value is ignored, as before the schema.
 */
export const StartSchema = z.object({
  cho: z.enum(["doi"]).optional().catch(undefined),
  "thi-thu": z.enum(["1"]).optional().catch(undefined),
});
