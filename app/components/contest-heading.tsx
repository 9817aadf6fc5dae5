import { Link } from "@remix-run/react";

/** A contest's setup page's heading: what the page is, then the contest, linked back to its main page. */
export function ContestHeading({ label, title, to }: { label: string; title: string; to: string }) {
  return (
    <h1 className="text-3xl font-bold">
      {label}:{" "}
      <Link to={to} className="underline">
        {title}
      </Link>
    </h1>
  );
}
