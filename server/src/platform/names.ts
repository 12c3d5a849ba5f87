/** Dutch names: given name, tussenvoegsel ("van der") and family name. */
export interface NameParts {
  givenName: string;
  namePrefix: string | null;
  familyName: string;
}

/** "Johanna van der Berg". */
export function formatName(name: NameParts): string {
  return [name.givenName, name.namePrefix, name.familyName].filter((p) => p && p.trim()).join(' ');
}

const collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });

/**
 * Sorts the Dutch way: by family name without the tussenvoegsel ("de Vries" under V), then by
 * given name.
 */
export function compareNames(a: NameParts, b: NameParts): number {
  return (
    collator.compare(a.familyName, b.familyName) ||
    collator.compare(a.givenName, b.givenName) ||
    collator.compare(a.namePrefix ?? '', b.namePrefix ?? '')
  );
}
