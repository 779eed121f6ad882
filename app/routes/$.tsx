import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { notFound } from "~/lib/responses";

/** Every unknown URL: a Dutch 404 inside the normal layout. */
export async function loader() {
  throw notFound();
}

export default function NotFound() {
  return <GeneralErrorBoundary />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
