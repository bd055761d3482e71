/**
 * The parameters of one benefit year. Money is in cents (write € 900.07 as 900_07), incomes per
 * year, rents per month. Each year's file cites the legal source of every value; a value the
 * research did not find is `null`, never a guess.
 */
export interface HuurtoeslagParams {
  readonly year: number;
  /** Age from which someone is meerderjarig and may be the huurder (Wht art. 8). */
  readonly adultAge: number;
  readonly rent: {
    /** Maximale huurgrens (art. 13 lid 1 onder a). */
    readonly maxRentCents: number;
    /** The lower limit for young households (art. 13 lid 1 onder b). */
    readonly youthMaxRentCents: number;
    /** Everyone in the household under this age (and no child, no handicap): the youth limit applies. */
    readonly youthAge: number;
    /**
     * 'condition': rent above the limit ends the right, with the art. 13 lid 2 exceptions (2025).
     * 'cap': the part of the rent above the limit is simply not subsidised (2026).
     */
    readonly maxRentRule: 'condition' | 'cap';
    /** Household size from which the "8 or more persons" exception of art. 13 lid 2 applies. */
    readonly largeHouseholdSize: number;
  };
  /** Eligible service costs (art. 5 lid 3), or null when service costs no longer count. */
  readonly serviceCosts: { readonly capPerCategoryCents: number } | null;
  readonly bands: {
    /** Kwaliteitskortingsgrens (art. 20 lid 1). */
    readonly kwaliteitskortingsgrensCents: number;
    /** Aftoppingsgrens for 1 or 2 persons and for 3 or more (art. 20 lid 2). */
    readonly aftoppingsgrensCents: { readonly upToTwoPersons: number; readonly threeOrMore: number };
    /** Share of the rent paid between KKG and AFT, and above AFT (Besluit art. 7). */
    readonly middlePercent: number;
    readonly topPercent: number;
  };
  readonly income: QuadraticNormhuur | LinearTaper;
  readonly assets: {
    /** Limits on 1 January: alone, together with a toeslagpartner, and for each adult co-resident. */
    readonly singleCents: number;
    readonly withPartnerCents: number;
    readonly perCoResidentCents: number;
  };
  readonly childIncomeExemption: {
    /** A child co-resident under this age on 1 January only counts for income above the amount. */
    readonly underAge: number;
    /** null: the amount for this year was not found. */
    readonly amountCents: number | null;
  };
}

export type HouseholdType = 'single' | 'multi';

/** 2025: normhuur a·Y² + b·Y above the minimum-inkomensijkpunt (Wht art. 17–19). */
export interface QuadraticNormhuur {
  readonly kind: 'quadratic-normhuur';
  readonly perHousehold: Readonly<Record<HouseholdType, QuadraticHousehold>>;
  /** Art. 16 surcharge on the normhuur (€ 0 since 2023). */
  readonly surchargeCents: number;
  /** The year's lowering from the Wet verlaging eigen bijdrage huurtoeslag. */
  readonly loweringCents: number;
}

export interface QuadraticHousehold {
  readonly minimumIncomePointCents: number;
  readonly normhuurAtMinimumCents: number;
  /** Factors a and b times 10^12, so they are exact integers. */
  readonly aE12: number;
  readonly bE12: number;
}

/** 2026: a fixed basishuur and a linear income taper above the minimum-inkomensijkpunt (Wht art. 17, 21). */
export interface LinearTaper {
  readonly kind: 'linear-taper';
  readonly perHousehold: Readonly<Record<HouseholdType, TaperHousehold>>;
  readonly surchargeCents: number;
  readonly loweringCents: number;
}

export interface TaperHousehold {
  readonly minimumIncomePointCents: number;
  readonly normhuurCents: number;
  /** Yearly income above the minimum point reduces the yearly toeslag by this percentage. */
  readonly taperPercent: number;
}
