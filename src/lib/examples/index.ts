import { imagePipeline } from './image-pipeline.js';
import type { Example } from './types.js';

export type { Example } from './types.js';

/** Every example, in the order the picker shows them. The first is the default workspace. */
export const examples: readonly Example[] = [imagePipeline];
