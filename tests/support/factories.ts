let sequence = 0;

/** A plain object for a new account; the test decides how to create it. */
export function newAccount(overrides: Partial<{ name: string; email: string; password: string; role: "retailer" | "provider" }> = {}) {
  sequence += 1;
  const tag = `${Date.now().toString(36)}${sequence}`;
  return {
    name: `Testgebruiker ${sequence}`,
    email: `gebruiker.${tag}@voorbeeld.be`,
    password: `Zeedijk-Wandeling-${tag}`,
    role: "retailer" as const,
    ...overrides,
  };
}
