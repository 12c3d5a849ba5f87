/** "Wie heeft wat bekeken": being built (issue 4). */
export function AccessLogPage() {
  return <h1>Wie heeft wat bekeken</h1>;
}
