/**
 * The demo organisation that the first `npm start` creates: fictional people with realistic Dutch
 * names, contact persons with different rights, one person in two networks, and staff.
 */
import type { Db } from '../platform/db.js';
import { hashPassword } from '../platform/passwords.js';
import { permissions as allPermissions, type Permission } from '../platform/permissions.js';
import { clients, departments, memberships, organisations, persons, staffRoles } from '../platform/schema.js';

export const demoPassword = 'kring-demo-2026';

export const demoLogins = [
  {
    email: 'peter.vanderberg@demo.kring.test',
    password: demoPassword,
    description: 'zoon van Johanna; beheert haar portaal',
  },
  {
    email: 'sanne.devries@demo.kring.test',
    password: demoPassword,
    description: 'dochter van Hendrik, ook in het netwerk van Johanna',
  },
  { email: 'johanna.vanderberg@demo.kring.test', password: demoPassword, description: 'cliënt: haar eigen portaal' },
  {
    email: 'fatima.elamrani@demo.kring.test',
    password: demoPassword,
    description: 'buurvrouw van Maria, weinig rechten',
  },
  { email: 'anouk.visser@demo.kring.test', password: demoPassword, description: 'contactverzorgende (zorgmedewerker)' },
  { email: 'rob.meijer@demo.kring.test', password: demoPassword, description: 'beheerder van de organisatie' },
] as const;

type PersonSeed = {
  key: string;
  givenName: string;
  namePrefix?: string;
  familyName: string;
  email: string;
  mobile: string;
  /** Personal data where the organisation knows it (R28); a client's also stand in the client record. */
  dateOfBirth?: string;
  street?: string;
  houseNumber?: string;
  postalCode?: string;
  city?: string;
};

