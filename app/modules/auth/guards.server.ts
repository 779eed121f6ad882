import { json, redirect } from "@remix-run/node";
import type { User } from "lucia";
import type { Role } from "~db/schema";
import { env } from "~/lib/env.server";
import { translator, type Locale } from "~/lib/i18n";
import { invariantResponse } from "~/lib/responses";
import { lucia } from "./lucia.server";
import { expectedOrigin, isMutation, isSameOrigin } from "./origin";
import { authenticateApiToken } from "./tokens.server";
import {  } from "~/lib/responses";

export type SessionUser = User;

export interface UserSession {
  user: SessionUser;
  sessionId: string;
  /** Set when lucia extended the session: the response must carry the renewed cookie. */
  refreshedCookie?: string;
}

/** Refuses state-changing requests from other sites (CSRF) with a 403 in Dutch. */
export function requireSameOrigin(request: Request) {
  const url = new URL(request.url);
  if (isMutation(request.method) && !isSameOrigin(request.headers.get("Origin"), expectedOrigin(env.APP_URL, url.host, url.protocol))) {
    throw json({ error: translator("nl")("errors.foreignOrigin") }, { status: 403 });
  }
}

/** The logged-in user, or null. Deactivated users count as logged out. */
export async function getUserSession(request: Request): Promise<UserSession | null> {
  const sessionId = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (!sessionId) return null;
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session || user.deactivatedAt) return null;
  return {
    user,
    sessionId: session.id,
    refreshedCookie: session.fresh ? lucia.createSessionCookie(session.id).serialize() : undefined,
  };
}

export async function getUser(request: Request) {
  return (await getUserSession(request))?.user ?? null;
}

/** The page a role lands on after logging in. */
export function homePathFor(role: Role) {
  return { retailer: "/ondernemer", provider: "/aanbieder", municipality: "/gemeente", admin: "/beheer" }[role];
}

function loginRedirect(request: Request) {
  const url = new URL(request.url);
  return redirect(`/inloggen?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

/** Every loader and action of a logged-in page starts here. */
export async function requireUserSession(request: Request): Promise<UserSession> {
  requireSameOrigin(request);
  const userSession = await getUserSession(request);
  if (!userSession) throw loginRedirect(request);
  return userSession;
}

export async function requireUser(request: Request) {
  return (await requireUserSession(request)).user;
}

export async function requireRole<R extends Role>(request: Request, roles: readonly R[] | R) {
  const user = await requireUser(request);
  const allowed: readonly Role[] = Array.isArray(roles) ? roles : [roles];
  invariantResponse(allowed.includes(user.role), 403);
  return user as SessionUser & { role: R };
}

/** For login and registration pages: a logged-in user is sent home instead. */
export async function requireAnonymous(request: Request) {
  requireSameOrigin(request);
  const user = await getUser(request);
  if (user) throw redirect(homePathFor(user.role));
}

/** For /api/v1: a bearer token, never a cookie, so no CSRF check applies. */
export async function requireApiUser(request: Request, locale: Locale = "nl") {
  const header = request.headers.get("Authorization") ?? "";
  const match = /^Bearer\s+(\S{1,200})$/i.exec(header);
  const user = match ? await authenticateApiToken(match[1]) : null;
  if (!user) {
    throw json(
      { error: { code: "unauthorized", message: locale === "nl" ? "Ontbrekend of ongeldig API-token." : "Missing or invalid API token." } },
      { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="koppel"' } },
    );
  }
  return user;
}
