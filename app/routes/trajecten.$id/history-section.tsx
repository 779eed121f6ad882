import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/lib/format";
import type { Locale } from "~/lib/i18n";
import { stateInWords } from "~/modules/reporting/audit-words";

type Step = { id: number; at: string; action: string; entityType: string; fromState: string | null; toState: string | null; reason: string | null; actorName: string | null; actorRole: string | null };

/**
 * The file's status history: who did what, and when, from the audit log, oldest first. Folded: the
 * next step above is what a party acts on; this is for looking back (and for the office's file).
 */
export function HistorySection({ steps, locale }: { steps: Step[]; locale: Locale }) {
  const { t } = useTranslation();
  if (steps.length === 0) return null;
  return (
    <section aria-labelledby="history-title">
      <details>
        <summary>
          <h2 id="history-title" className="inline-heading">
            {t("workspace.history", { count: steps.length })}
          </h2>
        </summary>
        <ol className="history">
          {steps.map((s) => (
            <li key={s.id}>
              <span className="hint">{formatDateTime(s.at, locale)}</span> · {s.actorRole === "admin" ? t("workspace.office") : (s.actorName ?? t("workspace.automatic"))}:{" "}
              {t(`audit.actions.${s.action}`, { defaultValue: s.action })}
              {s.toState && s.fromState !== s.toState ? ` (${stateInWords(t, s.entityType, s.toState)})` : ""}
              {s.reason ? <span className="history-reason"> “{s.reason}”</span> : null}
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}
