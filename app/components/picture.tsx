import type { Picture } from "#db/schema";

/** A question's or an option's picture at its stored size, scaled down to fit; its alt text is read aloud. */
export function PictureImg({ picture, className = "" }: { picture: Picture; className?: string }) {
  return (
    <img
      src={`/images/${picture.key}.webp`}
      alt={picture.alt}
      width={picture.width}
      height={picture.height}
      loading="lazy"
      className={`h-auto max-w-full rounded-lg border border-slate-200 ${className}`}
    />
  );
}
