/** A season's prize ceremony: the contest ceremony, read by the season's link. */
export { default, handle, loader, meta } from "./contests.$slug_.ceremony";
