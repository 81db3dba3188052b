// Learning a reference class from genuine captures (docs/reference-format.md, "Learned classes"):
// what the station proposes for the expert to correct before it is saved.
import { z } from 'zod';
import { LightSchema } from './capture.contract';
import { DocumentClassSchema } from './reference.contract';

/** A capture file chosen with a file picker: its name (grouped per capture by NAME_white/_ir/_uv, never used as a path) and its bytes. */
export const CaptureFileSchema = z
  .object({
    name: z.string().min(1).max(255).refine((n) => !/[/\\]/.test(n) && !n.includes('\u0000') && n !== '.' && n !== '..', 'a file name, without folders'),
    base64: z.string().max(60_000_000).regex(/^[A-Za-z0-9+/]*=*$/),
  })
  .strict();
export type CaptureFile = z.infer<typeof CaptureFileSchema>;

/** At most 50 captures of 3 lights each. */
export const CaptureFilesSchema = z.array(CaptureFileSchema).min(1).max(150);

export const CaptureReportSchema = z.object({
  name: z.string(),
  lights: z.array(LightSchema),
  used: z.boolean(),
  reason: z.string().optional(),
  score: z.number().optional(),
});

export const LearningProposalSchema = z.object({
  /** Names the proposal until it is saved or discarded (kept on the station for an hour at most). */
  draftId: z.string(),
  /** 'learn': a new class; 'grow': the next version of an existing one. */
  action: z.enum(['learn', 'grow']),
  cls: DocumentClassSchema,
  /** The proposed reference images, base64 PNG, per light. */
  images: z.object({ white: z.string(), ir: z.string().optional(), uv: z.string().optional() }),
  captures: z.array(CaptureReportSchema),
  notes: z.array(z.string()),
  ms: z.number(),
});
export type LearningProposal = z.infer<typeof LearningProposalSchema>;
