import { GeneralErrorBoundary } from "~/ui/error-boundary";

/** Every unknown URL: a Dutch 404 inside the normal layout. */
export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return <GeneralErrorBoundary />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
