import { aiDocumentPipeline } from './ai-document-pipeline.js';
import { ecommerceOrder } from './ecommerce-order.js';
import { financialTransaction } from './financial-transaction.js';
import { imagePipeline } from './image-pipeline.js';
import { mediaPipeline } from './media-pipeline.js';
import type { Example } from './types.js';

export type { Example } from './types.js';

/** Every example, in the order the picker shows them. The first is the default workspace. */
export const examples: readonly Example[] = [
	imagePipeline,
	ecommerceOrder,
	aiDocumentPipeline,
	mediaPipeline,
	financialTransaction
];
