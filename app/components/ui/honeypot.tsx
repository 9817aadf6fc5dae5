import { HONEYPOT_FIELD } from "~/utils/honeypot";

/**
 * A field hidden from people (off screen, out of the tab order and the
 * accessibility tree); a bot that fills every input fills it too.
 */
export function Honeypot() {
  return (
    <div aria-hidden="true" className="absolute -left-[9999px] h-px w-px overflow-hidden">
      <label>
        Để trống ô này
        <input type="text" name={HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" defaultValue="" />
      </label>
    </div>
  );
}
