import { DrizzlePostgreSQLAdapter } from "@lucia-auth/adapter-drizzle";
import { Lucia, TimeSpan } from "lucia";
import { db } from "~db/client";
import { sessions, users, type Role } from "~db/schema";
import { env } from "~/lib/env.server";
import type { Locale } from "~/lib/i18n";

export const lucia = new Lucia(new DrizzlePostgreSQLAdapter(db, sessions, users), {
  sessionExpiresIn: new TimeSpan(30, "d"),
  sessionCookie: {
    name: "koppel_session",
    expires: true,
    attributes: { secure: env.isProduction, sameSite: "lax" },
  },
  getUserAttributes: (attributes) => ({
    email: attributes.email,
    name: attributes.name,
    role: attributes.role,
    locale: attributes.locale,
    deactivatedAt: attributes.deactivated_at,
  }),
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    DatabaseUserAttributes: {
      email: string;
      name: string;
      role: Role;
      locale: Locale;
      deactivated_at: Date | null;
    };
  }
}
