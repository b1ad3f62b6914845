import { z } from 'zod';

/**
 * The parts of Alertmanager's API v2 the console reads and writes, as Alertmanager 0.25 answers them
 * (its OpenAPI spec, api/v2/openapi.yaml). Groups, alerts and silences are checked one by one by the
 * client (./client.ts).
 */

const labelsSchema = z.record(z.string(), z.string());

export const alertSchema = z.object({
  labels: labelsSchema,
  annotations: labelsSchema,
  startsAt: z.string(),
  endsAt: z.string(),
  updatedAt: z.string(),
  fingerprint: z.string(),
  generatorURL: z.string().optional(),
  status: z.object({
    state: z.enum(['unprocessed', 'active', 'suppressed']),
    silencedBy: z.array(z.string()),
    inhibitedBy: z.array(z.string()),
  }),
});

export const alertGroupSchema = z.object({
  labels: labelsSchema,
  receiver: z.object({ name: z.string() }),
  alerts: z.array(z.unknown()),
});

export const matcherSchema = z.object({
  name: z.string(),
  value: z.string(),
  isRegex: z.boolean(),
  isEqual: z.boolean().optional(),
});

export const silenceSchema = z.object({
  id: z.string(),
  status: z.object({ state: z.enum(['expired', 'active', 'pending']) }),
  updatedAt: z.string(),
  matchers: z.array(matcherSchema),
  startsAt: z.string(),
  endsAt: z.string(),
  createdBy: z.string(),
  comment: z.string(),
});

export const createdSilenceSchema = z.object({ silenceID: z.string() });

export type AlertmanagerAlert = z.infer<typeof alertSchema>;
export type Matcher = z.infer<typeof matcherSchema>;
export type AlertmanagerSilence = z.infer<typeof silenceSchema>;
