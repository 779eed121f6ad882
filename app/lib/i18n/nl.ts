import { campaigns } from "./nl/campaigns";
import { core } from "./nl/core";
import { marketplace } from "./nl/marketplace";
import { money } from "./nl/money";
import { office } from "./nl/office";
import { profiles } from "./nl/profiles";

/** Dutch (nl-BE), the default language, gathered from one file per area. */
export const nl = { ...core, ...profiles, ...marketplace, ...money, ...campaigns, ...office };

export type Resources = typeof nl;
