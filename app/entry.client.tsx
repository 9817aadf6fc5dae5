import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { captureEarlyInput } from "~/components/early-input";
import { PAGE_TEXTS_ID, PageTextsProvider, type PageTexts } from "~/utils/i18n";

// Taps made while the script was loading would be reset by hydration: keep them first.
captureEarlyInput();

// The page's texts, beside its data (PageTextsProvider).
const texts = JSON.parse(document.getElementById(PAGE_TEXTS_ID)?.textContent || "null") as PageTexts | null;

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <PageTextsProvider value={texts}>
        <RemixBrowser />
      </PageTextsProvider>
    </StrictMode>,
  );
});
