import { z } from 'zod';

const minutesDocSchema = z.object({
  title: z.string(),
  organisation: z.string(),
  when: z.string(),
  where: z.array(z.string()),
  present: z.array(z.string()),
  excused: z.array(z.string()),
  items: z.array(
    z.object({ number: z.number(), title: z.string(), notes: z.string(), decisions: z.array(z.string()) }),
  ),
  notes: z.string(),
  status: z.string(),
});
/** The minutes as approved: what the board and the plenary keep frozen (`minutes_snapshot`). */
export type MinutesDoc = z.infer<typeof minutesDocSchema>;

/** An approved snapshot read back from its column, checked against the shape it was written in. */
export function readMinutesSnapshot(json: string | null): MinutesDoc | null {
  return json ? minutesDocSchema.parse(JSON.parse(json)) : null;
}