/** Fills an empty database with the demo organisation. Returns the ids it made, for tests. */
export async function seedDemo(db: Db, now = new Date()) {
  const passwordHash = await hashPassword(demoPassword);
  return db.transaction(async (tx) => {
    const [org] = await tx
      .insert(organisations)
      .values({
        name: 'Zorggroep De Linde',
        dataChangeMailbox: 'clientportaal@delinde.kring.test',
        helpdeskEmail: 'helpdesk@delinde.kring.test',
        phone: '030 123 45 67',
      })
      .returning();
    const [berkenhof, thuiszorg] = await tx
      .insert(departments)
      .values([
        {
          organisationId: org!.id,
          name: 'Huize Berkenhof, afdeling Vlinder',
          phone: '030 123 45 80',
          email: 'vlinder@delinde.kring.test',
        },
        {
          organisationId: org!.id,
          name: 'Thuiszorg Utrecht-Noord',
          phone: '030 123 45 90',
          email: 'thuiszorg.noord@delinde.kring.test',
        },
      ])
      .returning();

    const clientRows = await tx
      .insert(clients)
      .values(
        [
          {
            key: 'johanna',
            givenName: 'Johanna',
            namePrefix: 'van der',
            familyName: 'Berg',
            dateOfBirth: '1938-04-12',
            street: 'Berkenlaan',
            houseNumber: '12',
            postalCode: '3581 AB',
            city: 'Utrecht',
            departmentId: berkenhof!.id,
            ecdId: 'ECD-10001',
          },
          {
            key: 'hendrik',
            givenName: 'Hendrik',
            namePrefix: 'de',
            familyName: 'Vries',
            dateOfBirth: '1941-09-03',
            street: 'Berkenlaan',
            houseNumber: '12',
            postalCode: '3581 AB',
            city: 'Utrecht',
            departmentId: berkenhof!.id,
            ecdId: 'ECD-10002',
          },
          {
            key: 'aaltje',
            givenName: 'Aaltje',
            familyName: 'Bakker',
            dateOfBirth: '1940-01-22',
            street: 'Berkenlaan',
            houseNumber: '12',
            postalCode: '3581 AB',
            city: 'Utrecht',
            departmentId: berkenhof!.id,
            ecdId: 'ECD-10003',
          },
          {
            key: 'maria',
            givenName: 'Maria',
            familyName: 'Jansen',
            dateOfBirth: '1935-06-30',
            street: 'Kastanjestraat',
            houseNumber: '4',
            postalCode: '3551 CD',
            city: 'Utrecht',
            departmentId: thuiszorg!.id,
            ecdId: 'ECD-20001',
          },
          {
            key: 'kees',
            givenName: 'Cornelis',
            namePrefix: 'van',
            familyName: 'Dijk',
            dateOfBirth: '1944-11-08',
            street: 'Amsterdamsestraatweg',
            houseNumber: '210',
            postalCode: '3551 EF',
            city: 'Utrecht',
            departmentId: thuiszorg!.id,
            ecdId: 'ECD-20002',
          },
        ].map(({ key: _key, ...c }) => ({ ...c, organisationId: org!.id })),
      )
      .returning();
    const client = (ecdId: string) => clientRows.find((c) => c.ecdId === ecdId)!.id;
    const johanna = client('ECD-10001');
    const hendrik = client('ECD-10002');
    const maria = client('ECD-20001');
    const kees = client('ECD-20002');

    const people: PersonSeed[] = [
      {
        key: 'johanna',
        givenName: 'Johanna',
        namePrefix: 'van der',
        familyName: 'Berg',
        email: 'johanna.vanderberg@demo.kring.test',
        mobile: '+31612340001',
        dateOfBirth: '1938-04-12',
        street: 'Berkenlaan',
        houseNumber: '12',
        postalCode: '3581 AB',
        city: 'Utrecht',
      },
      {
        key: 'peter',
        givenName: 'Peter',
        namePrefix: 'van der',
        familyName: 'Berg',
        email: 'peter.vanderberg@demo.kring.test',
        mobile: '+31612340002',
        dateOfBirth: '1966-02-17',
        street: 'Oudegracht',
        houseNumber: '101 bis',
        postalCode: '3511 AB',
        city: 'Utrecht',
      },
      {
        key: 'sanne',
        givenName: 'Sanne',
        namePrefix: 'de',
        familyName: 'Vries',
        email: 'sanne.devries@demo.kring.test',
        mobile: '+31612340003',
      },
      {
        key: 'wim',
        givenName: 'Wim',
        familyName: 'Jansen',
        email: 'wim.jansen@demo.kring.test',
        mobile: '+31612340004',
      },
      {
        key: 'fatima',
        givenName: 'Fatima',
        familyName: 'El Amrani',
        email: 'fatima.elamrani@demo.kring.test',
        mobile: '+31612340005',
      },
      {
        key: 'ingrid',
        givenName: 'Ingrid',
        familyName: 'Smit',
        email: 'ingrid.smit@demo.kring.test',
        mobile: '+31612340006',
      },
      {
        key: 'anouk',
        givenName: 'Anouk',
        familyName: 'Visser',
        email: 'anouk.visser@demo.kring.test',
        mobile: '+31612340007',
      },
      {
        key: 'rob',
        givenName: 'Rob',
        familyName: 'Meijer',
        email: 'rob.meijer@demo.kring.test',
        mobile: '+31612340008',
      },
      {
        key: 'kees',
        givenName: 'Kees',
        namePrefix: 'van',
        familyName: 'Dijk',
        email: 'kees.vandijk@demo.kring.test',
        mobile: '+31612340009',
      },
    ];
    const personRows = await tx
      .insert(persons)
      .values(people.map(({ key: _key, ...p }) => ({ ...p, passwordHash, status: 'active' as const })))
      .returning();
    const person = (key: string) => personRows.find((p) => p.email === people.find((x) => x.key === key)!.email)!.id;

    const all = [...allPermissions];
    const grant = (
      who: string,
      clientId: string,
      relation: 'self' | 'contact' | 'legal_representative',
      label: string | null,
      rights: Permission[],
      endsAt: Date | null = null,
    ) => ({
      personId: person(who),
      clientId,
      relation,
      relationLabel: label,
      permissions: rights,
      grantedBy: relation === 'self' ? null : person('peter'),
      grantedAt: now,
      endsAt,
    });
    await tx.insert(memberships).values([
      grant('johanna', johanna, 'self', null, all),
      grant('peter', johanna, 'contact', 'zoon', [
        'dossier:read',
        'agenda:read',
        'agenda:write',
        'messages:use',
        'board:read',
        'board:write',
        'network:manage',
      ]),
      grant('sanne', johanna, 'contact', 'buurvrouw', ['agenda:read', 'messages:use', 'board:read', 'board:write']),
      { ...grant('sanne', hendrik, 'legal_representative', 'dochter', all), grantedBy: null },
      { ...grant('wim', maria, 'legal_representative', 'zoon', all), grantedBy: null },
      {
        ...grant(
          'fatima',
          maria,
          'contact',
          'buurvrouw',
          ['agenda:read', 'board:read'],
          new Date(now.getTime() + 30 * 86400_000),
        ),
        grantedBy: person('wim'),
      },
      grant('kees', kees, 'self', null, all),
    ]);

    await tx.insert(staffRoles).values([
      { personId: person('ingrid'), organisationId: org!.id, role: 'care_professional', departmentId: berkenhof!.id },
      { personId: person('anouk'), organisationId: org!.id, role: 'care_professional', departmentId: berkenhof!.id },
      { personId: person('anouk'), organisationId: org!.id, role: 'contactverzorgende', clientId: johanna },
      { personId: person('anouk'), organisationId: org!.id, role: 'contactverzorgende', clientId: hendrik },
      {
        personId: person('ingrid'),
        organisationId: org!.id,
        role: 'contactverzorgende',
        clientId: client('ECD-10003'),
      },
      { personId: person('rob'), organisationId: org!.id, role: 'organisation_admin' },
    ]);
    return { organisationId: org!.id, clients: { johanna, hendrik, maria, kees } };
  });
}
