import { Excerpt } from "../restExcerpt";

export const excerpts: Record<string, Excerpt> = {};
