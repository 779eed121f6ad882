import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useHydrated } from "./hydrated";

/**
 * A text to paste elsewhere (embed code, a feed address): read-only, selected whole on focus, with
 * a Copy button once the page is interactive.
 */
export function CopyField({ id, label, value, rows = 1 }: { id: string; label: string; value: string; rows?: number }) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const [copied, setCopied] = useState(false);
  const select = (event: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => event.currentTarget.select();
  return (
    <div className="field copy-field">
      <label htmlFor={id}>{label}</label>
      {rows > 1 ? <textarea id={id} readOnly rows={rows} value={value} onFocus={select} /> : <input id={id} readOnly value={value} onFocus={select} />}
      {hydrated ? (
        <p>
          <button
            type="button"
            className="button-secondary button"
            onClick={() => void navigator.clipboard.writeText(value).then(() => setCopied(true), () => setCopied(false))}
          >
            {t("app.copy")}
          </button>{" "}
          <span role="status">{copied ? t("app.copied") : ""}</span>
        </p>
      ) : null}
    </div>
  );
}
