/** A season's award decision: the contest decision page, read by the season's link. */
export { default, handle, loader, meta } from "./contests.$slug_.decision";
