import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

/*
 * db/patches make the server's route matching remember its work (the ranked route tree per routes
 * array, compiled paths, the matches of recent paths). The server loads the CommonJS build, so that
 * is the one tested here. Whatever is remembered, each caller must get the right matches and its
 * own copies of them.
 */
const { matchRoutes } = createRequire(import.meta.url)("@remix-run/router") as typeof import("@remix-run/router");

const routes = [
  {
    id: "root",
    path: "",
    children: [
      { id: "home", index: true },
      { id: "provider", path: "aanbieders/:slug" },
      { id: "providers", path: "aanbieders" },
      { id: "catch-all", path: "*" },
    ],
  },
];
const ids = (matches: ReturnType<typeof matchRoutes>) => matches?.map((m) => m.route.id);

describe("the server's route matching", () => {
  it("matches each path as before, however often it is asked", () => {
    for (let round = 0; round < 3; round++) {
      expect(ids(matchRoutes(routes, "/"))).toEqual(["root", "home"]);
      expect(ids(matchRoutes(routes, "/aanbieders"))).toEqual(["root", "providers"]);
      expect(matchRoutes(routes, "/aanbieders/pixelpier")?.[1].params).toEqual({ slug: "pixelpier" });
      expect(matchRoutes(routes, "/aanbieders/klik-kassa")?.[1].params).toEqual({ slug: "klik-kassa" });
      expect(ids(matchRoutes(routes, "/bestaat/niet"))).toEqual(["root", "catch-all"]);
    }
  });

  it("gives each caller its own matches: one changing them does not change the next", () => {
    const first = matchRoutes(routes, "/aanbieders/pixelpier")!;
    (first[1].params as Record<string, string>).slug = "gewijzigd";
    first.pop();
    const second = matchRoutes(routes, "/aanbieders/pixelpier")!;
    expect(second).toHaveLength(2);
    expect(second[1].params).toEqual({ slug: "pixelpier" });
  });

  it("follows a new routes array rather than reusing another's", () => {
    const other = [{ id: "only", path: "aanbieders" }];
    expect(ids(matchRoutes(other, "/aanbieders"))).toEqual(["only"]);
    expect(ids(matchRoutes(routes, "/aanbieders"))).toEqual(["root", "providers"]);
  });
});
