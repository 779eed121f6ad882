import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/format";
import type { Locale } from "~/lib/i18n";
import { apiTokenLifetimes } from "~/modules/auth/schemas";
import { ConfirmButton } from "~/ui/confirm-button";
import { CopyField } from "~/ui/copy-field";
import { Table } from "~/ui/table";

interface ApiToken {
  id: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  active: boolean;
}

/** The user's API tokens for /api/v1: each with its last use and end, revocable one by one; a new one shown once. */
export function ApiTokens({ tokens, locale, newToken }: { tokens: ApiToken[]; locale: Locale; newToken?: string }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const day = (value: string) => formatDate(value, locale, { dateStyle: "medium" });
  return (
    <section aria-labelledby="api-tokens-title">
      <h2 id="api-tokens-title">{t("auth.apiTokensTitle")}</h2>
      <p>{t("auth.apiTokensIntro")}</p>
      {newToken ? (
        <div className="notice" role="status">
          <p>{t("auth.apiTokenCreated")}</p>
          <CopyField id="new-api-token" label={t("auth.apiTokenLabel")} value={newToken} />
        </div>
      ) : null}
      {tokens.length > 0 ? (
        <Table className="stack">
          <thead>
            <tr>
              <th>{t("auth.apiTokenColumn")}</th>
              <th>{t("auth.apiTokenCreatedOn")}</th>
              <th>{t("auth.apiTokenLastUsed")}</th>
              <th>{t("auth.apiTokenValidUntil")}</th>
              <th>{t("auth.apiTokenState")}</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <td>
                  <code>{token.prefix}…</code>
                </td>
                <td>{day(token.createdAt)}</td>
                <td>{token.lastUsedAt ? day(token.lastUsedAt) : t("auth.apiTokenNeverUsed")}</td>
                <td>{token.expiresAt ? day(token.expiresAt) : t("auth.apiTokenNoExpiry")}</td>
                <td>
                  {token.active ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke-token" />
                      <input type="hidden" name="tokenId" value={token.id} />
                      <ConfirmButton className="button-danger" question={t("auth.apiTokenRevokeQuestion", { prefix: token.prefix })} disabled={navigation.state === "submitting"}>
                        {t("auth.apiTokenRevoke")}
                      </ConfirmButton>
                    </Form>
                  ) : token.revokedAt ? (
                    t("auth.apiTokenRevokedOn", { date: day(token.revokedAt) })
                  ) : (
                    t("auth.apiTokenExpired")
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : (
        <p>{t("auth.apiTokensNone")}</p>
      )}
      <Form method="post" className="inline-form">
        <input type="hidden" name="intent" value="create-token" />
        <div className="field">
          <label htmlFor="api-token-lifetime">{t("auth.apiTokenLifetime")}</label>
          <select id="api-token-lifetime" name="lifetime" defaultValue="90">
            {apiTokenLifetimes.map((days) => (
              <option key={days} value={days}>
                {t("auth.apiTokenDays", { count: Number(days) })}
              </option>
            ))}
            <option value="none">{t("auth.apiTokenUntilRevoked")}</option>
          </select>
        </div>
        <button type="submit" className="button-secondary button" disabled={navigation.state === "submitting"}>
          {t("auth.apiTokenCreate")}
        </button>
      </Form>
    </section>
  );
}
