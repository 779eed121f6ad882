let sequence = 0;

/** A plain object for a new account; the test decides how to create it. */
export function newAccount(overrides: Partial<{ name: string; email: string; password: string; role: "retailer" | "provider" }> = {}) {
  sequence += 1;
  const tag = `${Date.now().toString(36)}${sequence}`;
  return {
    name: `Testgebruiker ${sequence}`,
    // A reserved test domain: shared by every test account, it is no sign of related parties.
    email: `gebruiker.${tag}@voorbeeld.test`,
    password: `Zeedijk-Wandeling-${tag}`,
    role: "retailer" as const,
    ...overrides,
  };
}

let enterpriseSequence = 0;
/** A valid, fictional enterprise number, different at every call within a test file. */
export function newEnterpriseNumber() {
  enterpriseSequence += 1;
  const firstEight = `05${String((process.pid % 1000) * 1000 + enterpriseSequence).padStart(6, "0")}`;
  return firstEight + String(97 - (Number(firstEight) % 97)).padStart(2, "0");
}
