import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { captureEarlyInput } from "~/components/early-input";
import { FALLBACK_TEXTS_ID, FallbackTextsProvider, type RootTexts } from "~/utils/i18n";

// Taps made while the script was loading would be reset by hydration: keep them first.
captureEarlyInput();

// A page rendered without the root loader's data (its action failed) carries its texts itself.
const fallbackJson = document.getElementById(FALLBACK_TEXTS_ID)?.textContent;
const fallback = fallbackJson ? (JSON.parse(fallbackJson) as RootTexts) : null;

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <FallbackTextsProvider value={fallback}>
        <RemixBrowser />
      </FallbackTextsProvider>
    </StrictMode>,
  );
});
