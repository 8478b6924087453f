// LIKE patterns from what people type: their %, _ and \ are searched for literally.
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A LIKE pattern for text that contains these words anywhere. */
export const containing = (text: string): string => `%${escapeLike(text)}%`;
