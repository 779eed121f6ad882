import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~db/client";
import { outbox, passwordTokens, sessions, rateLimitHits, userMunicipalities, users } from "~db/schema";
import * as account from "~/routes/account/route";
import * as invite from "~/routes/beheer.gebruikers";
import * as login from "~/routes/inloggen";
import * as register from "~/routes/registreren";
import * as language from "~/routes/taal";
import * as logout from "~/routes/uitloggen";
import * as forgot from "~/routes/wachtwoord-vergeten";
import * as setPassword from "~/routes/wachtwoord-instellen";
import { localeCookie } from "~/lib/i18n/locale.server";
import { newAccount } from "../support/factories";
import { args, context, cookiesFrom, formRequest, origin, respond } from "../support/http";
import { dutchErrors } from "../support/messages";
import { registerUser } from "../support/accounts";

/*
 * Every form of the foundation, given junk, answers 4xx with Dutch messages and writes nothing.
 * "Nothing" is checked by counting the rows of every table a success would touch.
 */

type ActionFn = (a: ReturnType<typeof args>) => Promise<unknown>;

const huge = "x".repeat(10_000);
const script = `<script>alert("x")</script>`;

async function rowCounts() {
  const tables = { users, sessions, passwordTokens, outbox, userMunicipalities, rateLimitHits };
  const entries = await Promise.all(
    Object.entries(tables).map(async ([name, table]) => [name, (await db.select({ n: count() }).from(table))[0].n] as const),
  );
  return Object.fromEntries(entries);
}

let adminCookie = "";
let retailerCookie = "";
let retailerPassword = "";

beforeAll(async () => {
  const admin = newAccount();
  const r = await registerUser({ ...admin, locale: "nl" });
  if (!r.ok) throw new Error("setup");
  await db.update(users).set({ role: "admin" }).where(eq(users.id, r.user.id));
  adminCookie = r.cookie.split(";")[0];
  const retailer = newAccount();
  retailerPassword = retailer.password;
  const s = await registerUser({ ...retailer, locale: "nl" });
  if (!s.ok) throw new Error("setup");
  retailerCookie = s.cookie.split(";")[0];
});

const forms: { name: string; path: string; action: ActionFn; cookie: () => string; valid: () => Record<string, string | string[]>; fields: string[] }[] = [
  {
    name: "register",
    path: "/registreren",
    action: register.action as ActionFn,
    cookie: () => "",
    valid: () => ({ name: newAccount().name, email: newAccount().email, role: "retailer" }),
    fields: ["name", "email", "role"],
  },
  {
    name: "login",
    path: "/inloggen",
    action: login.action as ActionFn,
    cookie: () => "",
    valid: () => ({ email: "iemand@voorbeeld.be", password: "Een-Wachtwoord-Van-Lengte" }),
    fields: ["email", "password"],
  },
  {
    name: "forgot password",
    path: "/wachtwoord-vergeten",
    action: forgot.action as ActionFn,
    cookie: () => "",
    valid: () => ({ email: "iemand@voorbeeld.be" }),
    fields: ["email"],
  },
  {
    name: "set password",
    path: "/wachtwoord-instellen",
    action: setPassword.action as ActionFn,
    cookie: () => "",
    valid: () => ({ token: "abc", password: "Een-Wachtwoord-Van-Lengte", confirmPassword: "Een-Wachtwoord-Van-Lengte" }),
    fields: ["password", "confirmPassword"],
  },
  {
    name: "change password",
    path: "/account",
    action: account.action as ActionFn,
    cookie: () => retailerCookie,
    valid: () => ({ currentPassword: retailerPassword, password: "Een-Wachtwoord-Van-Lengte", confirmPassword: "Een-Wachtwoord-Van-Lengte" }),
    fields: ["currentPassword", "password", "confirmPassword"],
  },
  {
    name: "invite",
    path: "/beheer/gebruikers",
    action: invite.action as ActionFn,
    cookie: () => adminCookie,
    valid: () => ({ name: "Stad Tielt", email: "tielt@voorbeeld.be", role: "municipality", municipalities: ["37022"] }),
    fields: ["name", "email", "role"],
  },
];

