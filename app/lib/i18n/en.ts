import { campaigns } from "./en/campaigns";
import { core } from "./en/core";
import { marketplace } from "./en/marketplace";
import { money } from "./en/money";
import { office } from "./en/office";
import { profiles } from "./en/profiles";
import type { Resources } from "./nl";
import type { DeepStrings } from "./types";

/** English, the second language: the same keys as the Dutch, checked by the type. */
export const en: DeepStrings<Resources> = { ...core, ...profiles, ...marketplace, ...money, ...campaigns, ...office };
