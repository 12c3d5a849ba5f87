/**
 * The texts of the app: nl.json and en.json, plus one pair of files per larger feature in parts/
 * (so that features can be worked on side by side). They are merged into one tree per language;
 * a key defined twice is a mistake and stops the app at start.
 */
import accessLogEn from './parts/access-log.en.json';
import accessLogNl from './parts/access-log.nl.json';
import invitationsEn from './parts/invitations.en.json';
import invitationsNl from './parts/invitations.nl.json';
import myDetailsEn from './parts/my-details.en.json';
import myDetailsNl from './parts/my-details.nl.json';
import networkEn from './parts/network.en.json';
import networkNl from './parts/network.nl.json';
import photoEn from './parts/photo.en.json';
import photoNl from './parts/photo.nl.json';
import enBase from './en.json';
import nlBase from './nl.json';

export type Tree = { [key: string]: string | Tree };

export function mergeTrees(trees: Tree[], path = ''): Tree {
  const out: Tree = {};
  for (const tree of trees) {
    for (const [key, value] of Object.entries(tree)) {
      const at = path ? `${path}.${key}` : key;
      const existing = out[key];
      if (existing === undefined) out[key] = value;
      else if (typeof existing === 'object' && typeof value === 'object') out[key] = mergeTrees([existing, value], at);
      else throw new Error(`Translation key defined twice: ${at}`);
    }
  }
  return out;
}

export const nl = mergeTrees([nlBase, networkNl, accessLogNl, myDetailsNl, photoNl, invitationsNl] as Tree[]);
export const en = mergeTrees([enBase, networkEn, accessLogEn, myDetailsEn, photoEn, invitationsEn] as Tree[]);
