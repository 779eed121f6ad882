import { afterEach, expect } from "vitest";
import { takePageProblems } from "./browser";

/** Every browser test also asserts that its pages raised no uncaught error and logged no console error. */
afterEach(() => {
  expect(takePageProblems()).toEqual([]);
});
