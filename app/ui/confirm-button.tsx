import type { ButtonHTMLAttributes } from "react";

/**
 * A submit button for what cannot be undone (accepting a bid, cancelling a request, completing an
 * engagement, paying a batch, removing a participant): the browser asks `question` first, and
 * nothing is sent unless the person confirms. The form's own checks come first (a required
 * declaration, say): the question is asked only of a form that can be sent, so nobody says yes and
 * is then refused. Without JavaScript the form submits as before; the server's own rules still apply.
 */
export function ConfirmButton({ question, onClick, ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { question: string }) {
  return (
    <button
      type="submit"
      {...props}
      onClick={(event) => {
        // An invalid form is left to the browser, which shows what is missing and sends nothing.
        if (event.currentTarget.form && !event.currentTarget.form.checkValidity()) return;
        if (!window.confirm(question)) event.preventDefault();
        else onClick?.(event);
      }}
    />
  );
}
