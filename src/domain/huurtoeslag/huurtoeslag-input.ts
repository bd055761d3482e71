import { z } from 'zod/v4';
import { benefitYears } from './params-by-year.js';

/**
 * The check's input. Amounts in euros; incomes and assets per year, rents per month.
 * Strict objects: an unknown field is an error that names the field.
 */
const euros = (max: number) => z.number().min(0).max(max);

const age = z.number().int().min(0).max(130);

/** Dutch/EU-EEA-Swiss, a valid permit, Ukrainian temporary protection, or none of these. */
export const residenceSchema = z.enum(['nl', 'eu', 'permit', 'ukraine', 'none']);

const incomePerYear = euros(10_000_000);
const assetsOnFirstJanuary = euros(100_000_000);

const personSchema = z.strictObject({
  age,
  residence: residenceSchema,
  registeredAtAddress: z.boolean(),
  /** Expected toetsingsinkomen for the whole benefit year. */
  income: incomePerYear,
});

const coResidentSchema = z.strictObject({
  age,
  residence: residenceSchema,
  registeredAtAddress: z.boolean(),
  income: incomePerYear,
  /** Own assets on 1 January. For a child under 18 they are added to the household's. */
  assets: assetsOnFirstJanuary,
  /** A (foster or step) child of the applicant, the partner or another co-resident. */
  childOfHousehold: z.boolean(),
  /** Rents part of the home on a written contract (onderhuurder). */
  subtenant: z.boolean(),
});

const serviceCost = euros(10_000);

export const huurtoeslagInputSchema = z.strictObject({
  year: z.literal(benefitYears),
  applicant: personSchema,
  partner: personSchema.optional(),
  coResidents: z.array(coResidentSchema).max(20).optional(),
  /** Applicant + partner + minor children not listed in coResidents, on 1 January. */
  assets: assetsOnFirstJanuary,
  dwelling: z.strictObject({
    mainResidence: z.boolean(),
    selfContained: z.boolean(),
    adaptedForDisability: z.boolean(),
  }),
  rent: z.strictObject({
    /** Kale huur per month. */
    base: euros(10_000),
    /** Per month, only the four categories that can count (2025); a missing one is € 0. */
    serviceCosts: z
      .strictObject({
        shared: serviceCost.optional(),
        cleaning: serviceCost.optional(),
        caretaker: serviceCost.optional(),
        serviceRooms: serviceCost.optional(),
      })
      .optional(),
  }),
  previouslyReceivedForThisDwelling: z.boolean().optional(),
});

export type HuurtoeslagInput = z.infer<typeof huurtoeslagInputSchema>;
export type Residence = z.infer<typeof residenceSchema>;
export type CoResidentInput = z.infer<typeof coResidentSchema>;
