import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

/*
 * db/patches make the server's route matching remember its work (the ranked route tree per routes
 * array, compiled paths, the matches of recent paths). The server loads the CommonJS build, so that
 * is the one tested here. Whatever is remembered, each caller must get the right matches and its
 * own copies of them.
 */
const require = createRequire(import.meta.url);
const { matchRoutes } = require("@remix-run/router") as typeof import("@remix-run/router");

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

/** The same routes, counting how often anything reads a route's path: flattening a tree reads every one. */
function countingPathReads<T extends object>(tree: T[]): { routes: T[]; reads: () => number } {
  let reads = 0;
  const wrap = (route: Record<string, unknown>): Record<string, unknown> => {
    const children = Array.isArray(route.children) ? (route.children as Record<string, unknown>[]).map(wrap) : route.children;
    return new Proxy({ ...route, children }, {
      get(target, key, receiver) {
        if (key === "path") reads++;
        return Reflect.get(target, key, receiver);
      },
    });
  };
  return { routes: tree.map((route) => wrap(route as Record<string, unknown>)) as T[], reads: () => reads };
}

describe("what the router patches save (each fails on the unpatched router)", () => {
  it("flattens and ranks a route tree once, not on every match", () => {
    const counted = countingPathReads(structuredClone(routes));
    expect(ids(matchRoutes(counted.routes, "/aanbieders"))).toEqual(["root", "providers"]);
    const afterFirst = counted.reads();
    expect(afterFirst).toBeGreaterThan(0);
    for (const path of ["/aanbieders", "/", "/aanbieders/pixelpier", "/bestaat/niet", "/aanbieders"]) matchRoutes(counted.routes, path);
    expect(counted.reads() - afterFirst).toBe(0);
  });

  it("converts the server's routes to data routes once (react-router-dom's createStaticRouter)", async () => {
    const { createStaticHandler, createStaticRouter } = require("react-router-dom/server.js") as typeof import("react-router-dom/server");
    const handler = createStaticHandler(structuredClone(routes));
    const context = await handler.query(new Request("http://localhost/aanbieders"));
    if (context instanceof Response) throw new Error("a data route answered with a Response");
    const first = createStaticRouter(handler.dataRoutes, context);
    const second = createStaticRouter(handler.dataRoutes, context);
    expect(second.routes).toBe(first.routes);
  });
});

describe("what the route cache must never change", () => {
  it("sees routes added to a tree in place, as lazy route discovery adds them", () => {
    const tree = structuredClone(routes);
    expect(ids(matchRoutes(tree, "/zomer"))).toEqual(["root", "catch-all"]);
    tree[0].children.push({ id: "summer", path: "zomer" });
    expect(ids(matchRoutes(tree, "/zomer"))).toEqual(["root", "summer"]);
  });

  it("gives the matches of one answer one shared params object, as the router makes them, on a hit too", () => {
    const tree = [{ id: "root", path: "zomer/:municipality", children: [{ id: "business", path: ":business" }] }];
    for (let round = 0; round < 2; round++) {
      const matches = matchRoutes(tree, "/zomer/brugge/bakkerij")!;
      expect(matches[0].params).toBe(matches[1].params);
      expect(matches[1].params).toEqual({ municipality: "brugge", business: "bakkerij" });
    }
  });
});

describe("what the Remix server patch saves (fails on the unpatched @remix-run/react)", () => {
  it("builds the server routes from the build's manifest once, not on every render", async () => {
    const { RemixServer } = require("@remix-run/react/dist/server.js") as typeof import("@remix-run/react");
    const { createStaticHandler } = require("react-router-dom/server.js") as typeof import("react-router-dom/server");
    let parentReads = 0;
    const route = (id: string, parentId: string | undefined, path: string | undefined) =>
      new Proxy(
        { id, parentId, path, index: path === undefined, hasLoader: false, hasAction: false, hasClientLoader: false, hasClientAction: false, hasErrorBoundary: false, module: "" },
        { get: (target, key, receiver) => (key === "parentId" && parentReads++, Reflect.get(target, key, receiver)) },
      );
    const manifestRoutes = { root: route("root", undefined, ""), home: route("home", "root", undefined), providers: route("providers", "root", "aanbieders") };
    const component = () => null;
    const routeModules = { root: { default: component }, home: { default: component }, providers: { default: component } };
    const staticContext = await createStaticHandler(structuredClone(routes)).query(new Request("http://localhost/aanbieders"));
    if (staticContext instanceof Response) throw new Error("a data route answered with a Response");
    const context = { manifest: { routes: manifestRoutes }, routeModules, staticHandlerContext: staticContext, future: {}, isSpaMode: false, serverHandoffString: "" };
    const render = () => (RemixServer as unknown as (props: object) => unknown)({ context, url: "http://localhost/aanbieders" });
    render();
    const afterFirst = parentReads;
    expect(afterFirst).toBeGreaterThan(0);
    render();
    render();
    expect(parentReads - afterFirst).toBe(0);
  });
});
