import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/lib/i18n";
import { useHydrated } from "./hydrated";
import { ContactDetails, hasContact, type OfficeContact } from "./office-contact";

type Role = "retailer" | "provider" | "municipality" | "admin";
interface ShellUser {
  name: string;
  role: Role;
  unreadNotices: number;
}
interface ShellToast {
  key: string;
  params?: Record<string, string | number>;
  kind?: "success" | "info" | "error";
}

/** What each role finds in the main navigation. */
const navigationByRole: Record<Role, { to: string; label: string }[]> = {
  retailer: [
    { to: "/ondernemer", label: "nav.retailerHome" },
    { to: "/ondernemer/hulpvragen", label: "nav.requests" },
    { to: "/trajecten", label: "nav.engagements" },
    { to: "/ondernemer/zomer", label: "nav.campaign" },
  ],
  provider: [
    { to: "/aanbieder", label: "nav.providerHome" },
    { to: "/opdrachten", label: "nav.opportunities" },
    { to: "/trajecten", label: "nav.engagements" },
    { to: "/aanbieder/verdiensten", label: "nav.earnings" },
  ],
  municipality: [
    { to: "/gemeente", label: "nav.municipalityHome" },
    { to: "/gemeente/zomer", label: "nav.campaign" },
  ],
  admin: [
    { to: "/beheer", label: "nav.adminHome" },
    { to: "/beheer/screening", label: "nav.vetting" },
    { to: "/trajecten", label: "nav.engagements" },
    { to: "/beheer/gebruikers", label: "nav.users" },
    { to: "/beheer/programmas", label: "nav.programmes" },
    { to: "/beheer/betalingen", label: "nav.bankLines" },
    { to: "/beheer/uitbetalingen", label: "nav.payouts" },
    { to: "/beheer/terugbetalingen", label: "nav.refunds" },
    { to: "/beheer/import", label: "nav.import" },
    { to: "/beheer/zomer", label: "nav.campaign" },
    { to: "/beheer/audit", label: "nav.audit" },
    { to: "/beheer/instellingen", label: "nav.settings" },
  ],
};

export function AppShell({
  user,
  locale,
  toast,
  contact,
  children,
}: {
  user: ShellUser | null;
  locale: Locale;
  toast: ShellToast | null;
  contact: OfficeContact | null;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const otherLocale: Locale = locale === "nl" ? "en" : "nl";
  const [home, ...sections] = user ? navigationByRole[user.role] : [];
  // On a phone the links fold behind a Menu button once the page is interactive; without
  // JavaScript they stay listed, as on a desk.
  const hydrated = useHydrated();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [location.pathname]);
  const folded = hydrated && !menuOpen;
  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className={folded ? "site-header folded" : "site-header"}>
        <div className="container header-row">
          <Link to="/" className="brand" aria-label={`${t("app.name")} – ${t("nav.home")}`}>
            <img src="/favicon.svg" alt="" width="28" height="28" />
            <span>{t("app.name")}</span>
          </Link>
          {hydrated ? (
            <button type="button" className="menu-button" aria-expanded={menuOpen} aria-controls="site-navigation" onClick={() => setMenuOpen((open) => !open)}>
              {t("app.menu")}
            </button>
          ) : null}
          <div id="site-navigation" className="site-nav">
            <nav aria-label={t("app.mainNav")}>
              <ul className="nav-list">
                <li>
                  <NavLink to="/aanbieders" end>
                    {t("nav.directory")}
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/zomer">{t("nav.summer")}</NavLink>
                </li>
                {home ? (
                  <li>
                    <NavLink to={home.to} end>
                      {t(home.label)}
                    </NavLink>
                  </li>
                ) : null}
                {user ? (
                  <>
                    <li>
                      <NavLink to="/meldingen">
                        {t("nav.notices")}
                        {user.unreadNotices > 0 ? (
                          <span className="count" aria-label={t("nav.unread", { count: user.unreadNotices })}>
                            {user.unreadNotices}
                          </span>
                        ) : null}
                      </NavLink>
                    </li>
                    <li>
                      <NavLink to="/account">{t("nav.account")}</NavLink>
                    </li>
                    <li>
                      <Form method="post" action="/uitloggen">
                        <button type="submit" className="link-button">
                          {t("nav.logout")}
                        </button>
                      </Form>
                    </li>
                  </>
                ) : (
                  <>
                    <li>
                      <NavLink to="/inloggen">{t("nav.login")}</NavLink>
                    </li>
                    <li>
                      <NavLink to="/registreren" className="button button-small">
                        {t("nav.register")}
                      </NavLink>
                    </li>
                  </>
                )}
                <li>
                  <Form method="post" action="/taal">
                    <input type="hidden" name="locale" value={otherLocale} />
                    <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
                    <button type="submit" className="link-button" lang={otherLocale === "nl" ? "nl-BE" : "en"} aria-label={t("app.switchToLabel")}>
                      {t("app.switchTo")}
                    </button>
                  </Form>
                </li>
              </ul>
            </nav>
            {sections.length ? (
              <nav aria-label={t("app.sectionNav")} className="section-nav">
                <ul className="nav-list">
                  {sections.map((item) => (
                    <li key={item.to}>
                      <NavLink to={item.to} end>
                        {t(item.label)}
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </nav>
            ) : null}
          </div>
        </div>
        {user ? (
          <p className="container signed-in">{t("auth.signedInAs", { name: user.name, role: t(`roles.${user.role}`) })}</p>
        ) : null}
      </header>
      <div className="container" role="status" aria-live="polite">
        {toast ? <p className={`toast toast-${toast.kind ?? "success"}`}>{t(toast.key, toast.params ?? {})}</p> : null}
      </div>
      <main id="main" tabIndex={-1} className="container">
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t("app.footer")}</p>
          {contact && hasContact(contact) ? (
            <p className="footer-contact">
              {t("app.footerContact")}: <ContactDetails contact={contact} />
            </p>
          ) : null}
          <p className="footer-links">
            <Link to="/over">{t("app.about")}</Link> · <Link to="/privacy">{t("app.privacy")}</Link>
          </p>
        </div>
      </footer>
    </>
  );
}
