/** Being built (issue 4). */
export function MemberPage() {
  return <h1>MemberPage</h1>;
}