describe.each(forms)("the $name form", (form) => {
  const post = (fields: Record<string, string | string[]>, options: { origin?: string | null } = {}) =>
    respond(() => form.action(args(formRequest(form.path, fields, { cookie: form.cookie(), ...options }))));

  it("answers an empty form with 400 and Dutch field errors, writing nothing", async () => {
    const before = await rowCounts();
    const response = await post({});
    expect(response.status).toBe(400);
    const errors = await dutchErrors(response);
    expect(errors).toContain("Dit veld is verplicht.");
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses 10,000 characters in every field", async () => {
    const before = await rowCounts();
    const junk = Object.fromEntries(Object.entries(form.valid()).map(([k, v]) => [k, form.fields.includes(k) ? huge : v]));
    const response = await post(junk);
    expect(response.status).toBe(400);
    expect((await dutchErrors(response)).every((e) => typeof e === "string" && e.length > 0)).toBe(true);
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses a body that is not a form", async () => {
    const before = await rowCounts();
    const request = new Request(`${origin}${form.path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: origin, Cookie: form.cookie() },
      body: JSON.stringify({ email: ["not", "a", "string"], password: 12 }),
    });
    const response = await respond(() => form.action(args(request)));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "Dit formulier kon niet gelezen worden." });
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses 40,000 repeats of one field at once, before anything parses them, in the visitor's language", async () => {
    const before = await rowCounts();
    // Parsed, this body blocked the whole process for 26 s (Conform is superlinear in the entries).
    const body = "f=1&".repeat(40_000) + new URLSearchParams(form.valid() as Record<string, string>).toString();
    const send = async (language: string) =>
      respond(async () =>
        form.action(
          args(new Request(`${origin}${form.path}`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin, Cookie: [form.cookie(), (await localeCookie.serialize(language)).split(";")[0]].filter(Boolean).join("; ") }, body })),
        ),
      );
    const started = performance.now();
    const response = await send("nl");
    // Not a timing assertion on the answer: a refusal that parsed first would take seconds, as above.
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: "Dit formulier heeft meer velden dan een formulier van Koppel ooit heeft." });
    expect(await (await send("en")).json()).toEqual({ error: "This form has more fields than any Koppel form has." });
    expect(await rowCounts()).toEqual(before);
  });

  it("never echoes a field the form does not have", async () => {
    const junk = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`unknown${i}`, huge.slice(0, 1000)]));
    const response = await post({ ...junk, [form.fields[0]]: "" });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).not.toContain("unknown");
    expect(text.length).toBeLessThan(5_000);
  });

  it("refuses a valid form from a foreign origin, or without an Origin", async () => {
    const before = await rowCounts();
    for (const foreign of ["https://evil.example", null]) {
      const response = await post(form.valid(), { origin: foreign });
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: "Dit verzoek komt niet van Koppel zelf en is geweigerd." });
    }
    expect(await rowCounts()).toEqual(before);
  });
});

const formsWithNameOrEmail = forms.filter((f) => ["name", "email"].some((field) => field in f.valid()));

describe.each(formsWithNameOrEmail)("the $name form, given markup", (form) => {
  const post = (fields: Record<string, string | string[]>) =>
    respond(() => form.action(args(formRequest(form.path, fields, { cookie: form.cookie() }))));

  it("refuses markup where a name or address goes", async () => {
    const before = await rowCounts();
    const junk = Object.fromEntries(
      Object.entries(form.valid()).map(([k, v]) => [k, ["name", "email"].includes(k) ? script : v]),
    );
    const response = await post(junk);
    expect(response.status).toBe(400);
    expect(await rowCounts()).toEqual(before);
  });

});

describe("the forms with valid input", () => {
  it("register answers the same for a new address and a taken one, and signs nobody in", async () => {
    const taken = newAccount();
    await registerUser({ ...taken, locale: "nl" });
    const bodies = [];
    for (const email of [newAccount().email, taken.email]) {
      const response = await respond(() => register.action(args(formRequest("/registreren", { name: "Nieuwe Zaak", email, role: "provider" }))));
      expect(response.status).toBe(200);
      expect(cookiesFrom(response)).toBe("");
      bodies.push(await response.json());
    }
    expect(bodies[0]).toEqual(bodies[1]);
    expect(bodies[0]).toMatchObject({ sent: true });
  });

  it("forgot password and register say 429 with Retry-After, in Dutch, to a client over its mail limit", async () => {
    const client = { ...context, clientIp: "198.18.7.7" };
    const ask = (path: string, action: ActionFn, fields: Record<string, string>) => respond(() => action(args(formRequest(path, fields), {}, client)));
    for (let i = 0; i < 10; i++) expect((await ask("/wachtwoord-vergeten", forgot.action as ActionFn, { email: newAccount().email })).status).toBe(200);
    for (const [path, action, fields] of [
      ["/wachtwoord-vergeten", forgot.action, { email: newAccount().email }],
      ["/registreren", register.action, { name: "Nog Een Zaak", email: newAccount().email, role: "retailer" }],
    ] as const) {
      const response = await ask(path, action as ActionFn, fields);
      expect(response.status, path).toBe(429);
      expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(59 * 60);
      expect(JSON.stringify(await response.json())).toMatch(/Te veel aanvragen vanaf dit adres\. Probeer het over 60 minuten opnieuw\./);
    }
  });

  it("set password refuses a common password in Dutch", async () => {
    const response = await respond(() =>
      setPassword.action(args(formRequest("/wachtwoord-instellen", { token: "abc", password: "Wachtwoord1234", confirmPassword: "Wachtwoord1234" }))),
    );
    expect(response.status).toBe(400);
    expect(await dutchErrors(response)).toContain("Dit wachtwoord is te bekend en te makkelijk te raden. Kies een ander.");
  });

  it("login says 429 with Retry-After once the limit is reached", async () => {
    const email = newAccount().email;
    for (let i = 0; i < 5; i++) {
      const r = await respond(() => login.action(args(formRequest("/inloggen", { email, password: `fout-wachtwoord-${i}` }))));
      expect(r.status).toBe(400);
    }
    const response = await respond(() => login.action(args(formRequest("/inloggen", { email, password: "fout-wachtwoord-6" }))));
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(JSON.stringify(await response.json())).toMatch(/Te veel mislukte pogingen\. Probeer het over 15 minuten opnieuw\./);
  });

  it("the invite form needs a municipality for municipality staff", async () => {
    const response = await respond(() =>
      invite.action(args(formRequest("/beheer/gebruikers", { name: "Stad Tielt", email: "tielt@voorbeeld.be", role: "municipality" }, { cookie: adminCookie }))),
    );
    expect(response.status).toBe(400);
    expect(await dutchErrors(response)).toContain("Kies minstens één gemeente voor een gemeentemedewerker.");
  });

  it("only an admin may invite", async () => {
    const response = await respond(() =>
      invite.action(args(formRequest("/beheer/gebruikers", forms[5].valid(), { cookie: retailerCookie }))),
    );
    expect(response.status).toBe(403);
  });
});

describe("the language switch and logout forms", () => {
  it("refuse an unknown language with 400 in Dutch, changing nothing", async () => {
    for (const locale of ["", "fr", huge, script]) {
      const response = await respond(() => language.action(args(formRequest("/taal", { locale, redirectTo: "/" }, { cookie: retailerCookie }))));
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: "Kies een van de mogelijkheden." });
      expect(response.headers.getSetCookie()).toEqual([]);
    }
  });

  it("switch the language and never redirect off-site", async () => {
    const response = await respond(() => language.action(args(formRequest("/taal", { locale: "en", redirectTo: "//evil.example/x" }))));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/");
    expect(response.headers.get("Set-Cookie")).toMatch(/^koppel_lang=/);
  });

  it("refuse both from a foreign origin, keeping the session", async () => {
    const before = await rowCounts();
    for (const [path, action] of [["/taal", language.action], ["/uitloggen", logout.action]] as const) {
      const response = await respond(() =>
        (action as ActionFn)(args(formRequest(path, { locale: "en" }, { cookie: retailerCookie, origin: "https://evil.example" }))),
      );
      expect(response.status).toBe(403);
    }
    expect(await rowCounts()).toEqual(before);
  });
});
