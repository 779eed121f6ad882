import { describe, expect, it } from "vitest";
import { actionsFor, currentStep, findTransition, guards } from "~/modules/engagements/transitions";

/*
 * The engagement page's sentence and buttons come from one table (issue 22, item 1): these are the
 * steps a person meets, written out by hand from the process in docs/ (deliver, approve or ask for
 * changes, deliver again; approving the advice starts the implementation, approving it completes).
 */
const advice = (status: "pending" | "submitted" | "changes_requested" | "approved") => ({ phase: "advice", status });
const implementation = (status: "pending" | "submitted" | "changes_requested" | "approved") => ({ phase: "implementation", status });

describe("the step an engagement is at", () => {
  it.each([
    ["intake", [advice("pending"), implementation("pending")], "intake"],
    ["plan", [advice("pending"), implementation("pending")], "plan"],
    ["plan", [advice("submitted"), implementation("pending")], "planSubmitted"],
    ["plan", [advice("changes_requested"), implementation("pending")], "planChanges"],
    ["implementation", [advice("approved"), implementation("pending")], "implementation"],
    ["review", [advice("approved"), implementation("submitted")], "reviewSubmitted"],
    ["review", [advice("approved"), implementation("changes_requested")], "reviewChanges"],
    ["completed", [advice("approved"), implementation("approved")], "completed"],
  ] as const)("%s with %j is %s", (state, milestones, step) => {
    expect(currentStep(state, [...milestones])).toBe(step);
  });
});

describe("what a party is offered", () => {
  it("offers the retailer no 'start implementation' while the advice waits for approval: approving it is the step", () => {
    const offered = actionsFor("plan", "retailer").filter((a) => !a.guard || guards[a.guard]({ milestones: [advice("submitted"), implementation("pending")], voucher: null }));
    expect(offered.map((a) => a.action)).toEqual(["cancel", "dispute"]);
  });

  it("lets the retailer cancel in review only while work is outstanding; the office still can", () => {
    const allApproved = { milestones: [advice("approved"), implementation("approved")], voucher: null };
    const retailerCancel = findTransition("review", "cancel", "retailer")!;
    expect(retailerCancel.guard).toBe("workOutstanding");
    expect(guards[retailerCancel.guard!](allApproved)).toBe(false);
    expect(guards.workOutstanding({ milestones: [advice("approved"), implementation("submitted")], voucher: null })).toBe(true);
    expect(findTransition("review", "cancel", "admin")?.guard).toBeUndefined();
  });
});
