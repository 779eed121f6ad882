import { compileRuleSets } from "./peppol";

/** Compiles the official Peppol rule sets once, before the tests that validate documents run. */
export default function setup() {
  compileRuleSets();
}
