/** The one interface both search engines implement (built-in PostgreSQL and Meilisearch). */

export interface ProviderDocument {
  id: string;
  slug: string;
  name: string;
  bio: string;
  kind: string;
  enterpriseNumber: string;
  services: string[];
  sectors: string[];
  languages: string[];
  servedNisCodes: string[];
  baseNisCode: string;
  latitude: number;
  longitude: number;
  foundedOn: string;
  hourlyRateCents: number;
  capacity: number;
  activeEngagements: number;
  ratingAverage: number;
  ratingCount: number;
  completedCount: number;
  engagementCount: number;
  conflictEnterpriseNumbers: string[];
  /** Name, service labels (nl and en) and their synonyms: what typo-tolerant search matches on. */
  searchTerms: string;
}

export type DirectorySort = "relevance" | "rating" | "distance";

export interface DirectoryQuery {
  q?: string;
  services?: string[];
  sectors?: string[];
  municipality?: string;
  languages?: string[];
  starter?: boolean;
  sort?: DirectorySort;
  /** For sorting by distance and showing it. */
  near?: { latitude: number; longitude: number };
  page?: number;
  perPage?: number;
  /** Founded on or after this date counts as a starter (a setting, turned into a date by the caller). */
  starterSince: string;
}

export interface DirectoryHit {
  id: string;
  slug: string;
  name: string;
  kind: string;
  services: string[];
  sectors: string[];
  languages: string[];
  baseNisCode: string;
  foundedOn: string;
  hourlyRateCents: number;
  ratingAverage: number;
  ratingCount: number;
  distanceKm: number | null;
}

export interface DirectoryFacets {
  service: Record<string, number>;
  sector: Record<string, number>;
  municipality: Record<string, number>;
  language: Record<string, number>;
  starter: { true: number; false: number };
}

export interface DirectoryPage {
  hits: DirectoryHit[];
  facets: DirectoryFacets;
  total: number;
  page: number;
  perPage: number;
}

export interface CandidateQuery {
  nisCode: string;
  services: string[];
  languages: string[];
  /** The business's enterprise number: providers who declared a conflict with it are left out. */
  enterpriseNumber?: string | null;
  text?: string;
  limit: number;
}

/** What matching needs of a provider: the document without its long texts. */
export interface Candidate extends Omit<ProviderDocument, "bio" | "searchTerms"> {
  /** 0–1: how well the provider's words match the request's. */
  textRelevance: number;
}

export interface ProviderSearchPort {
  readonly kind: "builtin" | "meilisearch";
  /** Creates the index and applies its settings before any document goes in. */
  setup(): Promise<void>;
  upsert(documents: ProviderDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  /** Every id in the index (for consistency checks and reindexing). */
  ids(): Promise<string[]>;
  search(query: DirectoryQuery): Promise<DirectoryPage>;
  /**
   * The hard filters of matching: serves the municipality, offers a needed service, speaks a needed
   * language, has free capacity, no declared conflict. Only approved providers are ever indexed.
   */
  candidates(query: CandidateQuery): Promise<Candidate[]>;
}
