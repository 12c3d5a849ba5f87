/** Being built (issue 4). */
export function ConfirmEmailPage() {
  return <h1>ConfirmEmailPage</h1>;
}
