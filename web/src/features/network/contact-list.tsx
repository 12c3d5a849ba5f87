import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Relation } from '../../api/types';
import { relationText } from '../portal/describe';
import './network.css';

/** What the contact list needs of a person; NetworkMember has it all. */
export interface ContactListPerson {
  personId: string;
  /** Given name, tussenvoegsel and family name, e.g. "Jan van den Berg". */
  name: string;
  relation: Relation;
  relationLabel: string | null;
  /** The viewer: marked "U". */
  isSelf: boolean;
}

/** "cliënt" for the client, else the label ("dochter") or the kind of relation. */
export function contactRelationText(t: TFunction, person: Pick<ContactListPerson, 'relation' | 'relationLabel'>) {
  if (person.relation === 'self') return t('network.contact.client');
  return relationText(t, person.relation, person.relationLabel);
}

/**
 * The contact list (R22), shared by every place that lists the network (rights, and later
 * messages and agenda). The people come in the order the server gives: alphabetical the Dutch way,
 * by family name without the tussenvoegsel, with the tussenvoegsel shown. It is a plain list
 * without numbers, so that nothing suggests that one person comes before another.
 *
 * `linkTo` makes a person's entry a link (the whole card can be pressed); `details` adds lines
 * under the relation, such as a summary of rights.
 */
export function ContactList<T extends ContactListPerson>({
  people,
  labelledBy,
  linkTo,
  details,
  nameAs: Name = 'h3',
}: {
  people: readonly T[];
  /** The id of the heading that names the list. */
  labelledBy?: string;
  linkTo?: (person: T) => string | undefined;
  details?: (person: T) => ReactNode;
  /** The heading level of the names, to fit the page's outline. */
  nameAs?: 'h2' | 'h3' | 'h4' | 'p';
}) {
  const { t } = useTranslation();
  return (
    <ul className="contact-list" aria-labelledby={labelledBy}>
      {people.map((person) => {
        const to = linkTo?.(person);
        const name = (
          <>
            {person.name}
            {person.isSelf ? (
              <>
                {' '}
                <span className="badge" aria-hidden="true">
                  {t('network.contact.you')}
                </span>
                <span className="visually-hidden">{t('network.contact.youLong')}</span>
              </>
            ) : null}
          </>
        );
        return (
          <li key={person.personId} className={to ? 'contact contact-linked' : 'contact'}>
            <Name className="contact-name">
              {to ? (
                <Link to={to} className="contact-link">
                  {name}
                </Link>
              ) : (
                name
              )}
            </Name>
            <p className="contact-relation">{contactRelationText(t, person)}</p>
            {details ? <div className="contact-details">{details(person)}</div> : null}
            {to ? (
              <svg className="contact-arrow" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d="M9 5l7 7-7 7" fill="none" stroke="currentColor" strokeWidth="2.5" />
              </svg>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
