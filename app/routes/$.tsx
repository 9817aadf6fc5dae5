/**
 * Any address no other route serves: a 404 through the root's error page.
 * Through this route (rather than no route at all) the root loader runs, so
 * the page has its texts in the chosen language, the header and a title.
 */
export async function loader(): Promise<never> {
  throw new Response(null, { status: 404, statusText: "Not Found" });
}

export default function NotFound() {
  return null;
}
