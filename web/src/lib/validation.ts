/** A plain check that catches typing mistakes; the server decides what it accepts. */
export const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Characters as a person counts them: an emoji is one. */
export const charCount = (value: string) => [...value].length;
