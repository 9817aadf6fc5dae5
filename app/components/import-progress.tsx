import { useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { ImportEvent, ImportProgress, ImportResult } from "~/forms/import";
import { formatNumber } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";

/** Where a streamed import has got: the upload (bytes), then the server's steps. */
type Step = { phase: "upload"; loaded: number; total: number } | ImportProgress | { phase: "waiting" };

type Running = { step: Step; word: boolean; startedAt: number; stepStartedAt: number };

/**
 * Posts an import form to its streaming address (XMLHttpRequest: the only
 * browser API that reports an upload's progress) and follows the server's
 * progress lines until the result, which goes to `onResult` like the page's
 * own action data. Without this script the form posts to the page as before.
 */
export function useStreamedImport(url: string, onResult: (result: ImportResult) => void) {
  const [running, setRunning] = useState<Running | null>(null);
  const revalidator = useRevalidator();
  // While it runs, the time shown moves on every second even when no line arrives.
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [running]);

  function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    const file = data.get("file");
    const word = file instanceof File && /\.docx$/i.test(file.name);
    const startedAt = performance.now();
    const show = (step: Step) =>
      setRunning((r) => ({
        step,
        word,
        startedAt,
        stepStartedAt: r && r.step.phase === step.phase ? r.stepStartedAt : performance.now(),
      }));
    show({ phase: "upload", loaded: 0, total: file instanceof File ? file.size : 0 });

    const xhr = new XMLHttpRequest();
    let read = 0;
    let result: ImportResult | undefined;
    /** The whole lines received so far, each an ImportEvent. */
    const readLines = () => {
      const text = xhr.responseText;
      const end = text.lastIndexOf("\n") + 1;
      for (const line of text.slice(read, end).split("\n")) {
        if (!line.trim()) continue;
        try {
          const event = JSON.parse(line) as ImportEvent;
          if ("result" in event) result = event.result;
          else show(event.progress);
        } catch {
          // Not one of ours (a sign-in page after the session ended): the result stays unknown.
        }
      }
      read = end;
    };
    const finish = () => {
      setRunning(null);
      onResult(result ?? { importError: "import.interrupted" });
      if (result && "imported" in result) revalidator.revalidate();
    };
    xhr.upload.onprogress = (e) => show({ phase: "upload", loaded: e.loaded, total: e.total });
    xhr.upload.onload = () => show({ phase: "waiting" });
    xhr.onprogress = readLines;
    xhr.onload = () => {
      if ((xhr.getResponseHeader("Content-Type") ?? "").startsWith("application/x-ndjson")) readLines();
      else if (xhr.status === 413) result = { importError: "import.tooLarge" };
      finish();
    };
    xhr.onerror = finish;
    xhr.open("POST", url);
    xhr.send(data);
  }

  return { running, submit };
}

/** The progress of a streamed import: a bar, what is being done, and the time left where it can be told. */
export function ImportProgressPanel({ running }: { running: Running }) {
  const t = useT();
  const locale = useLocale();
  const n = (value: number) => formatNumber(value, locale);
  const { step } = running;
  const elapsed = (performance.now() - running.stepStartedAt) / 1000;
  /** Seconds left at the rate so far in this step. */
  const left = (done: number, total: number) =>
    done > 0 && total > done ? Math.ceil((elapsed / done) * (total - done)) : null;
  let text: string;
  let bar: { value: number; max: number } | null = null;
  let seconds: number | null = null;
  if (step.phase === "upload") {
    const mb = (bytes: number) => formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10, locale);
    text = t("import.progress.upload", {
      percent: step.total ? Math.floor((step.loaded / step.total) * 100) : 0,
      sent: mb(step.loaded),
      size: mb(step.total),
    });
    bar = { value: step.loaded, max: step.total || 1 };
    seconds = left(step.loaded, step.total);
  } else if (step.phase === "check") {
    text = t(running.word ? "import.progress.checkQuestions" : "import.progress.checkRows", {
      rows: n(step.rows),
      problems: n(step.problems),
    });
  } else if (step.phase === "pictures") {
    text = t("import.progress.pictures", { done: n(step.done), total: n(step.total) });
    bar = { value: step.done, max: step.total || 1 };
    seconds = left(step.done, step.total);
  } else if (step.phase === "save") {
    text = t("import.progress.save", { rows: n(step.rows) });
  } else {
    text = t("import.progress.read");
  }
  const total = Math.floor((performance.now() - running.startedAt) / 1000);
  return (
    <div className="mt-3 flex flex-col gap-1 rounded-lg border border-slate-300 bg-slate-50 p-3">
      <progress
        className="h-4 w-full"
        aria-label={t("import.progress.title")}
        {...(bar ? { value: bar.value, max: bar.max } : {})}
      />
      {/* The step is announced when it changes; the figures under it change too often to read aloud. */}
      <p role="status" className="text-lg font-semibold">
        {text}
      </p>
      <p className="text-base text-slate-700">
        {seconds !== null ? `${t("import.progress.left", { s: n(seconds) })} · ` : ""}
        {t("import.progress.elapsed", { s: n(total) })}
      </p>
    </div>
  );
}
