/** Being built (issue 4). */
export function InvitePage() {
  return <h1>InvitePage</h1>;
}
