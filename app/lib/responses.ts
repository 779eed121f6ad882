/**
 * Throws the response for `status` (404 unless said otherwise) when `condition` does not hold. A
 * record the user may not see is "not found", never a 403 that would confirm it exists.
 */
export function invariantResponse(condition: unknown, status: 403 | 404 = 404): asserts condition {
  if (!condition) throw statusResponse(status);
}

/** The 404 to throw where no condition reads naturally (`throw notFound()`). */
export function notFound() {
  return statusResponse(404);
}

function statusResponse(status: 403 | 404) {
  return new Response(status === 404 ? "Not found" : "Forbidden", { status });
}
