/**
 * Origin groups and their defaults. Every figure is either sourced (see models/README.md, section
 * 5.1) or a stated assumption; the scenario may override any of them per group.
 */
export const ORIGINS = ['Mexico', 'Guatemala', 'ElSalvador', 'Honduras', 'India', 'Venezuela', 'Cuba', 'Other'] as const;
export type Origin = (typeof ORIGINS)[number];

export interface GroupDefaults {
  /** Persons, millions (Pew Research Center, 2023 estimates; Other = 14.0M total minus the listed groups). */
  personsMillions: number;
  /** Ratio of US to home wages for the same worker (Clemens, Montenegro & Pritchett, CGD WP 148; median 2.7). */
  wageRatio: number;
  /** Median monthly US earnings, dollars (assumption, from typical hourly wages of unauthorised workers). */
  earningsMedian: number;
  /** One-way travel cost home, dollars (assumption: bus to Mexico, flights elsewhere). */
  travelCost: number;
  /** Danger at home, 0 (none) to 1 (severe); scales the cost of ending up at home, by leaving or removal (assumption). */
  danger: number;
  /** Share with a realistic legal route back (work visas, family petitions), 0 to 1 (assumption). */
  legalPathway: number;
  /** Share with temporary protection or a pending case that lowers removal priority (Pew: ~6M of 14M). */
  protectedShare: number;
  /** Share with a US-citizen child or spouse (CMS: 38% are parents of US citizens). */
  familyShare: number;
  /** Median years in the US (CMS: 43% have 15+ years; recent arrivals from Venezuela and Cuba). */
  yearsMedian: number;
}

export const GROUP_DEFAULTS: Record<Origin, GroupDefaults> = {
  Mexico: { personsMillions: 4.3, wageRatio: 2.5, earningsMedian: 2800, travelCost: 400, danger: 0.3, legalPathway: 0.5, protectedShare: 0.3, familyShare: 0.45, yearsMedian: 18 },
  Guatemala: { personsMillions: 0.85, wageRatio: 3.0, earningsMedian: 2500, travelCost: 600, danger: 0.4, legalPathway: 0.3, protectedShare: 0.4, familyShare: 0.35, yearsMedian: 9 },
  ElSalvador: { personsMillions: 0.85, wageRatio: 2.8, earningsMedian: 2600, travelCost: 600, danger: 0.35, legalPathway: 0.2, protectedShare: 0.6, familyShare: 0.4, yearsMedian: 14 },
  Honduras: { personsMillions: 0.775, wageRatio: 3.0, earningsMedian: 2400, travelCost: 600, danger: 0.5, legalPathway: 0.2, protectedShare: 0.5, familyShare: 0.35, yearsMedian: 10 },
  India: { personsMillions: 0.68, wageRatio: 5.0, earningsMedian: 4000, travelCost: 1200, danger: 0.05, legalPathway: 0.6, protectedShare: 0.15, familyShare: 0.2, yearsMedian: 10 },
  Venezuela: { personsMillions: 0.65, wageRatio: 4.0, earningsMedian: 2200, travelCost: 900, danger: 0.7, legalPathway: 0.05, protectedShare: 0.8, familyShare: 0.1, yearsMedian: 3 },
  Cuba: { personsMillions: 0.475, wageRatio: 4.0, earningsMedian: 2300, travelCost: 500, danger: 0.5, legalPathway: 0.05, protectedShare: 0.7, familyShare: 0.15, yearsMedian: 4 },
  Other: { personsMillions: 5.42, wageRatio: 3.0, earningsMedian: 2800, travelCost: 900, danger: 0.3, legalPathway: 0.4, protectedShare: 0.45, familyShare: 0.35, yearsMedian: 12 },
};
