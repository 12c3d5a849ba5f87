/** Beheerinstellingen: being built (issue 4). */
export function NetworkPage() {
  return <h1>Beheerinstellingen</h1>;
}
