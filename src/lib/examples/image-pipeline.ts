import type { Example } from './types.js';

const arn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

/** The seed article's three-branch Parallel: resize, thumbnail and metadata at the same time. */
export const imagePipeline: Example = {
	id: 'image-pipeline',
	title: 'Image pipeline (Parallel)',
	summary:
		'Three Lambda functions run at the same time; the workflow takes as long as the slowest branch (3 s), not the sum (6 s).',
	definition: JSON.stringify(
		{
			Comment: 'Process an uploaded image: three independent tasks run in parallel.',
			StartAt: 'RunTasksInParallel',
			States: {
				RunTasksInParallel: {
					Type: 'Parallel',
					Branches: [
						{
							StartAt: 'ResizeImage',
							States: { ResizeImage: { Type: 'Task', Resource: arn('resize-image'), End: true } }
						},
						{
							StartAt: 'GenerateThumbnail',
							States: {
								GenerateThumbnail: { Type: 'Task', Resource: arn('thumbnail-generator'), End: true }
							}
						},
						{
							StartAt: 'ExtractMetadata',
							States: {
								ExtractMetadata: { Type: 'Task', Resource: arn('extract-metadata'), End: true }
							}
						}
					],
					Next: 'CompleteWorkflow'
				},
				CompleteWorkflow: { Type: 'Succeed' }
			}
		},
		null,
		2
	),
	input: JSON.stringify(
		{ bucket: 'uploads', key: 'photos/cat.png', width: 4032, height: 3024 },
		null,
		2
	),
	handlers: {
		'resize-image': `export const handler = async (event) => {
  const scale = 1024 / event.width;
  console.log(\`Resizing \${event.key} to 1024 px wide\`);
  return {
    key: event.key.replace('photos/', 'resized/'),
    width: 1024,
    height: Math.round(event.height * scale)
  };
};
`,
		'thumbnail-generator': `export const handler = async (event) => {
  console.log('Making a 128 px thumbnail');
  return { key: event.key.replace('photos/', 'thumbnails/'), size: 128 };
};
`,
		'extract-metadata': `export const handler = async (event) => {
  console.log(\`Reading metadata of \${event.key}\`);
  return {
    format: event.key.split('.').pop().toUpperCase(),
    megapixels: Number(((event.width * event.height) / 1e6).toFixed(1))
  };
};
`
	},
	latency: { byState: { ResizeImage: 3000, GenerateThumbnail: 2000, ExtractMetadata: 1000 } }
};
