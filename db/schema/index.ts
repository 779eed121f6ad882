export * from "./reference";
export * from "./accounts";
export * from "./outbox";
export * from "./profiles";
export * from "./audit";
export * from "./search";
export * from "./marketplace";
export * from "./engagements";
