import type { ButtonHTMLAttributes } from "react";

/**
 * A submit button for what cannot be undone (accepting a bid, cancelling a request, completing an
 * engagement, paying a batch, removing a participant): the browser asks `question` first, and
 * nothing is sent unless the person confirms. Without JavaScript the form submits as before; the
 * server's own rules still apply.
 */
export function ConfirmButton({ question, onClick, ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { question: string }) {
  return (
    <button
      type="submit"
      {...props}
      onClick={(event) => {
        if (!window.confirm(question)) event.preventDefault();
        else onClick?.(event);
      }}
    />
  );
}
