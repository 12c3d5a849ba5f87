import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { permissionText, relationText, telHref } from './describe';

const t = i18n.t.bind(i18n);

describe('describe', () => {
  it('names a right it does not know without showing a bare key', () => {
    expect(permissionText(t, 'photos:delete')).toBe('Een ander recht: photos:delete');
    expect(permissionText(t, 'agenda:write')).toBe('U mag afspraken in de agenda zetten.');
  });

  it('uses the relation label the network chose, or a plain word', () => {
    expect(relationText(t, 'contact', 'buurvrouw')).toBe('buurvrouw');
    expect(relationText(t, 'contact', null)).toBe('contactpersoon');
    expect(relationText(t, 'legal_representative', null)).toBe('wettelijk vertegenwoordiger');
  });

  it('makes phone numbers dialable', () => {
    expect(telHref('030 123 45 80')).toBe('tel:0301234580');
    expect(telHref('+31 6-1234 5678')).toBe('tel:+31612345678');
  });
});
