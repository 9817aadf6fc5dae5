/**
 * Choices made on a server-rendered page before its script has run. A slow
 * phone shows question 1 seconds before the page responds; hydration would
 * then put every input back as the server rendered it, and the tap would be
 * lost (issue 15). entry.client reads forms marked `data-early-input` before
 * hydrating and follows their changes until the page takes them: the page
 * queues them like any other choice.
 */
type EarlyInput = Map<string, string[]>;

let early: EarlyInput = new Map();
let following = false;

function isEarlyField(target: EventTarget | null): target is HTMLInputElement {
  return (
    target instanceof HTMLInputElement && !!target.name && !!target.form?.hasAttribute("data-early-input")
  );
}

/** What the field's group holds now: the checked values of a radio or checkbox group, else the text. */
function record(input: HTMLInputElement) {
  if (input.type === "radio" || input.type === "checkbox") {
    const group = input.form!.querySelectorAll<HTMLInputElement>(`input[name="${CSS.escape(input.name)}"]`);
    early.set(
      input.name,
      [...group].filter((i) => i.checked).map((i) => i.value),
    );
  } else early.set(input.name, [input.value]);
}

const follow = (event: Event) => {
  if (isEarlyField(event.target)) record(event.target);
};

/** Called once before hydration: reads what differs from the server's page, then follows changes. */
export function captureEarlyInput() {
  early = new Map();
  for (const input of document.querySelectorAll<HTMLInputElement>("form[data-early-input] input[name]")) {
    const changed =
      input.type === "radio" || input.type === "checkbox"
        ? input.checked !== input.defaultChecked
        : input.value !== input.defaultValue;
    if (changed) record(input);
  }
  document.addEventListener("change", follow, true);
  document.addEventListener("input", follow, true);
  following = true;
}

/** The page takes the early choices once, after hydration; from then on React handles every change. */
export function takeEarlyInput(): EarlyInput {
  if (following) {
    document.removeEventListener("change", follow, true);
    document.removeEventListener("input", follow, true);
    following = false;
  }
  const taken = early;
  early = new Map();
  return taken;
}
