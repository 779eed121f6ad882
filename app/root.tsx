import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { defaultLocale, i18nFor } from "~/lib/i18n";
import { getLocale } from "~/lib/i18n/locale.server";
import { takeToast } from "~/lib/toast.server";
import { getUserSession } from "~/modules/auth/index.server";
import { countUnreadNotices } from "~/modules/notifications/index.server";
import { currentSettings } from "~/modules/settings/index.server";
import stylesHref from "~/styles/app.css";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { AppShell } from "~/ui/layout";
import { contactOf } from "~/ui/office-contact";
import { useNonce } from "~/ui/nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "icon", href: "/favicon.ico", sizes: "32x32" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const userSession = await getUserSession(request);
  const user = userSession?.user ?? null;
  const locale = await getLocale(request, user);
  const { toast, setCookie } = await takeToast(request);
  const headers = new Headers();
  if (setCookie) headers.append("Set-Cookie", setCookie);
  if (userSession?.refreshedCookie) headers.append("Set-Cookie", userSession.refreshedCookie);
  return json(
    {
      locale,
      user: user ? { id: user.id, name: user.name, role: user.role, unreadNotices: await countUnreadNotices(user.id) } : null,
      toast,
      contact: contactOf(currentSettings()),
    },
    { headers },
  );
}

export const meta: MetaFunction = () => [{ title: "Koppel" }];

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale = data?.locale ?? defaultLocale;
  const i18n = i18nFor(locale);
  const nonce = useNonce();
  // Pages framed by municipal websites and printed posters come without Koppel's header and footer.
  const bare = useMatches().some((m) => (m.handle as { bare?: boolean } | undefined)?.bare);
  return (
    <html lang={locale === "nl" ? "nl-BE" : "en"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0b5d4b" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nextProvider i18n={i18n}>
          {bare ? (
            <main id="main">{children}</main>
          ) : (
            <AppShell user={data?.user ?? null} locale={locale} toast={data?.toast ?? null} contact={data?.contact ?? null}>
              {children}
            </AppShell>
          )}
        </I18nextProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
